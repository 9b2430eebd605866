package dev.spm;

/**
 * The task was a member of a gang that failed because of another member: that member threw,
 * died, or passed its deadline, and the whole gang was ended (the seed's rule for fine grain,
 * general: the premature end of any spoke is the premature end of all). The message names that
 * member and what it did; {@link #getCause()} is that member's own failure.
 */
public final class TaskGangAborted extends TaskException {
  private static final long serialVersionUID = 1L;
  private final String member;

  public TaskGangAborted(String what, TaskOrigin origin, String member, Throwable cause) {
    super(what, origin, cause);
    this.member = member;
  }

  /** The label of the member whose failure ended the gang, such as {@code "solve#2"}. */
  public String member() {
    return member;
  }
}
