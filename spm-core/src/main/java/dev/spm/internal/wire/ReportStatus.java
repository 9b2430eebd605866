package dev.spm.internal.wire;

/** What a spoke says of one task in a {@link Message.ReportBatch}. */
public final class ReportStatus {
  private ReportStatus() {}

  /** The function returned; the value bytes are its result. */
  public static final byte OK = 0;
  /** The task could not be loaded: function unresolvable, arguments undecodable. */
  public static final byte LOAD_UNCAUGHT = 1;
  /** The function threw, or its result could not be encoded. */
  public static final byte EVAL_UNCAUGHT = 2;
  /** The function itself reported that it passed a deadline (a coprocess killed at its timeout). */
  public static final byte EVAL_TIMEOUT = 3;
  /**
   * The spoke did not start the task: it had reported a coarse task failed that the hub had not
   * yet taken in when it sent this one (see {@link Message.TaskBatch#failuresSeen}).
   */
  public static final byte NOT_STARTED = 4;
}
