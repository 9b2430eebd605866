package dev.spm;

/** The task lost its spoke: the process died or stopped answering; the exit code or signal is in {@link #origin()}; this happened while its function ran. */
public final class TaskEvalFatal extends TaskEvalException {
  private static final long serialVersionUID = 1L;

  public TaskEvalFatal(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
