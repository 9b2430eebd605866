package dev.spm.examples.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs {@code P} members of an SPMD program on {@code P} threads of this process, each with an
 * {@link Exchange} to the others: the kernels' stand-in for a gang, for tests and measurements.
 *
 * <p>Failure: when a member throws, or waits past the deadline, every other member's next (or
 * current) exchange call throws {@link ExchangeException} naming that member, and {@link #run}
 * throws an {@code ExchangeException} whose cause is the first member's failure. {@code run} returns
 * only after every member's thread has ended.
 *
 * <p>Overview: a message is a reference put on the queue of its (sender, receiver) pair; nothing
 * is copied, which is why {@code send} hands its array over. A sum is a generation of a barrier
 * guarded by {@code lock}: each member deposits its value; the last to arrive adds the deposits in
 * rank order into {@code reduced}, advances {@code generation} and wakes the others. One result slot
 * suffices, because the next sum cannot complete before every member arrives again, that is, after
 * every member has read this one's result. Abort puts a poison on every queue and wakes every
 * member waiting in a sum; both then see {@code failure}.
 */
public final class ThreadGang {
  /** A member's program: it gets its exchange and returns its result. */
  @FunctionalInterface
  public interface Member<T> {
    T run(Exchange exchange) throws Exception;
  }

  private static final Object POISON = new Object();

  private final int size;
  private final long deadline; // System.nanoTime() after which waiting fails
  private final List<LinkedBlockingQueue<Object>> mailboxes; // by from * size + to
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private final Object[] deposits; // guarded by lock, like the three fields below
  private int arrived;
  private long generation;
  private Object reduced;
  private final AtomicReference<Failure> failure = new AtomicReference<>();

  private record Failure(int rank, Throwable cause) {}

  private ThreadGang(int size, Duration timeout) {
    this.size = size;
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.mailboxes = new ArrayList<>(size * size);
    for (int i = 0; i < size * size; i++) {
      mailboxes.add(new LinkedBlockingQueue<>());
    }
    this.deposits = new Object[size];
  }

  /**
   * Runs {@code member} on {@code size} threads, as ranks {@code 0 … size-1}, and returns their
   * results by rank.
   *
   * @param timeout how long, from now, any exchange call may wait before it fails
   * @throws ExchangeException if a member failed; its cause is the first member's failure
   * @throws IllegalArgumentException if size is not in [1, 65536] or the timeout is not positive
   */
  public static <T> List<T> run(int size, Duration timeout, Member<T> member) {
    Partitioning.checkMembers(size);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, but was " + timeout);
    }
    ThreadGang gang = new ThreadGang(size, timeout);
    Object[] results = new Object[size];
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < size; r++) {
      int rank = r;
      Exchange exchange = gang.new Endpoint(rank);
      threads.add(Thread.ofPlatform().name("graph-member-" + rank).start(() -> {
        try {
          results[rank] = member.run(exchange);
        } catch (Throwable t) {
          gang.abort(rank, t);
        }
      }));
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          gang.abort(-1, e);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Failure f = gang.failure.get();
    if (f != null) {
      String who = f.rank() < 0 ? "the caller was interrupted" : "member " + f.rank() + " of " + size + " failed";
      throw new ExchangeException(who + ": " + f.cause(), f.cause());
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) Arrays.asList(results);
    return list;
  }

  private void abort(int rank, Throwable cause) {
    if (failure.compareAndSet(null, new Failure(rank, cause))) {
      for (LinkedBlockingQueue<Object> q : mailboxes) {
        q.offer(POISON);
      }
      lock.lock();
      try {
        advanced.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private ExchangeException aborted(int me) {
    Failure f = failure.get();
    String why = f.rank() < 0 ? "the caller was interrupted" : "member " + f.rank() + " failed: " + f.cause();
    return new ExchangeException("member " + me + " stopped because " + why);
  }

  /** The deposits' sum in rank order, or an error if they do not match; called holding the lock. */
  private void reduce() {
    Object first = deposits[0];
    for (int r = 1; r < size; r++) {
      if (deposits[r].getClass() != first.getClass()) {
        reduced = new ExchangeException("allReduceSum of a " + first.getClass().getSimpleName() + " on member 0 but a "
            + deposits[r].getClass().getSimpleName() + " on member " + r);
        return;
      }
    }
    if (first instanceof Double) {
      double sum = 0;
      for (Object d : deposits) {
        sum += (Double) d;
      }
      reduced = sum;
      return;
    }
    double[] sum = ((double[]) first).clone();
    for (int r = 1; r < size; r++) {
      double[] d = (double[]) deposits[r];
      if (d.length != sum.length) {
        reduced = new ExchangeException("allReduceSum of arrays of different lengths: member 0 gave "
            + sum.length + ", member " + r + " gave " + d.length);
        return;
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += d[i];
      }
    }
    reduced = sum;
  }

  /** One member's view. */
  private final class Endpoint implements Exchange {
    private final int me;

    Endpoint(int me) {
      this.me = me;
    }

    @Override
    public int rank() {
      return me;
    }

    @Override
    public int size() {
      return size;
    }

    private void checkPeer(int peer) {
      if (peer < 0 || peer >= size || peer == me) {
        throw new ExchangeException("member " + me + " cannot talk to member " + peer + " in a gang of " + size);
      }
    }

    private void put(int to, Object message) {
      checkPeer(to);
      if (failure.get() != null) {
        throw aborted(me);
      }
      mailboxes.get(me * size + to).offer(message);
    }

    private <A> A take(int from, Class<A> type) {
      checkPeer(from);
      Object m;
      try {
        m = mailboxes.get(from * size + me).poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(new ExchangeException("member " + me + " was interrupted waiting for member " + from));
      }
      if (m == POISON) {
        throw aborted(me);
      }
      if (m == null) {
        throw fail(new ExchangeException("member " + me + " waited past the deadline for a message from member " + from));
      }
      if (!type.isInstance(m)) {
        throw fail(new ExchangeException("member " + me + " expected a " + type.getSimpleName() + " from member "
            + from + ", but got a " + m.getClass().getSimpleName()));
      }
      return type.cast(m);
    }

    /** Aborts the gang for this member's failure and returns the exception to throw. */
    private ExchangeException fail(ExchangeException e) {
      abort(me, e);
      return e;
    }

    @Override
    public void send(int to, int[] values) {
      put(to, values);
    }

    @Override
    public void send(int to, long[] values) {
      put(to, values);
    }

    @Override
    public void send(int to, double[] values) {
      put(to, values);
    }

    @Override
    public int[] receiveInts(int from) {
      return take(from, int[].class);
    }

    @Override
    public long[] receiveLongs(int from) {
      return take(from, long[].class);
    }

    @Override
    public double[] receiveDoubles(int from) {
      return take(from, double[].class);
    }

    @Override
    public double allReduceSum(double value) {
      return (Double) sum(value);
    }

    @Override
    public double[] allReduceSum(double[] values) {
      return ((double[]) sum(values)).clone();
    }

    private Object sum(Object deposit) {
      lock.lock();
      try {
        if (failure.get() != null) {
          throw aborted(me);
        }
        deposits[me] = deposit;
        long mine = generation;
        if (++arrived == size) {
          reduce();
          arrived = 0;
          generation++;
          advanced.signalAll();
        }
        while (generation == mine) {
          if (failure.get() != null) {
            throw aborted(me);
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw fail(new ExchangeException("member " + me + " waited past the deadline in allReduceSum"));
          }
          advanced.awaitNanos(left);
        }
        if (reduced instanceof ExchangeException e) {
          throw new ExchangeException("member " + me + ": " + e.getMessage());
        }
        return reduced;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(new ExchangeException("member " + me + " was interrupted in allReduceSum"));
      } finally {
        lock.unlock();
      }
    }
  }
}
