package dev.spm.examples.make;

/**
 * A mistake in the Makefile or the goals that stops the build before anything runs, as make's
 * {@code make: *** ....  Stop.} does. The message is make's text, without the {@code make: *** }
 * prefix and the {@code Stop.} suffix, which the demo adds when it prints it.
 */
public final class MakeError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MakeError(String message) {
    super(message);
  }

  /** The message prefixed with a Makefile position, as make writes {@code Makefile:12: ...}. */
  static MakeError at(String file, int line, String message) {
    return new MakeError(file + ":" + line + ": " + message);
  }
}
