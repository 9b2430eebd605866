package dev.spm;

/**
 * The runtime could not do its job: a cloud's agents did not start or connect in time, a peer of
 * another build was refused, or the session was already closed. The message says what failed
 * and, where one exists, where the logs are.
 */
public class SpmSessionException extends SpmException {
  private static final long serialVersionUID = 1L;

  public SpmSessionException(String message) {
    super(message);
  }

  public SpmSessionException(String message, Throwable cause) {
    super(message, cause);
  }
}
