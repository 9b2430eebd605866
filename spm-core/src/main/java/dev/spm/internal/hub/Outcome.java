package dev.spm.internal.hub;

import dev.spm.TaskOrigin;
import dev.spm.internal.task.ErrorData;

/**
 * The final outcome of one task, as the engine hands it to its manager, which turns it into a
 * {@link dev.spm.Report}.
 *
 * @param what for a failure, a sentence on what happened
 */
public record Outcome(TaskSpec task, Kind kind, byte[] value, ErrorData error, String what, TaskOrigin origin) {

  /** How the task ended; names follow the seed's exception hierarchy. */
  public enum Kind {
    OK, DROPPED,
    LOAD_UNCAUGHT, LOAD_FATAL, LOAD_KILL, LOAD_TIMEOUT,
    EVAL_UNCAUGHT, EVAL_FATAL, EVAL_KILL, EVAL_TIMEOUT
  }
}
