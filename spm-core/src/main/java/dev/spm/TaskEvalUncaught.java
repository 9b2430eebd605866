package dev.spm;

/** The task threw; the cause is the remote exception, rebuilt as a {@link RemoteThrowable}; this happened while its function ran. */
public final class TaskEvalUncaught extends TaskEvalException {
  private static final long serialVersionUID = 1L;

  public TaskEvalUncaught(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
