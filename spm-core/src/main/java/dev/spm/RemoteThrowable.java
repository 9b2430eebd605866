package dev.spm;

import java.util.Objects;

/**
 * An exception thrown on a spoke, rebuilt on the hub from structured data: its class name,
 * message, stack frames and cause chain. Exceptions never travel as Java-serialized objects, so a
 * class the hub cannot load never hides the real error. {@link #toString()} reads like the
 * original's: {@code java.lang.ArithmeticException: / by zero}.
 */
public final class RemoteThrowable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String className;

  public RemoteThrowable(String className, String message, StackTraceElement[] frames, RemoteThrowable cause) {
    super(message, cause, false, true);
    this.className = Objects.requireNonNull(className, "className");
    setStackTrace(frames);
  }

  /** The binary name of the original exception's class, as the spoke knew it. */
  public String className() {
    return className;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? className : className + ": " + message;
  }
}
