package dev.spm.internal.hub;

import dev.spm.internal.hub.ListEngine.Attempt;
import java.util.List;

/** One spoke, as a manager drives it: a remote process, or the hub itself for the serial pool. */
public interface SpokeLink {
  /** The slot it fills, such as {@code server-1/slot-0}; stable across incarnations. */
  String slot();

  /** This incarnation's name, such as {@code server-1/slot-0#2}. */
  String name();

  String server();

  long pid();

  /**
   * Sends tasks, in order, all of one manager, whose kind is {@code mode} (a CommMode constant).
   * The outcome of each arrives later as an {@link Event.Reports} in the inbox that the link's
   * backend was opened with. A broken link is not an error here: its loss arrives as an
   * {@link Event.SpokeDown}. When {@code fenced}, the spoke starts none of them while it has
   * reported a failure that {@link #failuresTakenIn} has not yet passed on.
   */
  void send(List<Attempt> attempts, byte mode, boolean fenced);

  /**
   * Says that the engine has taken in this spoke's reports up to one that counted
   * {@code failuresReported} coarse failures, and applied its manager's policy to them; the
   * batches sent from now on carry the count (Message.TaskBatch#failuresSeen).
   */
  default void failuresTakenIn(int failuresReported) {
  }

  /**
   * Asks the spoke to start no task of the batches sent to it so far (Message.StopStarting): each
   * comes back NOT_STARTED, except those it starts before the request reaches it. The spoke
   * confirms once it starts no more of them (one past its check may still be running), with an
   * Event.StopConfirmed carrying the number returned here. A broken link is not an error here, as
   * for {@link #send}: its loss arrives as SpokeDown.
   *
   * @return the number of the confirmation to wait for, or 0 if none will come (the spoke runs in
   *     the hub's own process, and so has stopped already)
   */
  default int stopStarting() {
    return 0;
  }

  /** Tells a gang member who it is, before the member's task is sent. */
  void startGang(dev.spm.internal.wire.Message.GangStart start);

  /** Answers a task's ask; a broken link drops it (the spoke's loss arrives as SpokeDown). */
  void reply(dev.spm.internal.wire.Message.ChannelReply reply);

  /** Where its gang peers reach it, as {@code host:port}. */
  String peerAddress();

  /** Asks for this spoke's whole process tree to be killed; its loss then arrives as SpokeDown. */
  void kill(String reason);
}
