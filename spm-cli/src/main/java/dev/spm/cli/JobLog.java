package dev.spm.cli;

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
  private final boolean closes;

  private JobLog(BufferedWriter writer, boolean closes) {
    this.writer = writer;
    this.closes = closes;
  }

  /** A log written to a stream that stays open after {@link #close} ({@code --joblog -}: stdout). */
  static JobLog onStream(java.io.OutputStream stream) {
    JobLog log = new JobLog(new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8)), false);
    log.write(HEADER);
    return log;
  }

  /**
   * Creates (or truncates) the file and writes the header.
   *
   * @throws IllegalArgumentException naming the file, if it cannot be written
   */
  public static JobLog open(Path file) {
    return open(file, false);
  }

  /**
   * Opens the log: with {@code append} (as {@code --resume} and {@code +FILE} do), rows go after
   * what the file holds, and the header is written only if the file is empty or missing;
   * otherwise the file is created or truncated and gets the header.
   *
   * @throws IllegalArgumentException naming the file, if it cannot be written
   */
  public static JobLog open(Path file, boolean append) {
    try {
      boolean header = !append || !Files.exists(file) || Files.size(file) == 0;
      // A stream, not a channel: an interrupt of the writing thread must not close the log.
      BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(
          new java.io.FileOutputStream(file.toFile(), append), StandardCharsets.UTF_8));
      JobLog log = new JobLog(w, true);
      if (header) {
        log.write(HEADER);
      }
      return log;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("Cannot write to --joblog " + file + ": " + e.getMessage());
    }
  }

  /** The row of an ended job; a newline in the command is written as NUL, as GNU parallel does. */
  static String row(JobEnd end) {
    return row(end.job().seq(), end.startMillis(), end.runtimeNanos(), end.stdout().size(), end.exitval(),
        end.signalColumn(), end.job().line().replace('\n', '\0'));
  }

  /** One row, as GNU parallel formats it. */
  public static String row(long seq, long startMillis, long runtimeNanos, long received, int exitval, int signal,
      String command) {
    return String.format(Locale.ROOT, "%d\t:\t%.3f\t%10.3f\t0\t%d\t%d\t%d\t%s", seq, startMillis / 1000.0,
        runtimeNanos / 1e9, received, exitval, signal, command);
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
      if (!closes) {
        writer.flush();
        return;
      }
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
