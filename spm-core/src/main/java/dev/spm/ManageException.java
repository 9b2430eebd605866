package dev.spm;

import java.util.List;

/**
 * A {@code manage} call ended early. By the time this is thrown the manager is offline and clean:
 * the spokes it was using were killed (they are relaunched for the next {@code manage}) and no
 * task, message or thread of it is left. No handler is called after the cause occurred;
 * {@link #unreported()} lists the tasks that got no report.
 */
public final class ManageException extends SpmException {
  private static final long serialVersionUID = 1L;

  /** Why {@code manage} ended early. */
  public enum Reason {
    /** The status handler threw; the cause is its exception. */
    HANDLER_THREW,
    /** The iterator that supplies tasks threw; the cause is its exception. */
    SOURCE_THREW,
    /** Fewer spokes than nSpokesMin came up within timeoutWaitForSpokes. */
    NOT_ENOUGH_SPOKES,
    /** timeoutExecution passed. */
    EXECUTION_TIMEOUT,
    /** The thread that called manage was interrupted; its interrupt flag is set again. */
    INTERRUPTED,
    /** Every spoke of the pool was lost and none came back. */
    NO_SPOKES_LEFT
  }

  private final Reason reason;
  private final transient List<String> unreported;

  public ManageException(Reason reason, String message, List<String> unreported, Throwable cause) {
    super(message + describe(unreported), cause);
    this.reason = reason;
    this.unreported = List.copyOf(unreported);
  }

  private static String describe(List<String> unreported) {
    if (unreported.isEmpty()) {
      return "";
    }
    int shown = Math.min(unreported.size(), 10);
    String list = String.join(", ", unreported.subList(0, shown));
    return "; " + unreported.size() + " task(s) got no report: " + list + (shown < unreported.size() ? ", …" : "");
  }

  public Reason reason() {
    return reason;
  }

  /**
   * The labels of the submitted tasks that got no report, in submission order. Tasks not yet read
   * from a task iterator are not listed.
   */
  public List<String> unreported() {
    return unreported;
  }
}
