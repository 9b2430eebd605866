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
 * four earlier ones: the median of three graphs, after three warm-up graphs. Counts the whole manage, dependency bookkeeping
 * included; the session's spokes are up before either run.
 */
public final class DagThroughput {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private DagThroughput() {}

  /** What was measured: {@code nodes_per_s=<n> nodes=<n> seconds=<s>}. */
  public record Result(int nodes, long nodesPerSecond, double seconds) {
    public String line() {
      return String.format(Locale.ROOT, "nodes_per_s=%d nodes=%d seconds=%.3f", nodesPerSecond, nodes, seconds);
    }
  }

  /** Three warm-up graphs, then the median of three measured ones. */
  public static Result run(Pool pool, int nodes, int dependencies, long seed) {
    for (int i = 1; i <= 3; i++) {
      runOnce(pool, nodes, dependencies, seed + i);
    }
    long[] nanos = new long[3];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = runOnce(pool, nodes, dependencies, seed).wallTime().toNanos();
    }
    java.util.Arrays.sort(nanos);
    double seconds = nanos[1] / 1e9;
    return new Result(nodes, Math.round(nodes / seconds), seconds);
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
