package dev.spm.examples.graph;

/**
 * How the members of a gang talk, as the graph kernels need it: point-to-point messages of
 * primitive arrays, and a sum over all members. A gang member adapts its gang's channels to this;
 * {@link ThreadGang} is an in-process implementation, and {@link #solo()} the one-member one.
 *
 * <p>The contract every implementation keeps, and the kernels rely on:
 * <ul>
 *   <li>{@code send} does not wait for the matching {@code receive} (messages are buffered), so
 *       every member may first send to all its peers and then receive from all of them.
 *   <li>Messages from one member to another arrive in the order they were sent. A {@code receive}
 *       returns the next message from that member, and fails if it holds another array type.
 *   <li>{@code send} hands the array over: the sender must not modify it afterwards.
 *   <li>Every member calls {@code allReduceSum} the same number of times, in the same order, with
 *       arrays of the same length; <b>every member gets a bit-identical result</b> (the kernels
 *       stop iterating on it, and members that disagreed would wait for each other forever).
 *   <li>A member never sends to or receives from itself.
 * </ul>
 *
 * <p>Failures: an implementation throws an unchecked exception (for {@link ThreadGang},
 * {@link ExchangeException}) when a peer failed, a deadline passed, or a message has the wrong
 * type; the kernels do not catch it. Each instance belongs to one member and is used by one
 * thread.
 */
public interface Exchange {
  /** This member's rank, in {@code [0, size())}. */
  int rank();

  /** The number of members. */
  int size();

  void send(int to, int[] values);

  void send(int to, long[] values);

  void send(int to, double[] values);

  int[] receiveInts(int from);

  long[] receiveLongs(int from);

  double[] receiveDoubles(int from);

  /** The sum of {@code value} over all members, the same on every member. */
  double allReduceSum(double value);

  /** The element-wise sum of {@code values} over all members, the same on every member. */
  double[] allReduceSum(double[] values);

  /** The exchange of a gang of one: sums are the value itself; there is nobody to talk to. */
  static Exchange solo() {
    return SoloExchange.INSTANCE;
  }
}
