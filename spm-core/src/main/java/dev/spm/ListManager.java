package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.hub.ListEngine.Channels;
import dev.spm.internal.hub.ListEngine;
import dev.spm.internal.hub.Outcome;
import dev.spm.internal.hub.TaskSpec;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * The Partition/List task manager: runs a list of independent serial tasks over a pool, with the
 * seed's policy for deadlines, relaunching and parallel exceptions. Coarse grain: tasks do not
 * talk before they end.
 *
 * <pre>{@code
 * ListManager<Long> primes = ListManager.declare("primes::main", report -> total += report.value());
 * for (long[] b : buckets) primes.submit(Task.of("b" + b[0], Primes::count, b[0], b[1]));
 * ManageResult run = primes.manage(Pools.intraAll(), ManageOptions.defaults());
 * }</pre>
 *
 * <p>Policy: a task whose spoke dies runs again, up to {@link ManageOptions#maxAttempts()} attempts
 * in all, on another spoke where there is one. A task killed at its own deadline is reported as a
 * timeout and not run again unless {@link ManageOptions#retryTimeouts()}. Each task's final report
 * reaches the status handler exactly once, on the thread that called {@code manage}.
 *
 * <p>Threads: submit while offline from the thread that will call {@code manage}, or while online
 * from the status handler. A manager is not meant to be shared between threads.
 *
 * @param <R> the result type of its tasks
 */
public final class ListManager<R> {
  private final String name;
  private final StatusHandler<R> handler;
  private final ArrayDeque<TaskSpec> submitted = new ArrayDeque<>();
  private final ArrayDeque<Iterator<TaskSpec>> sources = new ArrayDeque<>();
  private final byte mode;
  private final Channels channels;
  private ListEngine online;
  private long nextTaskId = 1;

  private ListManager(String name, StatusHandler<R> handler) {
    this(name, handler, CommMode.LIST, null);
  }

  /** A list manager of another kind: a HubChannelManager's, whose tasks may use its channels. */
  ListManager(String name, StatusHandler<R> handler, byte mode, Channels channels) {
    this.name = name;
    this.handler = handler;
    this.mode = mode;
    this.channels = channels;
  }

  /**
   * Declares a manager. The seed's {@code defun}: only while offline, with a name unique in this
   * process.
   *
   * @throws SpmUsageException if the name is taken, or a manager is online
   */
  public static <R> ListManager<R> declare(String name, StatusHandler<R> handler) {
    Objects.requireNonNull(handler, "handler");
    Roles.declare("manager", name);
    return new ListManager<>(name, handler);
  }

  public String name() {
    return name;
  }

  /**
   * Adds a task. Offline, it waits for the next {@code manage}; from the status handler, it joins
   * the run in progress (a dynamic list).
   */
  public void submit(Task<? extends R> task) {
    TaskSpec spec = spec(task);
    if (online != null) {
      online.submit(spec);
    } else {
      submitted.addLast(spec);
    }
  }

  /**
   * Adds tasks to be read lazily, as slots free up, so that millions of tasks need not sit in
   * memory. An exception thrown by the iterator ends {@code manage} with
   * {@link ManageException.Reason#SOURCE_THREW}.
   */
  public void submitAll(Iterator<? extends Task<? extends R>> tasks) {
    Objects.requireNonNull(tasks, "tasks");
    Iterator<TaskSpec> specs = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return tasks.hasNext();
      }

      @Override
      public TaskSpec next() {
        return spec(tasks.next());
      }
    };
    if (online != null) {
      online.submitAll(specs);
    } else {
      sources.addLast(specs);
    }
  }

  /** Adds each task of an iterable, lazily; see {@link #submitAll(Iterator)}. */
  public void submitAll(Iterable<? extends Task<? extends R>> tasks) {
    submitAll(tasks.iterator());
  }

  private TaskSpec spec(Task<? extends R> task) {
    Objects.requireNonNull(task, "task");
    return new TaskSpec(nextTaskId++, task.label(), task.functionRef(), task.encodedArgs(), task.timeoutNanos());
  }

  /** {@link #manage(Pool, ManageOptions)} with {@link ManageOptions#defaults()}. */
  public ManageResult manage(Pool pool) {
    return manage(pool, ManageOptions.defaults());
  }

  /**
   * Runs every submitted task over the pool and returns when each has had its final report: a
   * sequence point. The hub is online inside; the status handler runs on this thread, one report
   * at a time. When this returns, or throws, no task, process, thread or message of this run is
   * left, and the slots are back with the tracker.
   *
   * @throws SpmUsageException if called while a manager is online (a nested manage)
   * @throws SpmInputException if no task was submitted
   * @throws SpmSessionException if the pool needs a cloud and no session is open
   * @throws ManageException if the run ended early: the handler threw (the cause), fewer than
   *     nSpokesMin spokes came up in time, timeoutExecution passed, or this thread was interrupted
   *     (its interrupt flag is then set); it lists the tasks that got no report
   */
  public ManageResult manage(Pool pool, ManageOptions options) {
    return Managers.manage(name, mode, pool, options, submitted.isEmpty() && sources.isEmpty(), this::deliver, engine -> {
      submitted.forEach(engine::submit);
      submitted.clear();
      sources.forEach(engine::submitAll);
      sources.clear();
      if (channels != null) {
        engine.comm(mode, channels);
      }
      online = engine;
    }, () -> online = null);
  }

  private void deliver(Outcome outcome) throws Exception {
    handler.onReport(Managers.report(outcome));
  }
}
