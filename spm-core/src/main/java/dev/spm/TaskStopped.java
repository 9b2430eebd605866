package dev.spm;

/**
 * The task was stopped because its work was no longer needed, not because anything failed: a
 * member of a gang whose result another member declared ({@link Gang#declareResult}). Its report
 * is not counted as failed, and {@link Report#stopped()} is true.
 */
public final class TaskStopped extends TaskException {
  private static final long serialVersionUID = 1L;

  public TaskStopped(String what, TaskOrigin origin) {
    super(what, origin, null);
  }
}
