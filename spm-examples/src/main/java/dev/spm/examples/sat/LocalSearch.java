package dev.spm.examples.sat;

import java.util.function.BooleanSupplier;

/**
 * ProbSAT, a stochastic local search over the original clauses, which {@link CdclSolver} runs now
 * and then from its saved phases (Kissat calls it rephasing by walking). It either finds a model,
 * or leaves behind the assignment with the fewest falsified clauses it saw, which the solver
 * takes as its new phases. It cannot prove anything unsatisfiable. Not thread-safe: one owner.
 */
final class LocalSearch {
  /*
   * Overview. Clauses are flattened (clauseStart, lits) and so are the occurrence lists of each
   * literal (occStart, occ), both with literals in the solver's encoding (2v, 2v+1). trueCount[c]
   * counts the true literals of clause c; the falsified clauses are listed in unsat[], with
   * unsatPos[c] their place there (or -1). A flip picks a random falsified clause and one of its
   * free variables with probability falling with the number of clauses the flip would falsify
   * (its "break" count). Flips since the best assignment are logged, so that the best can be
   * restored by undoing them.
   */

  private final int numVars;
  private final int numClauses;
  private final int[] clauseStart;
  private final int[] lits;
  private final int[] occStart;
  private final int[] occ;
  private final int[] trueCount;
  private final int[] unsat;
  private final int[] unsatPos;
  private int unsatCount;
  private final boolean[] value;
  private final double[] breakWeight = new double[64];
  private final double[] scratch;
  private int[] log = new int[1024];
  private final SplitMix64 random;

