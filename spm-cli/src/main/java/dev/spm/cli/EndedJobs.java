package dev.spm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What {@code spm run} does with each job that ends, whoever ran it: the joblog row, the results
 * or the printed output (whole, and in input order with {@code -k}), the counts, the
 * {@code --halt} decision and the progress bar. Thread-safe: every method holds this object's
 * lock, so one job's output is never interleaved with another's.
 *
 * <pre>
 * Overview.
 * Outputs are copied from their spool files to stdout and stderr as streams, never read whole;
 * the joblog row follows the output, as in GNU parallel (so with -k, rows come in job order).
 * With -k, a job that ends before an earlier one has its spool files moved aside (spoolDir) until
 * it is its turn, so the lane that ran it can reuse its own. Once the run is stopped now (--halt
 * now, or a signal), jobs that end are neither logged nor printed, as in GNU parallel.
 * </pre>
 */
final class EndedJobs {
  private final boolean tag;
  private final JobLog log;
  private final Results results;
  private final Halt halt;
  private final Halt.Tally tally;
  private final ProgressBar bar;
  private final OutputStream out;
  private final OutputStream err;
  private final PrintStream messages;
  private final Path spoolDir;
  private final OrderedOutput<JobEnd> ordered;
  private final byte[] buffer = new byte[64 * 1024];
  private long running;
  private long done;
  private boolean stoppedNow;

  EndedJobs(boolean keepOrder, boolean tag, JobLog log, Results results, Halt halt, Halt.Tally tally,
      ProgressBar bar, OutputStream out, OutputStream err, PrintStream messages, Path spoolDir) {
    this.tag = tag;
    this.log = log;
    this.results = results;
    this.halt = halt;
    this.tally = tally;
    this.bar = bar;
    this.out = out;
    this.err = err;
    this.messages = messages;
    this.spoolDir = spoolDir;
    this.ordered = new OrderedOutput<>(keepOrder, this::print);
  }

  /** A job starts. */
  synchronized void started(Job job) {
    running++;
    tally.started();
    drawBar();
  }

  /** A job is skipped: an earlier run's joblog or results say it is done (--resume). */
  synchronized void skipped(long seq) {
    done++;
    ordered.done(seq, null);
  }

  /**
   * A job ended. Returns what the run does now: go on (NEVER), start no new job (SOON), or kill
   * the running jobs (NOW).
   */
  synchronized Halt.When ended(JobEnd end) {
    running--;
    if (stoppedNow) {
      discard(end);
      return Halt.When.NOW;
    }
    done++;
    if (end.timedOut()) {
      messages.println("spm: this job was killed because it timed out: " + end.job().line());
      messages.flush();
    }
    Halt.When when = tally.ended(end);
    if (results != null) {
      String row = JobLog.row(end);
      results.write(end);
      if (log != null) {
        log.write(row);
      }
      ordered.done(end.job().seq(), null);
    } else if (ordered.wouldHold(end.job().seq())) {
      String name = "job-" + end.job().seq();
      ordered.done(end.job().seq(), new JobEnd(end.job(), end.startMillis(), end.runtimeNanos(), end.exitCode(),
          end.signal(), end.timedOut(), end.stdout().keep(spoolDir, name + ".out"),
          end.stderr().keep(spoolDir, name + ".err")));
    } else {
      ordered.done(end.job().seq(), end);
    }
    if (when != Halt.When.NEVER && !halt.isNever()) {
      announce(end, when);
    }
    if (when == Halt.When.NOW) {
      stopNow(); // at once, under this lock: a job ending meanwhile on another lane is dropped
    }
    drawBar();
    return when;
  }

  /**
   * A job got no end of its own: its task failed on a spoke (lost spoke, load error). It counts
   * as failed, with the message on stderr; it is not logged.
   */
  synchronized void lost(Job job, String message) {
    running--;
    if (stoppedNow) {
      return;
    }
    done++;
    messages.println("spm: " + message);
    messages.flush();
    tally.ended(new JobEnd(job, System.currentTimeMillis(), 0, 255, -1, false, JobOutput.NONE, JobOutput.NONE));
    ordered.done(job.seq(), null);
    drawBar();
  }

  /** A started job will not end: it was killed by a stop, or never began (--halt soon on a spoke). */
  synchronized void withdrawn(Job job) {
    running--;
    drawBar();
  }

  /** The run stops now: jobs that end from here on, and outputs held for -k, are dropped. */
  synchronized void stopNow() {
    stoppedNow = true;
    ordered.drain().forEach(held -> {
      if (held != null) {
        discard(held);
      }
    });
  }

  /** Whether the run was stopped now (--halt now, or a signal). */
  synchronized boolean stoppedNow() {
    return stoppedNow;
  }

  /** Prints what is still held, ends the bar, and returns the exit status. */
  synchronized int finish() {
    if (!stoppedNow) {
      ordered.flush();
    }
    if (bar != null) {
      bar.finish(done, running, tally.failed());
    }
    return tally.exitStatus();
  }

  private void announce(JobEnd end, Halt.When when) {
    String what = halt.why() == Halt.Why.DONE ? "finished" : end.failed() ? "failed" : "succeeded";
    messages.println("spm: --halt " + when.name().toLowerCase(java.util.Locale.ROOT) + ": this job " + what + ": "
        + end.job().line() + (when == Halt.When.SOON && running > 0
            ? "; starting no more jobs, waiting for " + running + " to finish" : ""));
    messages.flush();
  }

  private void drawBar() {
    if (bar != null) {
      bar.update(done, running, tally.failed());
    }
  }

  private void print(JobEnd end) {
    if (end == null) {
      return;
    }
    String prefix = tag ? String.join(" ", end.job().args()) + "\t" : null;
    try {
      copy(end.stdout(), out, prefix);
      copy(end.stderr(), err, prefix);
      if (log != null) {
        log.write(JobLog.row(end)); // after the output, as GNU parallel does
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not print the output of job " + end.job().seq() + ": " + e.getMessage(), e);
    } finally {
      discard(end);
    }
  }

  private static void discard(JobEnd end) {
    end.stdout().discard();
    end.stderr().discard();
  }

  /** Copies an output, each line after the prefix if there is one, and flushes. */
  private void copy(JobOutput output, OutputStream to, String prefix) throws IOException {
    if (output.size() == 0) {
      return;
    }
    byte[] p = prefix == null ? null : prefix.getBytes(StandardCharsets.UTF_8);
    boolean atLineStart = true;
    try (InputStream in = output.open()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (p == null) {
          to.write(buffer, 0, n);
          continue;
        }
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (atLineStart) {
            to.write(buffer, from, i - from);
            to.write(p);
            from = i;
          }
          atLineStart = buffer[i] == '\n';
        }
        to.write(buffer, from, n - from);
      }
    }
    to.flush();
  }
}
