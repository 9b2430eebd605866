package dev.spm.internal.hub;

import dev.spm.TaskOrigin;
import dev.spm.internal.task.ErrorData;

/**
 * The final outcome of one task, as the engine hands it to its manager, which turns it into a
 * {@link dev.spm.Report}.
 *
 * @param what for a failure, a sentence on what happened
 * @param member for {@link Kind#GANG_ABORTED}, the label of the gang member whose failure ended the gang
 */
public record Outcome(TaskSpec task, Kind kind, byte[] value, ErrorData error, String what, TaskOrigin origin,
    String member) {

  public Outcome(TaskSpec task, Kind kind, byte[] value, ErrorData error, String what, TaskOrigin origin) {
    this(task, kind, value, error, what, origin, null);
  }

  /** How the task ended; names follow the seed's exception hierarchy. */
  public enum Kind {
    OK, DROPPED,
    LOAD_UNCAUGHT, LOAD_FATAL, LOAD_KILL, LOAD_TIMEOUT,
    EVAL_UNCAUGHT, EVAL_FATAL, EVAL_KILL, EVAL_TIMEOUT,
    /** A gang member stopped because another member declared the gang's result: not a failure. */
    STOPPED,
    /** A gang member ended because another member failed. */
    GANG_ABORTED
  }
}
