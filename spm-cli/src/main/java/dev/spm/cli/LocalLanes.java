package dev.spm.cli;

import dev.spm.Coprocess;
import dev.spm.internal.proc.CoprocessRunner;
import dev.spm.internal.proc.ProgramExit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Runs the jobs in this process: N lanes, each a thread that takes the next job, runs it as a
 * {@link Coprocess} (tried up to --retries times) with its output spooled to the lane's two
 * files, and hands its end to {@link EndedJobs}. Used on this machine's own cloud, where a spoke
 * JVM per slot would only add its start-up and a hop.
 *
 * <pre>
 * Overview.
 * A lane is IDLE (asking for a job; it may block reading the input), RUNNING (inside the
 * coprocess) or ENDING (handing the end on), then DONE. Stopping now (--halt now, SIGINT/SIGTERM)
 * closes the source and interrupts the lanes that are RUNNING, under the lanes' lock: the
 * coprocess then kills its tree with its kill sequence and throws CancellationException. A lane
 * leaves RUNNING under the same lock and clears its interrupt flag, so no interrupt ever reaches
 * the printing of an output. run() returns when every lane is DONE, or, once stopping, when none
 * is RUNNING or ENDING (an IDLE lane may be blocked on stdin; it is a daemon thread).
 * </pre>
 */
final class LocalLanes {
  private enum State { IDLE, RUNNING, ENDING, DONE }

  private final int width;
  private final Function<Job, Coprocess> coprocessOf;
  private final int tries;
  private final Path spoolDir;
  private final Object lock = new Object();
  private final List<Thread> threads = new ArrayList<>();
  private State[] states;
  private boolean stopping;
  private JobSource source;
  private EndedJobs ended;

  LocalLanes(int width, Function<Job, Coprocess> coprocessOf, int tries, Path spoolDir) {
    this.width = width;
    this.coprocessOf = coprocessOf;
    this.tries = Math.max(1, tries);
    this.spoolDir = spoolDir;
  }

  /** Runs every job of the source; returns when they have ended, or when a stop is complete. */
  void run(JobSource source, EndedJobs ended) throws InterruptedException {
    this.source = source;
    this.ended = ended;
    states = new State[width];
    for (int i = 0; i < width; i++) {
      int lane = i;
      states[i] = State.IDLE;
      threads.add(Thread.ofPlatform().daemon().name("spm-run-lane-" + (i + 1)).start(() -> lane(lane)));
    }
    synchronized (lock) {
      while (!over()) {
        lock.wait();
      }
    }
  }

  /** Stops now: no new job starts, and the running ones are killed (their kill sequence). */
  void stopNow() {
    source.close();
    ended.stopNow();
    synchronized (lock) {
      stopping = true;
      for (int i = 0; i < states.length; i++) {
        if (states[i] == State.RUNNING) {
          threads.get(i).interrupt();
        }
      }
      lock.notifyAll();
    }
  }

  private boolean over() {
    for (State s : states) {
      if (s == State.RUNNING || s == State.ENDING || (!stopping && s == State.IDLE)) {
        return false;
      }
    }
    return true;
  }

  private void lane(int lane) {
    Path out = spoolDir.resolve("lane-" + (lane + 1) + ".out");
    Path err = spoolDir.resolve("lane-" + (lane + 1) + ".err");
    try {
      while (true) {
        Job job = source.next();
        if (job == null || !enter(lane, State.RUNNING)) {
          if (job != null) {
            source.release(job);
            ended.withdrawn(job);
          }
          return;
        }
        JobEnd end = null;
        try {
          end = runJob(job, out, err);
        } catch (CancellationException stopped) {
          // killed by a stop: neither logged nor printed
        } finally {
          enter(lane, State.ENDING);
          Thread.interrupted(); // no interrupt may reach the output's printing
        }
        source.release(job);
        if (end == null) {
          ended.withdrawn(job);
          return;
        }
        Halt.When when = ended.ended(end);
        if (when == Halt.When.SOON) {
          source.close();
        } else if (when == Halt.When.NOW) {
          stopNow();
        }
        if (!enter(lane, State.IDLE)) {
          return;
        }
      }
    } finally {
      synchronized (lock) {
        states[lane] = State.DONE;
        lock.notifyAll();
      }
    }
  }

  /**
   * Moves the lane to a state; false (and no move to RUNNING or IDLE) once stopping. Wakes run()
   * only when that may end it: once stopping, when a lane leaves RUNNING or ENDING.
   */
  private boolean enter(int lane, State state) {
    synchronized (lock) {
      if (stopping && (state == State.RUNNING || state == State.IDLE)) {
        return false;
      }
      states[lane] = state;
      if (stopping) {
        lock.notifyAll();
      }
      return true;
    }
  }

  private JobEnd runJob(Job job, Path out, Path err) {
    Coprocess coprocess = coprocessOf.apply(job);
    for (int left = tries; ; left--) {
      ProgramExit exit = CoprocessRunner.runToFiles(coprocess, out, err);
      JobEnd end = new JobEnd(job, exit.startMillis(), exit.wallNanos(), exit.exitCode(), exit.signalNumber(),
          exit.timedOut(), new JobOutput.Spooled(out, false), new JobOutput.Spooled(err, false));
      if (left <= 1 || !end.failed()) {
        return end;
      }
    }
  }
}
