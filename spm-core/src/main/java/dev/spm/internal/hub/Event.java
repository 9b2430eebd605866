package dev.spm.internal.hub;

import dev.spm.internal.wire.Message;

/** What reaches a manager's inbox from the connections' reader threads. */
public sealed interface Event {
  /** The spoke it is about. */
  SpokeLink spoke();

  record Reports(SpokeLink spoke, Message.ReportBatch batch) implements Event {}

  record Started(SpokeLink spoke, long attempt) implements Event {}

  record SpokeUp(SpokeLink spoke) implements Event {}

  /** A running task's message on a hub channel. */
  record Channel(SpokeLink spoke, Message.ChannelMessage message) implements Event {}

  /** A spoke starts no task of the batches it had read before StopStarting {@code number}. */
  record StopConfirmed(SpokeLink spoke, int number) implements Event {}

  /** A gang member declared the gang's result. */
  record Declared(SpokeLink spoke, Message.GangResult result) implements Event {}

  /**
   * A spoke is gone, with its whole process tree.
   *
   * @param exitCode its exit code, or -1 if unknown
   * @param signal the signal that ended it, or 0
   */
  record SpokeDown(SpokeLink spoke, int exitCode, int signal, String reason) implements Event {}
}
