package dev.spm;

/** The task failed while the spoke prepared it: offline, before the function ran. */
public abstract class TaskLoadException extends TaskException {
  private static final long serialVersionUID = 1L;

  protected TaskLoadException(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
