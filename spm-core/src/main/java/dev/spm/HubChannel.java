package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.TaskComm;
import dev.spm.internal.hub.ListEngine;
import dev.spm.internal.task.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A channel from running tasks to the hub: the seed's communication closure for fine grain
 * (limited) parallelism. Tasks may message the hub before they end; the hub only handles what
 * arrives and replies, never starts a conversation (the seed's rule against deadlocks).
 *
 * <pre>{@code
 * HubChannel<Long, Long> best = HubChannel.declare("search::best", (found, from) -> bound = Math.min(bound, found));
 * HubChannelManager<Long> search = HubChannelManager.declare("search", report -> ..., best);
 * search.submit(Task.of("part-1", Search::run, best, 1));
 * // on the spoke, inside Search.run(best, part): long bound = best.ask(localBest, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>A channel is declared like a manager: only while offline, with a name unique in the
 * process. Its handler runs on the hub, on the thread that called {@code manage}, one message at
 * a time, between status reports. Tasks get the channel as a task argument (only its name
 * travels) and may use it only under a manager that enables it: a {@link HubChannelManager} or a
 * {@link GangManager}. Under a coarse grain manager every use is refused.
 *
 * <p>Failure: a handler that throws ends {@code manage} as a status handler that throws does. A
 * reply meant for an attempt that was killed or relaunched meanwhile is dropped at the hub and
 * counted in {@link ManageResult#staleMessages()}; the task's next attempt asks again.
 *
 * @param <Q> the type of the messages
 * @param <A> the type of the replies
 */
public final class HubChannel<Q, A> {
  private final String name;
  private final transient Handler<Q, A> handler;

  /** The hub's side of a channel. */
  @FunctionalInterface
  public interface Handler<Q, A> {
    /**
     * Handles one message, on the manage thread.
     *
     * @param from the attempt that sent it
     * @return the reply to an ask (ignored for a tell); may be null
     */
    A onMessage(Q message, TaskOrigin from) throws Exception;
  }

  private HubChannel(String name, Handler<Q, A> handler) {
    this.name = name;
    this.handler = handler;
  }

  /**
   * Declares a channel, only while offline, with a name unique in this process.
   *
   * @throws SpmUsageException if the name is taken, or a manager is online
   */
  public static <Q, A> HubChannel<Q, A> declare(String name, Handler<Q, A> handler) {
    Objects.requireNonNull(handler, "handler");
    Roles.declare("channel", name);
    return new HubChannel<>(name, handler);
  }

  public String name() {
    return name;
  }

  /**
   * Sends a message to the hub and waits for the handler's reply. For task code.
   *
   * @throws SpmUsageException outside a task, under a coarse grain manager, or when the task's
   *     manager does not enable this channel
   * @throws SpmInputException if the message cannot be serialized, or the timeout is not positive
   * @throws ChannelException if no reply comes within {@code timeout}, the handler failed, or the
   *     hub cannot be reached
   */
  @SuppressWarnings("unchecked")
  public A ask(Q message, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    TaskComm comm = TaskComm.requireCurrent("HubChannel.ask");
    return (A) Values.decode(comm.ask(name, encode(message), timeout));
  }

  /**
   * Sends a message to the hub without waiting; its handler's reply is dropped. For task code.
   *
   * @throws SpmUsageException outside a task, or under a coarse grain manager
   * @throws SpmInputException if the message cannot be serialized
   * @throws ChannelException if the hub cannot be reached
   */
  public void tell(Q message) {
    TaskComm.requireCurrent("HubChannel.tell").tell(name, encode(message));
  }

  private byte[] encode(Q message) {
    try {
      return Values.encode(message);
    } catch (RuntimeException e) {
      throw new SpmInputException("the message on channel '" + name + "' (" + message.getClass().getName()
          + ") cannot be serialized: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "HubChannel[" + name + "]";
  }

  /** The engine's view of the channels a manager enables. */
  static ListEngine.Channels enable(String manager, List<HubChannel<?, ?>> channels) {
    Map<String, HubChannel<?, ?>> byName = new java.util.LinkedHashMap<>();
    for (HubChannel<?, ?> channel : channels) {
      Objects.requireNonNull(channel, "channel");
      if (channel.handler == null) {
        throw new SpmUsageException("channel '" + channel.name + "' was not declared in this process; declare it on the hub");
      }
      if (byName.put(channel.name, channel) != null) {
        throw new SpmInputException("channel '" + channel.name + "' is named twice for manager '" + manager + "'");
      }
    }
    return new ListEngine.Channels() {
      @Override
      public boolean enabled(String channel) {
        return byName.containsKey(channel);
      }

      @Override
      public byte[] handle(String channel, byte[] value, boolean ask, TaskOrigin from) throws Exception {
        return byName.get(channel).handleEncoded(value, from);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private byte[] handleEncoded(byte[] value, TaskOrigin from) throws Exception {
    return Values.encode(handler.onMessage((Q) Values.decode(value), from));
  }
}
