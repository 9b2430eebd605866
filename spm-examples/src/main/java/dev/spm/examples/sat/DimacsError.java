package dev.spm.examples.sat;

/**
 * Input that is not DIMACS CNF, found while reading it. The message starts with the source and the
 * line, as compilers write them: {@code bad.cnf:7: literal 12 is out of range: the header declares
 * 10 variables}. Nothing has been solved when it is thrown.
 */
public final class DimacsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;

  DimacsError(String source, int line, String problem) {
    super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
    this.line = line;
  }

  /** The line (1-based) where the problem is, or 0 when it is about the whole file. */
  public int line() {
    return line;
  }
}
