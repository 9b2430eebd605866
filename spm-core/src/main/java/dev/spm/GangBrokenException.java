package dev.spm;

/**
 * A gang member cannot go on because another member is gone: the connection from a member it
 * waits for closed, or a message to a member could not be sent. Thrown on the spoke, inside a
 * member, by {@link Gang}'s methods. The hub then ends the whole gang; a member that fails with
 * this exception is not blamed for the gang's failure when the member that left is known.
 */
public final class GangBrokenException extends SpmException {
  private static final long serialVersionUID = 1L;

  public GangBrokenException(String message) {
    super(message);
  }

  public GangBrokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
