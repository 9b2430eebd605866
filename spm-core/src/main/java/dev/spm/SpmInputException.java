package dev.spm;

/**
 * A value given to spm is bad: a pool or cloud spec, an option out of range, a task function
 * that no spoke could resolve, an argument or result that cannot be serialized, or a
 * {@code manage} with no tasks. The message names the value and says what was expected.
 */
public class SpmInputException extends SpmException {
  private static final long serialVersionUID = 1L;

  public SpmInputException(String message) {
    super(message);
  }

  public SpmInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
