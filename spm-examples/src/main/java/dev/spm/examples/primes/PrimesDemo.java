package dev.spm.examples.primes;

import dev.spm.ListManager;
import dev.spm.ManageException;
import dev.spm.ManageOptions;
import dev.spm.ManageResult;
import dev.spm.Pool;
import dev.spm.Report;
import dev.spm.Task;
import dev.spm.TaskOrigin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's Appendix A hub: counts the primes in [from, to) by trial division, split into
 * buckets of equal cost, over any pool. Callable from tests and from {@code spm demo primes}.
 * The caller opens the session (if the pool needs one); this only declares a manager and runs it.
 */
public final class PrimesDemo {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private PrimesDemo() {}

  /**
   * What a run found.
   *
   * @param primes the sum of the successful buckets' counts
   * @param tasks the number of buckets
   * @param spokes distinct spoke processes (by server and pid) among successful reports; 0 on the
   *     serial pool
   * @param servers distinct servers among them; 1 on the serial pool
   * @param wallTime the wall time of {@code manage}
   * @param failed buckets without a successful report
   * @param problems one line per failure, for stderr
   */
  public record Result(long primes, int tasks, int spokes, int servers, Duration wallTime, int failed,
      List<String> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    /** The demo's last line, with a '.' for the decimal point whatever the locale. */
    public String line() {
      String line = String.format(Locale.ROOT, "primes=%d tasks=%d spokes=%d servers=%d seconds=%.3f", primes, tasks,
          spokes, servers, wallTime.toNanos() / 1e9);
      return failed == 0 ? line : line + " failed=" + failed;
    }

    /** 0 when every bucket was counted, else 1. */
    public int exitCode() {
      return failed == 0 ? 0 : 1;
    }
  }

  /**
   * Counts the primes in [from, to) over the pool, in {@code buckets} tasks submitted dearest
   * first. Never throws for a failed task or an early end of {@code manage}: those count as failed
   * buckets in the result.
   *
   * @throws IllegalArgumentException for a reversed range or a non-positive bucket count
   * @throws dev.spm.SpmSessionException if the pool needs a session and none is open
   */
  public static Result run(Pool pool, long from, long to, int buckets) {
    List<Buckets.Bucket> parts = Buckets.equalCost(from, to, buckets);
    long[] total = {0};
    int[] succeeded = {0};
    Set<String> spokes = new HashSet<>();
    Set<String> servers = new HashSet<>();
    List<String> problems = new ArrayList<>();
    ListManager<Long> manager = ListManager.declare("primes::main#" + RUNS.incrementAndGet(), (Report<Long> r) -> {
      if (r.succeeded()) {
        total[0] += r.value();
        succeeded[0]++;
        TaskOrigin o = r.origin();
        servers.add(o.server());
        if (!pool.isSerial()) {
          spokes.add(o.server() + "/" + o.pid());
        }
      } else {
        problems.add(r.failure().orElseThrow().getMessage());
      }
    });
    // Equal-cost buckets: submit from the high end, so that any error of the cost model leaves a
    // cheap bucket, not a dear one, for the end of the run.
    for (int i = parts.size() - 1; i >= 0; i--) {
      Buckets.Bucket b = parts.get(i);
      manager.submit(Task.of("b" + i + "[" + b.from() + "," + b.to() + ")", Primes::countRange, b.from(), b.to()));
    }
    long start = System.nanoTime();
    Duration wall;
    try {
      ManageResult result = manager.manage(pool, ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
          .build());
      wall = result.wallTime();
    } catch (ManageException e) {
      wall = Duration.ofNanos(System.nanoTime() - start);
      problems.add(e.getMessage());
    }
    if (pool.isSerial()) {
      servers.clear();
      servers.add("hub");
    }
    return new Result(total[0], parts.size(), spokes.size(), servers.size(), wall, parts.size() - succeeded[0],
        problems);
  }
}
