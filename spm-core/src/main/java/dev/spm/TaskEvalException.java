package dev.spm;

/** The task failed while its function ran on the spoke: online. */
public abstract class TaskEvalException extends TaskException {
  private static final long serialVersionUID = 1L;

  protected TaskEvalException(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
