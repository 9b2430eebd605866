package dev.spm.cli;

/** Every exit status that {@code spm} returns, in one place. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Everything went as asked. */
  public static final int OK = 0;
  /** A demo found that some of its tasks failed. */
  public static final int TASKS_FAILED = 1;
  /** {@code spm shell SCRIPT}: a snippet failed to compile, or threw. */
  public static final int SNIPPET_FAILED = 1;
  /** {@code spm run}: more than 100 jobs failed (GNU parallel's 101). */
  public static final int MANY_JOBS_FAILED = 101;
  /** Bad input (an unknown flag, a bad duration, pool or cloud) or another error: GNU parallel's 255. */
  public static final int BAD_INPUT = 255;

  /**
   * GNU parallel's exit status for a run: the number of failed jobs, 101 when more than 100 failed.
   *
   * @throws IllegalArgumentException if failed is negative
   */
  public static int forFailedJobs(long failed) {
    if (failed < 0) {
      throw new IllegalArgumentException("failed must not be negative, but was " + failed);
    }
    return failed > 100 ? MANY_JOBS_FAILED : (int) failed;
  }
}
