package dev.spm.examples.sat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clause sharing between the solvers of one JVM: what one member exports lands in every other
 * member's inbox, and each member drains its own inbox at its restarts. Thread-safe: each member
 * calls {@link #member(int)}'s methods on its own thread; the counters may be read from any
 * thread.
 *
 * <p>A shared clause is counted once, however many members receive it, and weighs 4 bytes per
 * literal plus 4 for its length: the ints a broadcast of it would carry.
 */
final class MemoryExchange {
  private record Shared(int[] clause, int lbd) {}

  private final Queue<Shared>[] inboxes;
  private final AtomicLong clauses = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  @SuppressWarnings("unchecked")
  MemoryExchange(int members) {
    inboxes = new Queue[members];
    for (int i = 0; i < members; i++) {
      inboxes[i] = new ConcurrentLinkedQueue<>();
    }
  }

  /** The exchange that member {@code rank} (0-based) hands to its solver. */
  ClauseExchange member(int rank) {
    return new ClauseExchange() {
      @Override
      public void export(int[] clause, int lbd) {
        Shared s = new Shared(clause, lbd);
        for (int i = 0; i < inboxes.length; i++) {
          if (i != rank) {
            inboxes[i].add(s);
          }
        }
        clauses.incrementAndGet();
        bytes.addAndGet(4L * (clause.length + 1));
      }

      @Override
      public void importInto(Sink sink) {
        Shared s;
        while ((s = inboxes[rank].poll()) != null) {
          sink.add(s.clause(), s.lbd());
        }
      }
    };
  }

  long sharedClauses() {
    return clauses.get();
  }

  long sharedBytes() {
    return bytes.get();
  }
}
