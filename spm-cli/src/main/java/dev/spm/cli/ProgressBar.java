package dev.spm.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code --bar}: one status line on stderr, redrawn in place (after a carriage return) at most
 * ten times a second and once at the end, then ended with a newline. It shows the share of jobs
 * done and an estimate of the time left when the number of jobs is known (the input may still be
 * being read), and the counts of jobs done, running and failed. Not thread-safe: the caller
 * serializes.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long PERIOD_NANOS = 100_000_000;

  private final PrintStream err;
  private final LongSupplier totalJobs; // -1 while unknown
  private final long startNanos = System.nanoTime();
  private long lastDrawn = Long.MIN_VALUE;
  private int lastLength;

  ProgressBar(PrintStream err, LongSupplier totalJobs) {
    this.err = err;
    this.totalJobs = totalJobs;
  }

  /** Redraws, unless it did less than a tenth of a second ago. */
  void update(long done, long running, long failed) {
    long now = System.nanoTime();
    if (lastDrawn != Long.MIN_VALUE && now - lastDrawn < PERIOD_NANOS) {
      return;
    }
    lastDrawn = now;
    draw(done, running, failed);
  }

  /** Draws the last state and ends the line. */
  void finish(long done, long running, long failed) {
    draw(done, running, failed);
    err.print('\n');
    err.flush();
  }

  private void draw(long done, long running, long failed) {
    String line = line(done, running, failed, totalJobs.getAsLong(), System.nanoTime() - startNanos);
    StringBuilder b = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < lastLength; i++) {
      b.append(' ');
    }
    lastLength = line.length();
    err.print(b);
    err.flush();
  }

  /** The text of the line. */
  static String line(long done, long running, long failed, long total, long elapsedNanos) {
    StringBuilder b = new StringBuilder();
    if (total > 0) {
      long filled = Math.min(WIDTH, done * WIDTH / total);
      b.append('[').append("#".repeat((int) filled)).append(".".repeat((int) (WIDTH - filled))).append("] ");
      b.append(String.format(Locale.ROOT, "%3d%% %d/%d", done * 100 / total, done, total));
      if (done > 0 && done < total) {
        long leftSeconds = Math.round(elapsedNanos / 1e9 / done * (total - done));
        b.append(" eta ").append(leftSeconds).append('s');
      }
    } else {
      b.append(done).append(" done");
    }
    b.append(", ").append(running).append(" running");
    if (failed > 0) {
      b.append(", ").append(failed).append(" failed");
    }
    return b.toString();
  }
}
