package dev.spm.examples.graph;

/**
 * An {@link Exchange} that passes every call through and measures it: the time spent inside
 * calls (including waiting for slower members), the messages and bytes sent, and the sums. For
 * measuring what fraction of a kernel's time is exchange. Used by one thread, like its delegate;
 * failures are the delegate's.
 */
public final class TimedExchange implements Exchange {
  private final Exchange delegate;
  private long sendNanos;
  private long receiveNanos;
  private long sumNanos;
  private long messages;
  private long bytes;
  private long sums;

  public TimedExchange(Exchange delegate) {
    this.delegate = delegate;
  }

  /** Nanoseconds spent inside exchange calls so far. */
  public long nanos() {
    return sendNanos + receiveNanos + sumNanos;
  }

  /** Nanoseconds spent inside {@code send} so far. */
  public long sendNanos() {
    return sendNanos;
  }

  /** Nanoseconds spent inside {@code receive…} so far, mostly waiting for the sender. */
  public long receiveNanos() {
    return receiveNanos;
  }

  /** Nanoseconds spent inside {@code allReduceSum} so far, mostly waiting for the slowest member. */
  public long sumNanos() {
    return sumNanos;
  }

  /** Messages sent so far. */
  public long messages() {
    return messages;
  }

  /** Bytes of array payload sent so far. */
  public long bytes() {
    return bytes;
  }

  /** Calls of {@code allReduceSum} so far. */
  public long sums() {
    return sums;
  }

  @Override
  public int rank() {
    return delegate.rank();
  }

  @Override
  public int size() {
    return delegate.size();
  }

  private void sent(long t0, long payload) {
    sendNanos += System.nanoTime() - t0;
    messages++;
    bytes += payload;
  }

  @Override
  public void send(int to, int[] values) {
    long t0 = System.nanoTime();
    delegate.send(to, values);
    sent(t0, 4L * values.length);
  }

  @Override
  public void send(int to, long[] values) {
    long t0 = System.nanoTime();
    delegate.send(to, values);
    sent(t0, 8L * values.length);
  }

  @Override
  public void send(int to, double[] values) {
    long t0 = System.nanoTime();
    delegate.send(to, values);
    sent(t0, 8L * values.length);
  }

  @Override
  public int[] receiveInts(int from) {
    long t0 = System.nanoTime();
    try {
      return delegate.receiveInts(from);
    } finally {
      receiveNanos += System.nanoTime() - t0;
    }
  }

  @Override
  public long[] receiveLongs(int from) {
    long t0 = System.nanoTime();
    try {
      return delegate.receiveLongs(from);
    } finally {
      receiveNanos += System.nanoTime() - t0;
    }
  }

  @Override
  public double[] receiveDoubles(int from) {
    long t0 = System.nanoTime();
    try {
      return delegate.receiveDoubles(from);
    } finally {
      receiveNanos += System.nanoTime() - t0;
    }
  }

  @Override
  public double allReduceSum(double value) {
    long t0 = System.nanoTime();
    try {
      return delegate.allReduceSum(value);
    } finally {
      sumNanos += System.nanoTime() - t0;
      sums++;
    }
  }

  @Override
  public double[] allReduceSum(double[] values) {
    long t0 = System.nanoTime();
    try {
      return delegate.allReduceSum(values);
    } finally {
      sumNanos += System.nanoTime() - t0;
      sums++;
    }
  }
}
