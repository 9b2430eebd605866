package dev.spm;

/** The task passed its deadline; its spoke and every process it started were killed; this happened while the spoke prepared it. */
public final class TaskLoadTimeout extends TaskLoadException {
  private static final long serialVersionUID = 1L;

  public TaskLoadTimeout(String what, TaskOrigin origin, Throwable cause) {
    super(what, origin, cause);
  }
}
