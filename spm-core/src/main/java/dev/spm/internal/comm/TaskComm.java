package dev.spm.internal.comm;

import dev.spm.ChannelException;
import dev.spm.Gang;
import dev.spm.SpmUsageException;
import dev.spm.internal.wire.Message;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the task running in this process may say, and to whom: set for the length of each task,
 * on a spoke and in the serial pool alike. A spoke runs one task at a time, so there is one
 * current task per process, visible from every thread the task starts.
 */
public final class TaskComm {
  private static volatile TaskComm current;

  private final long attempt;
  private final byte mode;
  private final HubLink hub;
  private final Gang gang;
  private final AtomicLong nextSeq = new AtomicLong(1);

  public TaskComm(long attempt, byte mode, HubLink hub, Gang gang) {
    this.attempt = attempt;
    this.mode = mode;
    this.hub = hub;
    this.gang = gang;
  }

  /** The context of coarse grain tasks, one per kind: they may not talk, and say so. */
  private static final TaskComm[] COARSE = new TaskComm[CommMode.HUB];

  static {
    for (byte mode = 0; mode < COARSE.length; mode++) {
      COARSE[mode] = new TaskComm(-1, mode, null, null);
    }
  }

  public static void enter(TaskComm comm) {
    current = comm;
  }

  /** Enters the tasks of a batch of a coarse grain manager of this kind: one write per batch, not per task. */
  public static void enterCoarse(byte mode) {
    current = COARSE[mode];
  }

  public static void exit() {
    current = null;
  }

  /**
   * The current task's context.
   *
   * @param what the call, for the message, such as {@code "HubChannel.ask"}
   * @throws SpmUsageException outside a task
   */
  public static TaskComm requireCurrent(String what) {
    TaskComm comm = current;
    if (comm == null) {
      throw new SpmUsageException(what + " is for task code: call it inside a task that runs under a "
          + "HubChannelManager or a GangManager");
    }
    return comm;
  }

  /**
   * Asks on a hub channel and waits for the reply.
   *
   * @throws SpmUsageException under a coarse grain manager, or when the channel is not enabled
   * @throws ChannelException when no reply comes in time, or the hub's handler failed
   */
  public byte[] ask(String channel, byte[] value, Duration timeout) {
    requireHub(channel);
    long timeoutNanos = timeout.toNanos();
    if (timeoutNanos <= 0) {
      throw new dev.spm.SpmInputException("the timeout of an ask must be positive, but was " + timeout);
    }
    long seq = nextSeq.getAndIncrement();
    Message.ChannelReply reply;
    try {
      reply = hub.ask(new Message.ChannelMessage(attempt, seq, channel, value, true), timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException("interrupted while waiting for the reply on channel '" + channel + "'", e);
    }
    if (reply == null) {
      throw new ChannelException("no reply on channel '" + channel + "' within " + timeout);
    }
    if (reply.error() != null) {
      if (SpmUsageException.class.getName().equals(reply.error().className())) {
        throw new SpmUsageException(reply.error().message());
      }
      throw new ChannelException("the hub could not answer on channel '" + channel + "': " + reply.error().summary(),
          reply.error().toThrowable());
    }
    return reply.value();
  }

  /**
   * Sends on a hub channel without waiting.
   *
   * @throws SpmUsageException under a coarse grain manager
   */
  public void tell(String channel, byte[] value) {
    requireHub(channel);
    hub.post(new Message.ChannelMessage(attempt, nextSeq.getAndIncrement(), channel, value, false));
  }

  /** @throws SpmUsageException unless the task is a gang member */
  public Gang gang() {
    if (gang == null) {
      throw new SpmUsageException("Gang.current() is for the members of a GangManager, but this task runs under "
          + CommMode.managerName(mode));
    }
    return gang;
  }

  /** Tells the hub the gang's result. */
  public void declareResult(byte[] value) {
    hub.post(new Message.GangResult(attempt, value));
  }

  private void requireHub(String channel) {
    if (!CommMode.mayTalkToHub(mode)) {
      throw new SpmUsageException("communication is disabled under " + CommMode.managerName(mode)
          + ": channel '" + channel + "' needs a task of a HubChannelManager or a GangManager");
    }
  }
}
