package dev.spm;

/** The task was killed on purpose: a handler threw, or manage was interrupted or stopped; this happened while its function ran. */
public final class TaskEvalKill extends TaskEvalException {
  private static final long serialVersionUID = 1L;

  public TaskEvalKill(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
