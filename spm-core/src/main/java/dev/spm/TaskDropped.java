package dev.spm;

/** The task never ran to an end: the manager stopped before it could, or a dependency failed. */
public final class TaskDropped extends TaskException {
  private static final long serialVersionUID = 1L;

  public TaskDropped(String what, TaskOrigin origin) {
    super(what, origin, null);
  }
}
