package dev.spm.bench;

import dev.spm.DagManager;
import dev.spm.ManageResult;
import dev.spm.Pool;
import dev.spm.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Nodes per second through the DAG manager: a random DAG of no-op nodes, each depending on up to
 * four earlier ones. Counts the whole manage, dependency bookkeeping included; the session's
 * spokes are up before any graph runs. The figure is the median of nine graphs after ten warm-up
 * graphs: the hub's JIT takes about ten graphs of 10,000 nodes to settle (on the bench machine,
 * graphs 4-6 still ran at half the later rate), so a median taken sooner measures the compiler
 * more than the manager. The first graph's rate is given beside it, as the cold figure.
 */
public final class DagThroughput {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final int WARM_UP_GRAPHS = 10;
  private static final int MEASURED_GRAPHS = 9;

  private DagThroughput() {}

  /**
   * What was measured: {@code nodes_per_s=<median> nodes=<n> seconds=<median> slowest=<nodes/s>
   * fastest=<nodes/s> first=<nodes/s>}, the last for the first, cold graph.
   */
  public record Result(int nodes, long nodesPerSecond, double seconds, long slowest, long fastest, long first) {
    public String line() {
      return String.format(Locale.ROOT, "nodes_per_s=%d nodes=%d seconds=%.3f slowest=%d fastest=%d first=%d",
          nodesPerSecond, nodes, seconds, slowest, fastest, first);
    }
  }

  /** Ten warm-up graphs (the first of them also the cold figure), then the median of nine. */
  public static Result run(Pool pool, int nodes, int dependencies, long seed) {
    long first = 0;
    for (int i = 1; i <= WARM_UP_GRAPHS; i++) {
      long nanos = runOnce(pool, nodes, dependencies, seed + i).wallTime().toNanos();
      if (i == 1) {
        first = rate(nodes, nanos);
      }
    }
    long[] nanos = new long[MEASURED_GRAPHS];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = runOnce(pool, nodes, dependencies, seed).wallTime().toNanos();
    }
    java.util.Arrays.sort(nanos);
    long median = nanos[nanos.length / 2];
    return new Result(nodes, rate(nodes, median), median / 1e9, rate(nodes, nanos[nanos.length - 1]),
        rate(nodes, nanos[0]), first);
  }

  private static long rate(int nodes, long nanos) {
    return Math.round(nodes * 1e9 / Math.max(nanos, 1));
  }

  static ManageResult runOnce(Pool pool, int nodes, int dependencies, long seed) {
    long[] reported = {0};
    DagManager<Object> dag = DagManager.declare("bench::dag#" + RUNS.incrementAndGet(), r -> {
      if (r.succeeded()) {
        reported[0]++;
      }
    });
    Random random = new Random(seed);
    for (int i = 0; i < nodes; i++) {
      List<String> deps = new ArrayList<>(dependencies);
      for (int k = 0; k < dependencies && i > 0; k++) {
        String d = "n" + random.nextInt(i);
        if (!deps.contains(d)) {
          deps.add(d);
        }
      }
      dag.add(Task.of("n" + i, Noop::noop), deps);
    }
    ManageResult result = dag.manage(pool);
    if (reported[0] != nodes) {
      throw new IllegalStateException("expected " + nodes + " successful reports, got " + reported[0]);
    }
    return result;
  }
}
