package dev.spm;

/** The task lost its spoke: the process died or stopped answering; the exit code or signal is in {@link #origin()}; this happened while the spoke prepared it. */
public final class TaskLoadFatal extends TaskLoadException {
  private static final long serialVersionUID = 1L;

  public TaskLoadFatal(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
