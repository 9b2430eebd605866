package dev.spm.examples.sat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bounded variable elimination, as minisat's preprocessor (SatELite) does it, before the search:
 * a variable is replaced by all resolvents of its clauses when that does not add clauses and no
 * resolvent is longer than {@link #MAX_RESOLVENT}. The reduced formula is satisfiable exactly when
 * the original is, and every clause it implies over the remaining variables is implied by the
 * original too; {@link #extend(int[])} turns a model of the reduced formula into one of the
 * original. Not thread-safe: one owner.
 */
final class Elimination {
  /*
   * Overview. Clauses are int arrays of solver literals (2v, 2v+1) in a list; a deleted clause is
   * set to null. occ[lit] lists the indices of the clauses holding lit, and may hold stale
   * indices of deleted clauses, which readers skip. Variables in unit clauses, and those that
   * become units, are frozen: never eliminated, so no resolvent is empty. The clauses of each
   * eliminated variable are saved on the extension stack, its literal first and the clause's
   * length after it, for extend() to read backwards as minisat's extendModel does.
   */

  /** The longest resolvent allowed, minisat's {@code -cl-lim}. */
  static final int MAX_RESOLVENT = 20;

  private final int numVars;
  private final List<int[]> clauses = new ArrayList<>();
  private final IntVec[] occ;
  private final boolean[] frozen;
  private final boolean[] eliminated;
  private final IntVec stack = new IntVec();
  private final int[] mark;
  private int markStamp;
  private long budget;
  private int eliminatedCount;

  /**
   * Eliminates what it can within {@code budget} literal visits (a bound on the time taken).
   */
  Elimination(Cnf cnf, long budget) {
    numVars = cnf.numVars();
    this.budget = budget;
    occ = new IntVec[2 * numVars];
    frozen = new boolean[numVars];
    eliminated = new boolean[numVars];
    mark = new int[2 * numVars];
    for (int i = 0; i < cnf.numClauses(); i++) {
      int[] c = normalize(cnf.clauseView(i));
      if (c != null) {
        add(c);
      }
    }
    run();
  }

  /** The clause in solver literals without repeats, or null for a tautology. */
  private int[] normalize(int[] dimacs) {
    nextMark();
    IntVec out = new IntVec(dimacs.length);
    for (int d : dimacs) {
      int lit = 2 * (Math.abs(d) - 1) + (d < 0 ? 1 : 0);
      if (mark[lit ^ 1] == markStamp) {
        return null;
      }
      if (mark[lit] != markStamp) {
        mark[lit] = markStamp;
        out.push(lit);
      }
    }
    return Arrays.copyOf(out.data, out.size);
  }

  private void nextMark() {
    if (++markStamp == Integer.MAX_VALUE) {
      Arrays.fill(mark, 0);
      markStamp = 1;
    }
  }

  private void add(int[] c) {
    int index = clauses.size();
    clauses.add(c);
    if (c.length == 1) {
      frozen[c[0] >> 1] = true;
    }
    for (int lit : c) {
      if (occ[lit] == null) {
        occ[lit] = new IntVec(4);
      }
      occ[lit].push(index);
    }
  }

  private void run() {
    long[] order = new long[numVars];
    int n = 0;
    for (int v = 0; v < numVars; v++) {
      long cost = (long) size(2 * v) * size(2 * v + 1);
      order[n++] = cost << 32 | v;
    }
    Arrays.sort(order, 0, n);
    for (int i = 0; i < n && budget > 0; i++) {
      int v = (int) order[i];
      if (!frozen[v] && (size(2 * v) > 0 || size(2 * v + 1) > 0)) {
        tryEliminate(v);
      }
    }
  }

  private int size(int lit) {
    return occ[lit] == null ? 0 : occ[lit].size;
  }

  /** The live clauses holding {@code lit}, compacting its occurrence list. */
  private IntVec live(int lit) {
    IntVec list = occ[lit];
    if (list == null) {
      return new IntVec(1);
    }
    int j = 0;
    for (int i = 0; i < list.size; i++) {
      int c = list.data[i];
      if (clauses.get(c) != null) {
        list.data[j++] = c;
      }
    }
    list.shrinkTo(j);
    return list;
  }

  private void tryEliminate(int v) {
    int pos = 2 * v;
    IntVec p = live(pos);
    IntVec q = live(pos + 1);
    int limit = p.size + q.size;
    if ((long) p.size * q.size > 10_000) {
      return;
    }
    List<int[]> resolvents = new ArrayList<>();
    for (int i = 0; i < p.size; i++) {
      for (int j = 0; j < q.size; j++) {
        int[] r = resolve(clauses.get(p.data[i]), clauses.get(q.data[j]), v);
        if (r == null) {
          continue;
        }
        if (r.length > MAX_RESOLVENT || resolvents.size() == limit || budget <= 0) {
          return;
        }
        resolvents.add(r);
      }
    }
    eliminated[v] = true;
    eliminatedCount++;
    for (IntVec side : new IntVec[] {p, q}) {
      int own = side == p ? pos : pos + 1;
      for (int i = 0; i < side.size; i++) {
        int[] c = clauses.get(side.data[i]);
        stack.push(own);
        for (int lit : c) {
          if (lit != own) {
            stack.push(lit);
          }
        }
        stack.push(c.length);
        clauses.set(side.data[i], null);
      }
    }
    occ[pos] = null;
    occ[pos + 1] = null;
    for (int[] r : resolvents) {
      add(r);
    }
  }

  /** The resolvent of {@code a} (holding v) and {@code b} (holding ¬v), or null when tautological. */
  private int[] resolve(int[] a, int[] b, int v) {
    budget -= a.length + b.length;
    nextMark();
    IntVec out = new IntVec(a.length + b.length);
    for (int lit : a) {
      if (lit >> 1 != v) {
        mark[lit] = markStamp;
        out.push(lit);
      }
    }
    for (int lit : b) {
      if (lit >> 1 == v || mark[lit] == markStamp) {
        continue;
      }
      if (mark[lit ^ 1] == markStamp) {
        return null;
      }
      out.push(lit);
    }
    return Arrays.copyOf(out.data, out.size);
  }

  /** The remaining clauses, in solver literals. */
  List<int[]> clauses() {
    List<int[]> out = new ArrayList<>();
    for (int[] c : clauses) {
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  boolean isEliminated(int v) {
    return eliminated[v];
  }

  int eliminatedCount() {
    return eliminatedCount;
  }

  /**
   * Gives the eliminated variables of {@code model} (DIMACS literals, one per variable) values
   * that satisfy their saved clauses, last eliminated first.
   */
  void extend(int[] model) {
    int i = stack.size - 1;
    while (i >= 0) {
      int length = stack.data[i--];
      boolean satisfied = false;
      for (int k = 0; k < length - 1; k++, i--) {
        int lit = stack.data[i];
        if (!satisfied && model[lit >> 1] == toDimacs(lit)) {
          satisfied = true;
        }
      }
      int own = stack.data[i--];
      if (!satisfied) {
        model[own >> 1] = toDimacs(own);
      }
    }
  }

  private static int toDimacs(int lit) {
    return (lit & 1) == 0 ? (lit >> 1) + 1 : -((lit >> 1) + 1);
  }
}
