package dev.spm.cli;

import dev.spm.CoprocessResult;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * GNU parallel's {@code --joblog}: a tab-separated header, then one row per job as it ends:
 * Seq, Host ({@code :} for this machine), Starttime (epoch seconds, 3 decimals), JobRuntime
 * (seconds, 3 decimals, padded to 10), Send, Receive (the bytes of stdout), Exitval, Signal,
 * Command.
 */
public final class JobLog implements Closeable {
  /** The header line, without its newline. */
  public static final String HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand";

  private final BufferedWriter writer;

  private JobLog(BufferedWriter writer) {
    this.writer = writer;
  }

  /**
   * Creates (or truncates) the file and writes the header.
   *
   * @throws IllegalArgumentException naming the file, if it cannot be written
   */
  public static JobLog open(Path file) {
    try {
      BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      JobLog log = new JobLog(w);
      log.write(HEADER);
      return log;
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write to --joblog " + file + ": " + e.getMessage());
    }
  }

  /** One row, as GNU parallel formats it. */
  public static String row(long seq, long startMillis, long runtimeNanos, long received, int exitval, int signal,
      String command) {
    return String.format(Locale.ROOT, "%d\t:\t%.3f\t%10.3f\t0\t%d\t%d\t%d\t%s", seq, startMillis / 1000.0,
        runtimeNanos / 1e9, received, exitval, signal, command);
  }

  /** GNU parallel's Exitval: -1 after a timeout, 0 after a signal, else the exit status. */
  public static int exitval(CoprocessResult c) {
    if (c.timedOut()) {
      return -1;
    }
    return c.signal().isPresent() ? 0 : c.exitCode();
  }

  /** GNU parallel's Signal: the signal that ended the job (TERM after a timeout), else 0. */
  public static int signal(CoprocessResult c) {
    return c.signal().orElse(c.timedOut() ? 15 : 0);
  }

  /** Writes a line and flushes it, so the log is current if the run is killed. */
  public void write(String line) {
    try {
      writer.write(line);
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