  LocalSearch(Cnf cnf, long seed) {
    numVars = cnf.numVars();
    numClauses = cnf.numClauses();
    clauseStart = new int[numClauses + 1];
    long total = cnf.numLiterals();
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many literals for local search: " + total);
    }
    lits = new int[(int) total];
    int[] occCount = new int[2 * numVars + 1];
    int maxLength = 0;
    int k = 0;
    for (int c = 0; c < numClauses; c++) {
      clauseStart[c] = k;
      int[] clause = cnf.clauseView(c);
      maxLength = Math.max(maxLength, clause.length);
      for (int dimacs : clause) {
        int lit = 2 * (Math.abs(dimacs) - 1) + (dimacs < 0 ? 1 : 0);
        lits[k++] = lit;
        occCount[lit]++;
      }
    }
    clauseStart[numClauses] = k;
    occStart = new int[2 * numVars + 1];
    for (int l = 0; l < 2 * numVars; l++) {
      occStart[l + 1] = occStart[l] + occCount[l];
    }
    occ = new int[k];
    int[] fill = occStart.clone();
    for (int c = 0; c < numClauses; c++) {
      for (int i = clauseStart[c]; i < clauseStart[c + 1]; i++) {
        occ[fill[lits[i]]++] = c;
      }
    }
    trueCount = new int[numClauses];
    unsat = new int[numClauses];
    unsatPos = new int[numClauses];
    value = new boolean[numVars];
    scratch = new double[Math.max(1, maxLength)];
    // probSAT's weights: polynomial for short clauses, exponential for longer ones
    for (int b = 0; b < breakWeight.length; b++) {
      breakWeight[b] = maxLength <= 3 ? Math.pow(1.0 + b, -2.38) : Math.pow(maxLength <= 4 ? 3.0 : 3.7, -b);
    }
    random = new SplitMix64(seed ^ 0x5DEECE66DL);
  }

  /**
   * Walks from the phases for at most {@code maxFlips} flips. Variables whose {@code fixed} entry is
   * non-zero (1 true, -1 false: the solver's level-0 assignments) keep that value.
   *
   * @param negative the phases, one per variable (true: the variable is false); overwritten with
   *     the best assignment found
   * @param stop polled every 1024 flips; true ends the walk
   * @return whether the assignment now in {@code negative} satisfies every clause
   */
  boolean walk(boolean[] negative, byte[] fixed, long maxFlips, BooleanSupplier stop) {
    for (int v = 0; v < numVars; v++) {
      value[v] = fixed[v] != 0 ? fixed[v] > 0 : !negative[v];
    }
    unsatCount = 0;
    for (int c = 0; c < numClauses; c++) {
      int t = 0;
      for (int i = clauseStart[c]; i < clauseStart[c + 1]; i++) {
        if (isTrue(lits[i])) {
          t++;
        }
      }
      trueCount[c] = t;
      unsatPos[c] = -1;
      if (t == 0) {
        addUnsat(c);
      }
    }
    int best = unsatCount;
    int logged = 0;
    for (long flip = 0; flip < maxFlips && unsatCount > 0; flip++) {
      if ((flip & 1023) == 0 && stop.getAsBoolean()) {
        break;
      }
      int c = unsat[random.nextInt(unsatCount)];
      int v = pick(c, fixed);
      if (v < 0) {
        break;
      }
      flip(v);
      if (unsatCount < best) {
        best = unsatCount;
        logged = 0;
      } else {
        if (logged == log.length) {
          log = java.util.Arrays.copyOf(log, logged * 2);
        }
        log[logged++] = v;
      }
    }
    while (logged > 0) {
      flip(log[--logged]);
    }
    for (int v = 0; v < numVars; v++) {
      negative[v] = !value[v];
    }
    return unsatCount == 0;
  }

  /** The variable to flip in falsified clause {@code c}, or -1 when all its variables are fixed. */
  private int pick(int c, byte[] fixed) {
    int from = clauseStart[c];
    int to = clauseStart[c + 1];
    double sum = 0;
    for (int i = from; i < to; i++) {
      int v = lits[i] >> 1;
      double w = 0;
      if (fixed[v] == 0) {
        int b = breaks(v);
        w = breakWeight[Math.min(b, breakWeight.length - 1)];
      }
      scratch[i - from] = w;
      sum += w;
    }
    if (sum == 0) {
      return -1;
    }
    double r = random.nextDouble() * sum;
    for (int i = from; i < to; i++) {
      r -= scratch[i - from];
      if (r <= 0 && scratch[i - from] > 0) {
        return lits[i] >> 1;
      }
    }
    for (int i = to - 1; i >= from; i--) {
      if (scratch[i - from] > 0) {
        return lits[i] >> 1;
      }
    }
    return -1;
  }

  /** How many clauses flipping {@code v} would falsify: those where its true literal is alone. */
  private int breaks(int v) {
    int trueLit = 2 * v + (value[v] ? 0 : 1);
    int b = 0;
    for (int i = occStart[trueLit], end = occStart[trueLit + 1]; i < end; i++) {
      if (trueCount[occ[i]] == 1) {
        b++;
      }
    }
    return b;
  }

  private void flip(int v) {
    int wasTrue = 2 * v + (value[v] ? 0 : 1);
    value[v] = !value[v];
    int nowTrue = wasTrue ^ 1;
    for (int i = occStart[nowTrue], end = occStart[nowTrue + 1]; i < end; i++) {
      int c = occ[i];
      if (trueCount[c]++ == 0) {
        removeUnsat(c);
      }
    }
    for (int i = occStart[wasTrue], end = occStart[wasTrue + 1]; i < end; i++) {
      int c = occ[i];
      if (--trueCount[c] == 0) {
        addUnsat(c);
      }
    }
  }

  private boolean isTrue(int lit) {
    return value[lit >> 1] == ((lit & 1) == 0);
  }

  private void addUnsat(int c) {
    unsatPos[c] = unsatCount;
    unsat[unsatCount++] = c;
  }

  private void removeUnsat(int c) {
    int pos = unsatPos[c];
    int last = unsat[--unsatCount];
    unsat[pos] = last;
    unsatPos[last] = pos;
    unsatPos[c] = -1;
  }
}
