package dev.spm.examples.graph;

/**
 * An {@link Exchange} could not deliver: a peer failed or does not exist, a message was of another
 * array type than the receiver expected, or a deadline passed while waiting. The message names the
 * members involved. The member that gets it should give up; its gang cannot go on.
 */
public final class ExchangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExchangeException(String message) {
    super(message);
  }

  public ExchangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
