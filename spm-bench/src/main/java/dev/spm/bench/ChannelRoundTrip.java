package dev.spm.bench;

import dev.spm.HubChannel;
import dev.spm.HubChannelManager;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.Task;
import java.time.Duration;
import java.util.Arrays;

/**
 * Round trip of a hub channel: one task on a spoke asks {@code warmup + samples} times in a row,
 * and times each ask from the call to the reply, as task code sees it.
 */
public final class ChannelRoundTrip {
  private static int runs;

  private ChannelRoundTrip() {}

  /** Percentiles in microseconds. */
  public record Result(int samples, long p50Micros, long p99Micros) {
    public String line() {
      return "p50_us=" + p50Micros + " p99_us=" + p99Micros;
    }
  }

  /**
   * Measures on the pool, which needs an open session (or is serial).
   *
   * @throws dev.spm.SpmException if the manage fails
   */
  public static Result run(Pool pool, int samples, int warmup) {
    int run = ++runs;
    HubChannel<Integer, Integer> echo = HubChannel.declare("bench::channel-echo#" + run, (n, from) -> n);
    long[][] rounds = new long[1][];
    HubChannelManager<long[]> manager = HubChannelManager.declare("bench::channel#" + run,
        report -> rounds[0] = report.value(), echo);
    manager.submit(Task.of("asker", ChannelRoundTrip::ask, echo, samples, warmup));
    manager.manage(pool, ManageOptions.builder().nSpokesMax(1).build());
    long[] sorted = rounds[0];
    Arrays.sort(sorted);
    return new Result(samples, Latency.percentile(sorted, 0.50) / 1000, Latency.percentile(sorted, 0.99) / 1000);
  }

  /** The task: asks in a loop, returns the measured round trips in nanoseconds. */
  public static long[] ask(HubChannel<Integer, Integer> echo, int samples, int warmup) {
    long[] rounds = new long[samples];
    Duration timeout = Duration.ofSeconds(30);
    for (int i = 0; i < warmup + samples; i++) {
      long start = System.nanoTime();
      echo.ask(i, timeout);
      if (i >= warmup) {
        rounds[i - warmup] = System.nanoTime() - start;
      }
    }
    return rounds;
  }
}
