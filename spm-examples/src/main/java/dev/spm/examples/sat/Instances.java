package dev.spm.examples.sat;

import java.util.List;

/**
 * Names for generated formulas, so that a benchmark or a test can say which one it means in one
 * word: {@code random3:VARS:RATIO:SEED}, {@code php:HOLES}, {@code tseitin:VERTICES:DEGREE:SEED:sat}
 * (or {@code :unsat}), {@code colour:VERTICES:COLOURS:AVERAGE_DEGREE:SEED}. See {@link Generators}
 * for what each one is.
 */
public final class Instances {
  private Instances() {}

  /**
   * The formula a spec names.
   *
   * @throws IllegalArgumentException when the spec is not of a form above, naming the spec and the
   *     forms; or when a generator rejects a parameter
   */
  public static Cnf generate(String spec) {
    String[] p = spec.split(":");
    try {
      switch (p[0]) {
        case "random3":
          if (p.length == 4) {
            return Generators.random3Sat(Integer.parseInt(p[1]), Double.parseDouble(p[2]), Long.parseLong(p[3]));
          }
          break;
        case "php":
          if (p.length == 2) {
            return Generators.pigeonhole(Integer.parseInt(p[1]));
          }
          break;
        case "tseitin":
          if (p.length == 5 && (p[4].equals("sat") || p[4].equals("unsat"))) {
            return Generators.tseitin(Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[4].equals("sat"),
                Long.parseLong(p[3]));
          }
          break;
        case "colour":
          if (p.length == 5) {
            return Generators.colouring(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Double.parseDouble(p[3]),
                Long.parseLong(p[4]));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + spec + "' has a parameter that is not a number: " + e.getMessage());
    }
    throw new IllegalArgumentException("'" + spec + "' names no formula; the forms are " + FORMS);
  }

  /** The spec forms, for messages and usage lines. */
  public static final String FORMS = "random3:VARS:RATIO:SEED, php:HOLES, tseitin:VERTICES:DEGREE:SEED:sat|unsat, "
      + "colour:VERTICES:COLOURS:AVERAGE_DEGREE:SEED";

  /**
   * The benchmark's instances: random 3-SAT at ratio 4.26 with 250 variables (seeds 1 to 4) and 300
   * (seeds 1 to 6), satisfiable and not; pigeonhole with 8 and 9 holes; Tseitin parity formulas on
   * a random 4-regular graph of 30 vertices and a 3-regular one of 70; 3-colouring of a random graph
   * of 400 vertices at average degree 4.65 and 4-colouring of one of 120 at 8.6. The seeds are the
   * first ones, not picked; the sizes make minisat take about 0.1 to 30 s each here.
   */
  public static final List<String> BENCHMARK = List.of(
      "random3:250:4.26:1", "random3:250:4.26:2", "random3:250:4.26:3", "random3:250:4.26:4",
      "random3:300:4.26:1", "random3:300:4.26:2", "random3:300:4.26:3", "random3:300:4.26:4",
      "random3:300:4.26:5", "random3:300:4.26:6",
      "php:8", "php:9", "tseitin:30:4:1:unsat", "tseitin:70:3:1:unsat", "colour:400:3:4.65:1", "colour:120:4:8.6:1");
}
