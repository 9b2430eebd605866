package dev.spm.bench;

import dev.spm.ListManager;
import dev.spm.Pool;
import dev.spm.Task;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Round trip of a single task inside one {@code manage}: the status handler submits the next task
 * when a report arrives, so exactly one task is in flight. The first {@code warmup} round trips
 * are not counted.
 */
public final class Latency {
  private static int runs;

  private Latency() {}

  /** Percentiles of the measured round trips, in microseconds. */
  public record Result(long samples, long p50Micros, long p99Micros) {
    /** {@code p50_us=<n> p99_us=<n>} */
    public String line() {
      return "p50_us=" + p50Micros + " p99_us=" + p99Micros;
    }
  }

  /**
   * Measures {@code samples} round trips after {@code warmup} more. The pool needs an open session
   * whose spokes are up (or is serial).
   *
   * @throws dev.spm.SpmException if the manage fails
   */
  public static Result run(Pool pool, int samples, int warmup) {
    Task<Object> task = Task.of("ping", Noop::noop);
    long[] rounds = new long[samples];
    int total = samples + warmup;
    int[] done = {0};
    long[] sentAt = {0};
    AtomicReference<ListManager<Object>> holder = new AtomicReference<>();
    holder.set(ListManager.declare("bench::latency#" + (++runs), r -> {
      long now = System.nanoTime();
      r.value();
      int i = done[0]++;
      if (i >= warmup) {
        rounds[i - warmup] = now - sentAt[0];
      }
      if (done[0] < total) {
        sentAt[0] = System.nanoTime();
        holder.get().submit(task);
      }
    }));
    sentAt[0] = System.nanoTime();
    holder.get().submit(task);
    holder.get().manage(pool);
    Arrays.sort(rounds);
    return new Result(samples, percentile(rounds, 0.50) / 1000, percentile(rounds, 0.99) / 1000);
  }

  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
