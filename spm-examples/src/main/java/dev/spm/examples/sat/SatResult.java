package dev.spm.examples.sat;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a solver concluded, with its search statistics. Immutable and {@link Serializable}, so a
 * spoke can send it to the hub.
 *
 * @param status SATISFIABLE, UNSATISFIABLE, or UNKNOWN when the solver was stopped first
 * @param model for SATISFIABLE, one literal per variable: {@code model[v - 1]} is {@code v} when
 *     {@code v} is true, {@code -v} when false; empty otherwise
 * @param stats what the search did
 */
public record SatResult(Status status, int[] model, Stats stats) implements Serializable {
  /** The answer. */
  public enum Status {
    SATISFIABLE,
    UNSATISFIABLE,
    /** Stopped before an answer. */
    UNKNOWN
  }

  /**
   * Counters of one search.
   *
   * @param exported clauses handed to {@link ClauseExchange#export}
   * @param imported clauses received through {@link ClauseExchange#importInto} (including those
   *     found satisfied and dropped)
   */
  public record Stats(long conflicts, long decisions, long propagations, long restarts, long learnt,
      long exported, long imported) implements Serializable {}

  /** @throws IllegalArgumentException when a model comes with a status other than SATISFIABLE */
  public SatResult {
    if (status != Status.SATISFIABLE && model.length > 0) {
      throw new IllegalArgumentException("only a SATISFIABLE result has a model, but this one is " + status);
    }
    model = model.clone();
  }

  @Override
  public int[] model() {
    return model.clone();
  }

  /** Whether variable {@code v} (1-based) is true in the model. */
  public boolean value(int v) {
    return model[v - 1] > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SatResult r && status == r.status && Arrays.equals(model, r.model) && stats.equals(r.stats);
  }

  @Override
  public int hashCode() {
    return status.hashCode() * 31 + Arrays.hashCode(model);
  }

  @Override
  public String toString() {
    return "SatResult[" + status + ", " + stats + "]";
  }
}
