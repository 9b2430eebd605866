package dev.spm.internal.hub;

import dev.spm.internal.wire.Message;

/** What reaches a manager's inbox from the connections' reader threads. */
public sealed interface Event {
  record Reports(SpokeLink spoke, Message.ReportBatch batch) implements Event {}

  record Started(SpokeLink spoke, long attempt) implements Event {}

  record SpokeUp(SpokeLink spoke) implements Event {}

  /**
   * A spoke is gone, with its whole process tree.
   *
   * @param exitCode its exit code, or -1 if unknown
   * @param signal the signal that ended it, or 0
   */
  record SpokeDown(SpokeLink spoke, int exitCode, int signal, String reason) implements Event {}
}
