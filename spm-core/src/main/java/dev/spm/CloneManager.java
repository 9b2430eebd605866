package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.hub.ListEngine;
import dev.spm.internal.hub.Outcome;
import dev.spm.internal.hub.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Clone task manager: one task, cloned onto every spoke of a pool. {@link #once} runs it once
 * on each spoke, for example to warm a cache or to check that a tool is installed on every
 * server; {@link #repeat} runs it again every period, until the status handler calls
 * {@link #stop()} or {@code timeoutExecution} passes. It runs on the List manager's machinery, so
 * a clone whose spoke dies is run again on that slot's new spoke.
 *
 * <pre>{@code
 * CloneManager<CoprocessResult> check = CloneManager.declare("gcc?", report -> ...);
 * check.once(Task.coprocess("gcc", Coprocess.argv("gcc", "--version")), Pools.interOnePerServer(),
 *     ManageOptions.defaults());
 * check.byServer().forEach((server, reports) -> ...);
 * }</pre>
 *
 * @param <R> the result type of the task
 */
public final class CloneManager<R> {
  private static final Duration REPEAT_GRACE = Duration.ofSeconds(5);
  private final String name;
  private final StatusHandler<R> handler;
  private final Map<String, List<Report<R>>> byServer = new LinkedHashMap<>();
  private boolean stopped;
  private ListEngine online;
  private long nextTaskId = 1;

  private CloneManager(String name, StatusHandler<R> handler) {
    this.name = name;
    this.handler = handler;
  }

  /**
   * Declares a Clone manager, only while offline, with a name unique in this process.
   *
   * @throws SpmUsageException if the name is taken, or a manager is online
   */
  public static <R> CloneManager<R> declare(String name, StatusHandler<R> handler) {
    Objects.requireNonNull(handler, "handler");
    Roles.declare("manager", name);
    return new CloneManager<>(name, handler);
  }

  public String name() {
    return name;
  }

  /**
   * Runs the task once on every spoke of the pool that is up once {@code nSpokesMin} are (one
   * report per spoke), and returns when each has had its final report.
   *
   * @throws ManageException as {@link ListManager#manage(Pool, ManageOptions)}
   */
  public ManageResult once(Task<? extends R> task, Pool pool, ManageOptions options) {
    return run(task, null, pool, options);
  }

  /**
   * Runs the task on every spoke of the pool, again every {@code period} after each run started,
   * until the status handler calls {@link #stop()} or {@code timeoutExecution} passes; runs in
   * progress then finish, and this returns.
   *
   * @throws SpmInputException if the period is not positive (without timeoutExecution, only the
   *     handler's {@link #stop()} ends the repeat)
   * @throws ManageException as {@link ListManager#manage(Pool, ManageOptions)}; a run still going
   *     one period and 5 s after timeoutExecution is killed and ends the manage this way
   */
  public ManageResult repeat(Task<? extends R> task, Duration period, Pool pool, ManageOptions options) {
    Objects.requireNonNull(period, "period");
    if (period.isZero() || period.isNegative()) {
      throw new SpmInputException("the period of clone '" + name + "' must be positive, but was " + period);
    }
    return run(task, period, pool, options);
  }

  /** Stops a {@link #repeat}: no further runs start. Call it from the status handler. */
  public void stop() {
    stopped = true;
    if (online != null) {
      online.clearDelayed();
    }
  }

  /** The reports of the last run, per server, in arrival order. */
  public Map<String, List<Report<R>>> byServer() {
    return byServer;
  }

  private ManageResult run(Task<? extends R> task, Duration period, Pool pool, ManageOptions options) {
    Objects.requireNonNull(task, "task");
    byServer.clear();
    stopped = false;
    long[] end = {Long.MAX_VALUE}; // set when the spokes are up, as the engine's own limit is
    ManageOptions engineOptions = options;
    if (period != null && options.timeoutExecution() != null) {
      // Runs stop starting at timeoutExecution; the engine's own limit, a backstop for a run
      // that hangs, is a period and a grace later.
      engineOptions = ManageOptions.builder().nSpokesMin(options.nSpokesMin()).nSpokesMax(options.nSpokesMax())
          .timeoutWaitForSpokes(options.timeoutWaitForSpokes()).maxAttempts(options.maxAttempts())
          .retryTimeouts(options.retryTimeouts())
          .timeoutExecution(options.timeoutExecution().plus(period).plus(REPEAT_GRACE)).build();
    }
    ListEngine[] engine = new ListEngine[1];
    return Managers.manage(name, CommMode.CLONE, pool, engineOptions, false, outcome -> {
      Report<R> report = Managers.report(outcome);
      byServer.computeIfAbsent(report.origin().server(), s -> new ArrayList<>()).add(report);
      handler.onReport(report);
      if (period != null && !stopped && outcome.kind() != Outcome.Kind.DROPPED) { // a dropped run's slot is gone
        long next = System.nanoTime() - report.origin().wallTime().toNanos() + period.toNanos();
        if (next < end[0]) {
          engine[0].submitAt(next, slotOf(outcome), spec(task));
        }
      }
    }, e -> {
      engine[0] = e;
      online = e;
      e.hooks(live -> {
        if (options.timeoutExecution() != null) {
          end[0] = System.nanoTime() + options.timeoutExecution().toNanos();
        }
        for (String slot : live) {
          e.submitPinned(slot, spec(task));
        }
      });
    }, () -> {
      engine[0] = null;
      online = null;
    });
  }

  private TaskSpec spec(Task<? extends R> task) {
    return new TaskSpec(nextTaskId++, task.label(), task.functionRef(), task.encodedArgs(), task.timeoutNanos());
  }

  /** The slot of the spoke that ran an outcome: its name without the incarnation. */
  private static String slotOf(Outcome outcome) {
    String spoke = outcome.origin().spoke();
    int hash = spoke.lastIndexOf('#');
    return hash < 0 ? spoke : spoke.substring(0, hash);
  }
}
