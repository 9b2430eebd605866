package dev.spm;

/** The task was killed on purpose: a handler threw, or manage was interrupted or stopped; this happened while the spoke prepared it. */
public final class TaskLoadKill extends TaskLoadException {
  private static final long serialVersionUID = 1L;

  public TaskLoadKill(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
