package dev.spm;

/** The task threw; the cause is the remote exception, rebuilt as a {@link RemoteThrowable}; this happened while the spoke prepared it. */
public final class TaskLoadUncaught extends TaskLoadException {
  private static final long serialVersionUID = 1L;

  public TaskLoadUncaught(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
