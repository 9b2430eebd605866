package dev.spm.internal.comm;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a gang member has received and not yet taken: per sender, the user's values and the
 * collectives' values apart, in the order they arrived; and which senders are gone.
 */
final class Mailbox {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Map<Integer, Sender> senders = new HashMap<>();
  private int nextPoll;

  private static final class Sender {
    final ArrayDeque<byte[]> user = new ArrayDeque<>();
    final ArrayDeque<byte[]> collective = new ArrayDeque<>();
    boolean gone;

    ArrayDeque<byte[]> queue(boolean isCollective) {
      return isCollective ? collective : user;
    }
  }

  /** A sender and what it sent, for {@link #pollAny}. */
  record Taken(int from, byte[] value) {}

  void add(int from, boolean collective, byte[] value) {
    lock.lock();
    try {
      senders.computeIfAbsent(from, k -> new Sender()).queue(collective).addLast(value);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The sender's connection closed: nothing more will come from it. */
  void gone(int from) {
    lock.lock();
    try {
      senders.computeIfAbsent(from, k -> new Sender()).gone = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next value from a sender, waiting up to {@code timeoutNanos}.
   *
   * @return the value, or null if none came in time
   * @throws Gone if the sender is gone and nothing of it is left
   */
  byte[] take(int from, boolean collective, long timeoutNanos) throws InterruptedException, Gone {
    long deadline = System.nanoTime() + timeoutNanos;
    lock.lock();
    try {
      Sender sender = senders.computeIfAbsent(from, k -> new Sender());
      while (true) {
        byte[] value = sender.queue(collective).pollFirst();
        if (value != null) {
          return value;
        }
        if (sender.gone) {
          throw new Gone();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        arrived.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next user value from any sender, taking turns between senders; null if none waits. */
  Taken pollAny() {
    lock.lock();
    try {
      if (senders.isEmpty()) {
        return null;
      }
      Integer[] ranks = senders.keySet().toArray(Integer[]::new);
      java.util.Arrays.sort(ranks);
      for (int i = 0; i < ranks.length; i++) {
        int rank = ranks[(nextPoll + i) % ranks.length];
        byte[] value = senders.get(rank).user.pollFirst();
        if (value != null) {
          nextPoll = (nextPoll + i + 1) % ranks.length;
          return new Taken(rank, value);
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** The sender is gone and everything it sent has been taken. */
  static final class Gone extends Exception {
    private static final long serialVersionUID = 1L;

    Gone() {
      super(null, null, false, false);
    }
  }

  static long forever() {
    return TimeUnit.DAYS.toNanos(365);
  }
}
