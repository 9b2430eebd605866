package dev.spm;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where and how one attempt of a task ran: the facts a {@link Report} and a {@link TaskException}
 * carry so that a failure names its task, its attempt, its spoke and its server.
 *
 * @param label the task's label
 * @param taskId the task's sequence number within its manager, from 1 in submission order
 * @param attempt the attempt number, from 1
 * @param server the server the attempt ran on; for the serial pool, the hub's server
 * @param spoke the spoke that ran it, such as {@code server-1/slot-0#2}, or {@code "serial"}
 * @param pid the process id of the spoke (the hub's for the serial pool), or -1 if unknown
 * @param wallTime the attempt's wall time as the hub saw it
 * @param exitCode the exit code of a process that ended badly, if one did
 * @param signal the signal that ended such a process, if one did
 */
public record TaskOrigin(
    String label,
    long taskId,
    int attempt,
    String server,
    String spoke,
    long pid,
    Duration wallTime,
    OptionalInt exitCode,
    OptionalInt signal) {

  public TaskOrigin {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(spoke, "spoke");
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(signal, "signal");
  }

  /** A one-line description, such as {@code task 'b3' (attempt 2 on server-1/slot-0#1)}. */
  public String describe() {
    return "task '" + label + "' (attempt " + attempt + " on " + spoke + ")";
  }
}
