package dev.spm.examples.sat;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A formula in conjunctive normal form: a number of variables {@code 1..numVars} and clauses of
 * DIMACS literals ({@code v} or {@code -v}). Immutable: the constructor copies the clauses it is
 * given and {@link #clause(int)} returns a copy. Safe to share between threads and to send to a
 * spoke (it is {@link Serializable}).
 *
 * <p>A clause may be empty (the formula is then unsatisfiable), may repeat a literal or hold both
 * {@code v} and {@code -v}; solvers deal with that.
 */
public final class Cnf implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numVars;
  private final int[][] clauses;

  /**
   * @throws IllegalArgumentException when {@code numVars} is negative, or a literal is 0 or names
   *     a variable above {@code numVars}; the message names the clause and the literal
   */
  public Cnf(int numVars, List<int[]> clauses) {
    if (numVars < 0) {
      throw new IllegalArgumentException("numVars must be >= 0, but was " + numVars);
    }
    this.numVars = numVars;
    this.clauses = new int[clauses.size()][];
    for (int i = 0; i < this.clauses.length; i++) {
      int[] c = clauses.get(i).clone();
      for (int lit : c) {
        if (lit == 0 || Math.abs((long) lit) > numVars) {
          throw new IllegalArgumentException("clause " + (i + 1) + " holds literal " + lit
              + ", but the variables are 1.." + numVars);
        }
      }
      this.clauses[i] = c;
    }
  }

  public int numVars() {
    return numVars;
  }

  public int numClauses() {
    return clauses.length;
  }

  /** Takes the clauses as they are, without copying or checking: for this package's readers. */
  private Cnf(int numVars, int[][] clauses) {
    this.numVars = numVars;
    this.clauses = clauses;
  }

  /** A formula over clauses that the caller has checked and will not change again. */
  static Cnf owning(int numVars, int[][] clauses) {
    return new Cnf(numVars, clauses);
  }

  /** A copy of clause {@code i} (0-based). */
  public int[] clause(int i) {
    return clauses[i].clone();
  }

  /** The clause itself, for readers in this package that promise not to change it. */
  int[] clauseView(int i) {
    return clauses[i];
  }

  /** The total number of literals over all clauses. */
  public long numLiterals() {
    long n = 0;
    for (int[] c : clauses) {
      n += c.length;
    }
    return n;
  }

  /**
   * The index (0-based) of the first clause that the model does not satisfy, or -1 when it
   * satisfies every clause.
   *
   * @param model one literal per variable, {@code model[v - 1]} being {@code v} or {@code -v}, as
   *     {@link SatResult#model()} gives it
   * @throws IllegalArgumentException when the model is not of that form: the message names the
   *     first bad entry
   */
  public int firstFalsifiedClause(int[] model) {
    if (model.length != numVars) {
      throw new IllegalArgumentException("the model has " + model.length + " literals, but the formula has "
          + numVars + " variables");
    }
    for (int v = 1; v <= numVars; v++) {
      if (model[v - 1] != v && model[v - 1] != -v) {
        throw new IllegalArgumentException("model[" + (v - 1) + "] must be " + v + " or " + (-v) + ", but was "
            + model[v - 1]);
      }
    }
    for (int i = 0; i < clauses.length; i++) {
      boolean satisfied = false;
      for (int lit : clauses[i]) {
        if (model[Math.abs(lit) - 1] == lit) {
          satisfied = true;
          break;
        }
      }
      if (!satisfied) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the model satisfies every clause; see {@link #firstFalsifiedClause(int[])}. */
  public boolean isSatisfiedBy(int[] model) {
    return firstFalsifiedClause(model) < 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cnf other && numVars == other.numVars && Arrays.deepEquals(clauses, other.clauses);
  }

  @Override
  public int hashCode() {
    return 31 * numVars + Arrays.deepHashCode(clauses);
  }

  @Override
  public String toString() {
    return "Cnf[vars=" + numVars + ", clauses=" + clauses.length + "]";
  }
}
