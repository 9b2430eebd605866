package dev.spm.examples.sat;

import java.io.Serializable;

/**
 * How one {@link CdclSolver} searches. Members of a portfolio get different configurations (see
 * {@link #portfolio(int)}) so that their searches diverge. Immutable and {@link Serializable}; the
 * constructor and the {@link Builder}'s setters reject a bad value at once and name it.
 *
 * @param seed seeds the solver's random choices (random decisions, initial activities, random
 *     polarity); the same seed and formula give the same search, when nothing is imported
 * @param randomFrequency the probability, in [0, 1], that a decision picks a random variable
 *     instead of the most active one
 * @param restarts when to restart
 * @param lubyUnit for {@link Restarts#LUBY}: the conflicts of the shortest run, as minisat's
 *     {@code -rfirst}
 * @param polarity the value a variable is first decided to
 * @param phaseSaving whether a variable is decided to its last value (phase saving), after the first
 *     time
 * @param varDecay VSIDS decay, in (0, 1): the closer to 1, the longer a variable's activity lasts
 * @param clauseDecay learnt-clause activity decay, in (0, 1)
 * @param randomInitialActivity whether variables start with small random activities, so that seeds
 *     differ from the first decision on
 * @param minimize whether learnt clauses are minimized recursively (minisat's {@code -ccmin-mode=2})
 * @param firstReduce the conflicts before the first reduction of the learnt clauses
 * @param reduceIncrement how much longer each interval between two reductions is than the last
 * @param exportMaxSize a learnt clause with at most this many literals is exported
 * @param exportMaxLbd a learnt clause whose LBD is at most this is exported too (0: none by LBD)
 * @param eliminate whether to run bounded variable elimination before the search (minisat's
 *     preprocessing). It depends on the formula only, so members that all eliminate remove the
 *     same variables; a member drops imported clauses over variables it eliminated
 * @param walkEffort local search at restarts (Kissat's rephasing by walking): the flips of each
 *     walk per propagation of the search since the last walk; 0: never walk. A walk that
 *     satisfies every clause ends the search; otherwise its best assignment becomes the phases
 */
