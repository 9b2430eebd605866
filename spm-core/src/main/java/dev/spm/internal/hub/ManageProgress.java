package dev.spm.internal.hub;

import java.time.Duration;

/**
 * A process-wide listener for the progress of {@code manage}, as the seed's status lines showed it
 * ({@code Waiting - ForSpokes}, {@code Tasks - Eval}, {@code Tasks - EvalDone}). {@code spm shell}
 * installs one that prints to stderr; with none installed, the engine does no work for it.
 *
 * <p>The engine calls the listener on the thread that called {@code manage}: once when it starts
 * waiting for spokes, then at most every {@link #PERIOD} while it waits or runs tasks, and once
 * when it ends, whether normally or not. A listener must be quick and must not throw; what it
 * throws is ignored, so that it can never change a run.
 */
public final class ManageProgress {
  private ManageProgress() {}

  /** The longest time between two calls while the engine waits or runs. */
  public static final Duration PERIOD = Duration.ofMillis(200);

  private static volatile Listener listener;

  /** Where a run is, in the seed's words. */
  public enum Phase {
    /** {@code Waiting - ForSpokes}: the pool's spokes are not all up yet. */
    WAITING_FOR_SPOKES,
    /** {@code Tasks - Eval}: tasks are running. */
    EVAL,
    /** {@code Tasks - EvalDone}: every task has its final report, or the run ended early. */
    EVAL_DONE
  }

  /**
   * One look at a run.
   *
   * @param manager the manager's declared name
   * @param spokesUp slots of the pool with a live spoke
   * @param slots slots the pool selects
   * @param done tasks reported successful
   * @param failed tasks reported failed (dropped, load or eval errors), and stopped ones
   * @param running tasks a spoke is evaluating (a spoke runs one at a time)
   * @param waiting tasks sent and queued behind a running one, or waiting to be sent (tasks a
   *     lazy source has not yet given are not counted)
   * @param elapsed since {@code manage} started
   * @param waitLimit the manager's timeoutWaitForSpokes
   */
  public record Snapshot(String manager, Phase phase, int spokesUp, int slots, long done, long failed, int running,
      int waiting, Duration elapsed, Duration waitLimit) {}

  /** Receives snapshots; see the class comment for when. */
  @FunctionalInterface
  public interface Listener {
    void progress(Snapshot snapshot);
  }

  /**
   * Installs the listener of this process, replacing any other; null removes it. Runs that have
   * already started keep the listener they started with.
   */
  public static void listen(Listener l) {
    listener = l;
  }

  /** The installed listener, or null. */
  static Listener listener() {
    return listener;
  }

  /** Calls the listener, ignoring what it throws. */
  static void tell(Listener l, Snapshot snapshot) {
    try {
      l.progress(snapshot);
    } catch (RuntimeException e) {
      // a progress display must never change a run
    }
  }
}
