package dev.spm.bench;

import dev.spm.Gang;
import dev.spm.GangManager;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.Task;
import java.util.Arrays;

/**
 * Messages between two gang members, spoke to spoke: the one-way latency of a small message
 * (half a ping-pong round trip) and the bandwidth of a stream of large ones, as member code sees
 * them.
 */
public final class GangPingPong {
  private static int runs;

  private GangPingPong() {}

  /**
   * @param p50Micros median one-way latency of a 4-byte message
   * @param megabytesPerSecond of {@code messages} byte arrays of {@code messageBytes}, acknowledged at the end
   */
  public record Result(long p50Micros, long p99Micros, double megabytesPerSecond, int messageBytes) {
    public String line() {
      return String.format("one_way_p50_us=%d one_way_p99_us=%d bandwidth_MB_s=%.0f message_bytes=%d", p50Micros,
          p99Micros, megabytesPerSecond, messageBytes);
    }
  }

  /**
   * Measures on a pool of at least two spokes (the gang takes two).
   *
   * @throws dev.spm.SpmException if the manage fails
   */
  public static Result run(Pool pool, int pings, int messages, int messageBytes) {
    Result[] result = new Result[1];
    GangManager<Result> gang = GangManager.declare("bench::gang#" + (++runs), report -> {
      if (report.value() != null) {
        result[0] = report.value();
      }
    });
    gang.manage(Task.of("pingpong", GangPingPong::member, pings, messages, messageBytes), pool,
        ManageOptions.builder().nSpokesMin(2).nSpokesMax(2).build());
    return result[0];
  }

  /** The member: rank 0 measures and returns the result; rank 1 echoes and sinks. */
  public static Result member(int pings, int messages, int messageBytes) {
    Gang gang = Gang.current();
    int warmup = Math.max(100, pings / 10);
    if (gang.rank() == 1) {
      for (int i = 0; i < warmup + pings; i++) {
        gang.send(0, gang.<Integer>receive(0));
      }
      for (int i = 0; i < messages; i++) {
        gang.<byte[]>receive(0);
      }
      gang.send(0, messages);
      return null;
    }
    long[] oneWay = new long[pings];
    for (int i = 0; i < warmup + pings; i++) {
      long start = System.nanoTime();
      gang.send(1, i);
      gang.<Integer>receive(1);
      if (i >= warmup) {
        oneWay[i - warmup] = (System.nanoTime() - start) / 2;
      }
    }
    byte[] payload = new byte[messageBytes];
    long start = System.nanoTime();
    for (int i = 0; i < messages; i++) {
      gang.send(1, payload);
    }
    gang.<Integer>receive(1);
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(oneWay);
    return new Result(Latency.percentile(oneWay, 0.50) / 1000, Latency.percentile(oneWay, 0.99) / 1000,
        (double) messages * messageBytes / 1e6 / seconds, messageBytes);
  }
}
