package dev.spm.examples.sat;

/**
 * The SAT competition's output form and exit codes: {@code s SATISFIABLE} followed by the model
 * in {@code v ...} lines ended by {@code v ... 0}, or {@code s UNSATISFIABLE}, or {@code s
 * UNKNOWN}; exit code 10, 20 or 0.
 */
public final class SatOutput {
  /** The exit code of a solver that found the formula satisfiable. */
  public static final int EXIT_SATISFIABLE = 10;
  /** The exit code of a solver that found the formula unsatisfiable. */
  public static final int EXIT_UNSATISFIABLE = 20;
  /** The exit code of a solver that gave no answer. */
  public static final int EXIT_UNKNOWN = 0;

  /** The longest {@code v} line, in characters, as competition checkers like them. */
  static final int LINE_WIDTH = 78;

  private SatOutput() {}

  /** 10, 20 or 0 for the result's status. */
  public static int exitCode(SatResult result) {
    return switch (result.status()) {
      case SATISFIABLE -> EXIT_SATISFIABLE;
      case UNSATISFIABLE -> EXIT_UNSATISFIABLE;
      case UNKNOWN -> EXIT_UNKNOWN;
    };
  }

  /**
   * The {@code s} line and, for a model, the {@code v} lines, each line ended by a newline. The
   * {@code v} lines are at most {@value #LINE_WIDTH} characters; the last one ends with {@code 0}.
   */
  public static String format(SatResult result) {
    StringBuilder sb = new StringBuilder();
    sb.append("s ").append(result.status()).append('\n');
    if (result.status() == SatResult.Status.SATISFIABLE) {
      StringBuilder line = new StringBuilder("v");
      for (int lit : result.model()) {
        appendWrapped(sb, line, Integer.toString(lit));
      }
      appendWrapped(sb, line, "0");
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  private static void appendWrapped(StringBuilder out, StringBuilder line, String word) {
    if (line.length() + 1 + word.length() > LINE_WIDTH) {
      out.append(line).append('\n');
      line.setLength(0);
      line.append('v');
    }
    line.append(' ').append(word);
  }
}
