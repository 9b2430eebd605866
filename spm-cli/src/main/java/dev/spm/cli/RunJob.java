package dev.spm.cli;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import java.io.Serializable;

/** One job of {@code spm run}, as the task a spoke runs: the program, tried up to N times. */
public final class RunJob {
  private RunJob() {}

  /**
   * What a job did: its last try.
   *
   * @param startMillis when the last try started, in milliseconds since the epoch
   * @param result the last try's result
   */
  public record Outcome(long startMillis, CoprocessResult result) implements Serializable {
    /** Whether the job failed: a non-zero exit, a signal or a timeout. */
    public boolean failed() {
      return failed(result);
    }

    static boolean failed(CoprocessResult c) {
      return c.exitCode() != 0 || c.timedOut() || c.signal().isPresent();
    }
  }

  /** Runs the program until it succeeds, at most {@code tries} times (at least once), as --retries does. */
  public static Outcome run(Coprocess program, Integer tries) {
    int left = Math.max(1, tries);
    while (true) {
      long start = System.currentTimeMillis();
      CoprocessResult c = Coprocess.run(program);
      if (--left == 0 || !Outcome.failed(c)) {
        return new Outcome(start, c);
      }
    }
  }
}
