package dev.spm.testing;

import dev.spm.internal.proc.ProcInfo;
import dev.spm.internal.proc.ProcessTrees;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Checks that a test left no process behind. */
public final class ProcessLeaks {
  private static final long SELF = ProcessHandle.current().pid();

  private ProcessLeaks() {}

  /**
   * Waits, up to {@code within}, until no process carries {@code envKey=value} in its
   * environment and this JVM has no zombie child; fails with the pid and command line of each
   * one left otherwise.
   *
   * <p>Zombies have no environment, so a zombie child cannot be traced to the test that started
   * it; tests run one at a time here, and the JDK reaps the children it started at once, so any
   * zombie child that lasts is a leak (an orphan this JVM adopted as a subreaper and did not
   * reap).
   */
  public static void assertNoneLeft(String envKey, String value, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    for (long pause = 100_000; ; pause = Math.min(2 * pause, 20_000_000)) {
      List<ProcInfo> left = leftovers(envKey, value);
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("processes left behind (" + envKey + "=" + value
            + ", or zombie children of pid " + SELF + ") after " + within + ":\n  "
            + String.join("\n  ", left.stream().map(ProcInfo::toString).toList()));
      }
      LockSupport.parkNanos(pause);
    }
  }

  private static List<ProcInfo> leftovers(String envKey, String value) {
    List<ProcInfo> left = new ArrayList<>(ProcessTrees.findByEnv(envKey, value));
    left.addAll(ProcessTrees.zombieChildrenOf(SELF));
    return left;
  }
}