public record Config(long seed, double randomFrequency, Restarts restarts, int lubyUnit, Polarity polarity,
    boolean phaseSaving, double varDecay, double clauseDecay, boolean randomInitialActivity, boolean minimize,
    int firstReduce, int reduceIncrement, int exportMaxSize, int exportMaxLbd, boolean eliminate,
    double walkEffort)
    implements Serializable {

  /** Restart policies. */
  public enum Restarts {
    /** Runs of {@code lubyUnit × luby(i)} conflicts, as minisat does. */
    LUBY,
    /**
     * Glucose's: restart when the LBDs of the last 50 learnt clauses are worse than the average
     * so far; postpone restarts while the trail is much longer than usual.
     */
    GLUCOSE
  }

  /** The first value a variable is decided to. */
  public enum Polarity {
    FALSE,
    TRUE,
    /** Chosen at random per variable, from the seed, once. */
    RANDOM
  }

  /** @throws IllegalArgumentException naming the first bad value */
  public Config {
    requireIn("randomFrequency", randomFrequency, 0, 1, true);
    requireIn("varDecay", varDecay, 0, 1, false);
    requireIn("clauseDecay", clauseDecay, 0, 1, false);
    requirePositive("lubyUnit", lubyUnit);
    requirePositive("firstReduce", firstReduce);
    requireNonNegative("reduceIncrement", reduceIncrement);
    requireNonNegative("exportMaxSize", exportMaxSize);
    requireNonNegative("exportMaxLbd", exportMaxLbd);
    requireIn("walkEffort", walkEffort, 0, 1000, true);
    if (restarts == null || polarity == null) {
      throw new IllegalArgumentException((restarts == null ? "restarts" : "polarity") + " must not be null");
    }
  }

  /**
   * Glucose-style restarts and clause reduction, minisat's decision heuristic, a local-search walk
   * now and then (effort 0.1), no elimination, no random decisions.
   */
  public static Config defaults() {
    return new Config(0, 0, Restarts.GLUCOSE, 100, Polarity.FALSE, true, 0.95, 0.999, false, true, 2000, 300,
        8, 3, false, 0.1);
  }

  /**
   * The configuration of member {@code member} (0-based) of a portfolio. Member 0 is {@link
   * #defaults()}, the best alone on our benchmark; member 1 adds variable elimination and keeps
   * fewer learnt clauses (better on graph colouring and random unsatisfiable formulas, worse on
   * parity); member 2 restarts by Luby
   * from random activities; member 3 decides true first, decays faster and makes random
   * decisions. From member 4 on, the first four repeat with random initial activities. Each
   * member has its own seed.
   *
   * @throws IllegalArgumentException when {@code member} is negative
   */
  public static Config portfolio(int member) {
    requireNonNegative("member", member);
    Builder b = defaults().toBuilder().seed(0x9E3779B97F4A7C15L * (member + 1));
    switch (member % 4) {
      case 0 -> { }
      case 1 -> b.eliminate(true).firstReduce(500).reduceIncrement(100);
      case 2 -> b.restarts(Restarts.LUBY).lubyUnit(100).randomInitialActivity(true);
      default -> b.polarity(Polarity.TRUE).varDecay(0.92).randomFrequency(0.005);
    }
    if (member >= 4) {
      b.randomInitialActivity(true);
    }
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void requireIn(String name, double value, double low, double high, boolean closed) {
    boolean ok = closed ? value >= low && value <= high : value > low && value < high;
    if (!ok) {
      throw new IllegalArgumentException(name + " must be in " + (closed ? "[" : "(") + low + ", " + high
          + (closed ? "]" : ")") + ", but was " + value);
    }
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
    }
  }

  /** Changes some values of a configuration; each setter rejects a bad value at once. */
  public static final class Builder {
    private long seed;
    private double randomFrequency;
    private Restarts restarts;
    private int lubyUnit;
    private Polarity polarity;
    private boolean phaseSaving;
    private double varDecay;
    private double clauseDecay;
    private boolean randomInitialActivity;
    private boolean minimize;
    private int firstReduce;
    private int reduceIncrement;
    private int exportMaxSize;
    private int exportMaxLbd;
    private boolean eliminate;
    private double walkEffort;

    private Builder(Config c) {
      seed = c.seed;
      randomFrequency = c.randomFrequency;
      restarts = c.restarts;
      lubyUnit = c.lubyUnit;
      polarity = c.polarity;
      phaseSaving = c.phaseSaving;
      varDecay = c.varDecay;
      clauseDecay = c.clauseDecay;
      randomInitialActivity = c.randomInitialActivity;
      minimize = c.minimize;
      firstReduce = c.firstReduce;
      reduceIncrement = c.reduceIncrement;
      exportMaxSize = c.exportMaxSize;
      exportMaxLbd = c.exportMaxLbd;
      eliminate = c.eliminate;
      walkEffort = c.walkEffort;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder randomFrequency(double value) {
      requireIn("randomFrequency", value, 0, 1, true);
      randomFrequency = value;
      return this;
    }

    public Builder restarts(Restarts value) {
      if (value == null) {
        throw new IllegalArgumentException("restarts must not be null");
      }
      restarts = value;
      return this;
    }

    public Builder lubyUnit(int value) {
      requirePositive("lubyUnit", value);
      lubyUnit = value;
      return this;
    }

    public Builder polarity(Polarity value) {
      if (value == null) {
        throw new IllegalArgumentException("polarity must not be null");
      }
      polarity = value;
      return this;
    }

    public Builder phaseSaving(boolean value) {
      phaseSaving = value;
      return this;
    }

    public Builder varDecay(double value) {
      requireIn("varDecay", value, 0, 1, false);
      varDecay = value;
      return this;
    }

    public Builder clauseDecay(double value) {
      requireIn("clauseDecay", value, 0, 1, false);
      clauseDecay = value;
      return this;
    }

    public Builder randomInitialActivity(boolean value) {
      randomInitialActivity = value;
      return this;
    }

    public Builder minimize(boolean value) {
      minimize = value;
      return this;
    }

    public Builder firstReduce(int value) {
      requirePositive("firstReduce", value);
      firstReduce = value;
      return this;
    }

    public Builder reduceIncrement(int value) {
      requireNonNegative("reduceIncrement", value);
      reduceIncrement = value;
      return this;
    }

    public Builder exportMaxSize(int value) {
      requireNonNegative("exportMaxSize", value);
      exportMaxSize = value;
      return this;
    }

    public Builder exportMaxLbd(int value) {
      requireNonNegative("exportMaxLbd", value);
      exportMaxLbd = value;
      return this;
    }

    public Builder eliminate(boolean value) {
      eliminate = value;
      return this;
    }

    public Builder walkEffort(double value) {
      requireIn("walkEffort", value, 0, 1000, true);
      walkEffort = value;
      return this;
    }

    public Config build() {
      return new Config(seed, randomFrequency, restarts, lubyUnit, polarity, phaseSaving, varDecay, clauseDecay,
          randomInitialActivity, minimize, firstReduce, reduceIncrement, exportMaxSize, exportMaxLbd, eliminate,
          walkEffort);
    }
  }
}
