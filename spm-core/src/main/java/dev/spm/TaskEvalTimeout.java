package dev.spm;

/** The task passed its deadline; its spoke and every process it started were killed; this happened while its function ran. */
public final class TaskEvalTimeout extends TaskEvalException {
  private static final long serialVersionUID = 1L;

  public TaskEvalTimeout(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
