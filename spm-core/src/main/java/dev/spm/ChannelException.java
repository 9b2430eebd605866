package dev.spm;

/**
 * A task's message to the hub could not be answered: no reply came within the ask's timeout, the
 * hub's handler for the message failed (manage then ends with that failure), or the connection
 * to the hub was lost. Thrown on the spoke, inside task code, by {@link HubChannel#ask}.
 */
public final class ChannelException extends SpmException {
  private static final long serialVersionUID = 1L;

  public ChannelException(String message) {
    super(message);
  }

  public ChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
