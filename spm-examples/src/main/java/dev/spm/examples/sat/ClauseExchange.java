package dev.spm.examples.sat;

/**
 * How a {@link CdclSolver} shares clauses with the other members of a portfolio. The solver calls
 * both methods on its own thread only, never at once; an implementation that hands clauses to
 * other threads (or spokes) must do its own synchronization.
 *
 * <p>Clauses travel as DIMACS literals ({@code v} or {@code -v}) of the shared formula, with the
 * exporter's LBD (the number of decision levels among its literals when it was learnt; 1 for a
 * unit). Every exported clause is implied by the formula, so importing it never changes the
 * answer, only the search.
 */
public interface ClauseExchange {
  /** Receives imported clauses, one call per clause. */
  @FunctionalInterface
  interface Sink {
    /**
     * @param clause DIMACS literals; the solver does not keep the array, so the caller may reuse it
     * @param lbd the exporter's LBD, at least 1
     * @throws IllegalArgumentException when a literal is 0 or names a variable the formula does not
     *     have
     */
    void add(int[] clause, int lbd);
  }

  /**
   * Called for each learnt clause that passes the solver's export filter ({@link
   * Config#exportMaxSize()}, {@link Config#exportMaxLbd()}), right after it is learnt. It should
   * be quick: buffer, do not block on the network. An exception thrown here ends the solver's
   * {@link CdclSolver#solve()} with that exception.
   *
   * @param clause a fresh array of DIMACS literals that the callee may keep
   */
  void export(int[] clause, int lbd);

  /**
   * Called at decision level 0, at the start and at each restart (the solver's own, or one it
   * forces when 20,000 conflicts passed without one): hand every clause received since the last
   * call to {@code sink}. An exception thrown here ends the solver's {@code solve}
   * with that exception.
   */
  void importInto(Sink sink);

  /** An exchange that shares nothing: a solver alone. */
  static ClauseExchange none() {
    return NoExchange.INSTANCE;
  }
}

/** Shares nothing. */
enum NoExchange implements ClauseExchange {
  INSTANCE;

  @Override
  public void export(int[] clause, int lbd) {}

  @Override
  public void importInto(Sink sink) {}
}
