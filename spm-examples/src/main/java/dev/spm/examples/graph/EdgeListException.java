package dev.spm.examples.graph;

import dev.spm.SpmInputException;

/**
 * An edge list that cannot be read as one: a line that is not {@code src dst} (two integer node
 * ids), an id that does not fit in 64 bits, or a file with more edges than an array can hold.
 * The message starts with {@code FILE:LINE: }, as a compiler's does, and quotes the offending text.
 * Nothing is partly loaded: the reader stops at the first bad line.
 */
public final class EdgeListException extends SpmInputException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  EdgeListException(String file, long line, String problem) {
    super(file + ":" + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  /** The file as it was named to the reader. */
  public String file() {
    return file;
  }

  /** The line of the file, counted from 1, where reading stopped. */
  public long line() {
    return line;
  }
}
