package dev.spm.bench;

import dev.spm.ListManager;
import dev.spm.ManageResult;
import dev.spm.Pool;
import dev.spm.Task;
import java.util.Locale;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput of no-op tasks through the List manager, side by side with an in-process
 * {@link ThreadPoolExecutor} of the same width.
 *
 * <pre>
 * Overview.
 * spm: tasks come from a lazy iterator; each one is resolved by name on a spoke and its report
 * reaches the status handler on its own. One warm-up manage, then the measured one; the session
 * is open and its spokes are up before either, so start-up is not counted.
 * Baseline: the same number of tasks submitted one by one to an ExecutorCompletionService over a
 * fixed ThreadPoolExecutor with as many threads as spm used spokes, and every result taken from
 * it; at most WINDOW tasks are queued at once, so memory stays flat. Also after a warm-up.
 * </pre>
 */
public final class Throughput {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final int WINDOW = 4096;

  private Throughput() {}

  /**
   * What was measured.
   *
   * @param tasksPerSecond through the List manager
   * @param threadPoolTasksPerSecond through the ThreadPoolExecutor
   * @param width spokes used by the List manager, and threads of the executor
   */
  public record Result(long tasks, long tasksPerSecond, long threadPoolTasksPerSecond, int width) {
    /** {@code tasks_per_s=<n> threadpool_tasks_per_s=<n> ratio=<2 decimals>} */
    public String line() {
      double ratio = threadPoolTasksPerSecond == 0 ? 0 : (double) tasksPerSecond / threadPoolTasksPerSecond;
      return String.format(Locale.ROOT, "tasks_per_s=%d threadpool_tasks_per_s=%d ratio=%.2f", tasksPerSecond,
          threadPoolTasksPerSecond, ratio);
    }
  }

  /**
   * Runs both measurements. The pool needs an open session whose spokes are up.
   *
   * @throws dev.spm.SpmException if a manage fails
   */
  public static Result run(Pool pool, long tasks, long warmup) throws InterruptedException {
    runSpm(pool, warmup);
    ManageResult measured = runSpm(pool, tasks);
    long spmRate = rate(tasks, measured.wallTime().toNanos());
    int width = Math.max(1, measured.slots().size());
    runThreadPool(width, warmup);
    long poolNanos = runThreadPool(width, tasks);
    return new Result(tasks, spmRate, rate(tasks, poolNanos), width);
  }

  static ManageResult runSpm(Pool pool, long tasks) {
    long[] reported = {0};
    ListManager<Object> manager = ListManager.declare("bench::throughput#" + RUNS.incrementAndGet(), r -> {
      if (r.succeeded()) {
        reported[0]++;
      }
    });
    manager.submitAll(new RepeatedTasks<>(Task.of("noop", Noop::noop), tasks));
    ManageResult result = manager.manage(pool);
    if (reported[0] != tasks) {
      throw new IllegalStateException("expected " + tasks + " successful reports, got " + reported[0]);
    }
    return result;
  }

  static long runThreadPool(int width, long tasks) throws InterruptedException {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(width, width, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    try {
      ExecutorCompletionService<Object> completion = new ExecutorCompletionService<>(executor);
      long start = System.nanoTime();
      long submitted = 0;
      long taken = 0;
      while (taken < tasks) {
        while (submitted < tasks && submitted - taken < WINDOW) {
          completion.submit(Noop::noop);
          submitted++;
        }
        completion.take().get();
        taken++;
      }
      return System.nanoTime() - start;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a no-op task failed", e.getCause());
    } finally {
      executor.shutdownNow();
      executor.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static long rate(long tasks, long nanos) {
    return nanos <= 0 ? 0 : Math.round(tasks * 1e9 / nanos);
  }
}
