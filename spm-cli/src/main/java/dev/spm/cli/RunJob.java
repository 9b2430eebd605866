package dev.spm.cli;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.internal.proc.CoprocessRunner;
import dev.spm.internal.proc.ProgramExit;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One job of {@code spm run}, as the task a spoke runs: the program, tried up to N times. Its
 * output goes to files in the run's spool directory when the spoke's server can write there (every
 * server of a cloud on this machine can), so that a large output is never held in memory; else it
 * comes back as bytes.
 */
public final class RunJob {
  private RunJob() {}

  /**
   * What a job did: its last try, or that it did not start.
   *
   * @param startMillis when the last try started, in milliseconds since the epoch
   * @param wallNanos how long it ran
   * @param exitCode its exit status, 128 + signal after a signal
   * @param signal the signal that ended it, or -1
   * @param timedOut whether its deadline passed
   * @param stdoutFile the file holding its stdout, or null if {@code stdout} holds it
   * @param stderrFile the file holding its stderr, or null if {@code stderr} holds it
   * @param stdout its stdout, when not in a file
   * @param stderr its stderr, when not in a file
   * @param skipped true if it did not start: the run was halting
   */
  public record Outcome(long startMillis, long wallNanos, int exitCode, int signal, boolean timedOut,
      String stdoutFile, String stderrFile, byte[] stdout, byte[] stderr, boolean skipped) implements Serializable {

    static Outcome notStarted() {
      return new Outcome(0, 0, 0, -1, false, null, null, new byte[0], new byte[0], true);
    }

    /** Whether the try failed: a non-zero exit, a signal or a timeout. */
    boolean failed() {
      return exitCode != 0 || signal >= 0 || timedOut;
    }
  }

  /**
   * Runs the program until it succeeds, at most {@code tries} times (at least once), as --retries
   * does; nothing if {@code haltFile} exists (the run halted before this job began).
   */
  public static Outcome run(Coprocess program, Integer tries, String spoolDir, String haltFile) {
    if (Files.exists(Path.of(haltFile))) {
      return Outcome.notStarted();
    }
    Path dir = Path.of(spoolDir);
    boolean spool = Files.isDirectory(dir) && Files.isWritable(dir);
    String name = "spoke-" + UUID.randomUUID();
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    for (int left = Math.max(1, tries); ; left--) {
      Outcome o;
      if (spool) {
        ProgramExit e = CoprocessRunner.runToFiles(program, out, err);
        o = new Outcome(e.startMillis(), e.wallNanos(), e.exitCode(), e.signalNumber(), e.timedOut(), out.toString(),
            err.toString(), null, null, false);
      } else {
        long start = System.currentTimeMillis();
        CoprocessResult c = Coprocess.run(program);
        o = new Outcome(start, c.wallNanos(), c.exitCode(), c.signalNumber(), c.timedOut(), null, null,
            c.stdoutBytes(), c.stderrBytes(), false);
      }
      if (left <= 1 || !o.failed()) {
        return o;
      }
    }
  }
}
