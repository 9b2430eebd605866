package dev.spm;

import dev.spm.internal.comm.TaskComm;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * A member's view of its gang, inside a task run by a {@link GangManager}: the seed's fine grain
 * (general) parallelism. Every member runs the same function (SPMD) and tells itself apart by its
 * {@link #rank()}. Members talk directly, spoke to spoke, never through the hub; they may also
 * talk to the hub through a {@link HubChannel}.
 *
 * <pre>{@code
 * static long sum(long[] part) {
 *   Gang gang = Gang.current();
 *   long mine = LongStream.of(part).skip(gang.rank()).sum();
 *   return gang.allReduce(mine, Long::sum);
 * }
 * }</pre>
 *
 * <p>Values travel as task arguments do (encoded with Fory), so they must be serializable on
 * both ends. Messages from one member to another arrive in the order they were sent.
 *
 * <p>Failure: if any member throws, dies or passes its deadline, the hub kills every other member
 * within a second, wherever it waits; a member blocked in {@link #receive}, {@link #barrier} or
 * a collective never waits forever for a member that is gone. Such a member may see a
 * {@link GangBrokenException} first. Collectives must be called by every member, in the same
 * order.
 *
 * <p>Threads: a member's gang may be used from any thread of its task, but receives from one
 * member, and collectives, from one thread at a time.
 */
public interface Gang {

  /**
   * The gang of the task running on this spoke.
   *
   * @throws SpmUsageException outside a task, or in a task whose manager is not a GangManager
   */
  static Gang current() {
    return TaskComm.requireCurrent("Gang.current()").gang();
  }

  /** This member's rank: 0 to {@code size() - 1}. */
  int rank();

  /** The number of members. */
  int size();

  /**
   * Sends a value to a member (itself included); does not wait for it to be received.
   *
   * @throws SpmInputException if the rank is out of range, or the value cannot be serialized
   * @throws GangBrokenException if that member is gone
   */
  void send(int to, Object value);

  /**
   * Waits for the next value sent by a member.
   *
   * @throws GangBrokenException if that member is gone, or has ended, with nothing left to receive
   * @throws SpmUsageException in a gang of one, when nothing was sent to itself
   */
  <T> T receive(int from);

  /**
   * As {@link #receive(int)}, waiting at most {@code timeout}.
   *
   * @return the value, or empty if none came in time
   */
  <T> Optional<T> receive(int from, Duration timeout);

  /**
   * Takes the next value from any member, without waiting.
   *
   * @return the value and its sender, or empty if none is waiting
   */
  <T> Optional<Received<T>> poll();

  /** Every member gets the root's value (the root passes it, the others pass anything). */
  <T> T broadcast(int root, T value);

  /** Returns when every member has called it. */
  void barrier();

  /**
   * Combines every member's value with {@code op}, in rank order, and gives each member the
   * result. {@code op} should be associative; it runs on one member.
   */
  <T> T allReduce(T value, BinaryOperator<T> op);

  /**
   * Declares the gang's result: the hub stops the other members, whose reports are then
   * {@link TaskStopped}, not failures, and the manager's {@link GangManager#result()} is this
   * value. The first declaration wins; this member goes on until it returns.
   *
   * @throws SpmInputException if the value cannot be serialized
   */
  void declareResult(Object value);

  /** A value and the rank of the member that sent it. */
  record Received<T>(int from, T value) {}
}
