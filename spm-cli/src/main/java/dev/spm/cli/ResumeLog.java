package dev.spm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * What an earlier run's {@code --joblog} says is done, read as GNU parallel reads it for
 * {@code --resume} and {@code --resume-failed}: by Seq alone. The first line is the header and is
 * skipped. With {@code --resume} every logged Seq is done; with {@code --resume-failed} only those
 * logged with Exitval 0 and Signal 0, so failed jobs run again. The input and the command must be
 * the same as in the earlier run, or other commands than the logged ones run under those numbers.
 */
final class ResumeLog {
  private static final Pattern ANY_ROW = Pattern.compile("^(\\d+).*", Pattern.DOTALL);
  private static final Pattern SUCCEEDED_ROW = Pattern.compile("^(\\d+)(?:\\t[^\\t]+){5}\\t0\\t0\\t.*", Pattern.DOTALL);
  private static final Pattern WELL_FORMED = Pattern.compile("\\d+\\s+\\S+\\s+(?:[-0-9.]+\\s+){6}.*", Pattern.DOTALL);

  /**
   * The done jobs.
   *
   * @param seqs the Seq of each done job
   * @param count how many rows said so (GNU parallel counts them as completed, for --halt)
   */
  record Done(BitSet seqs, long count) {
    boolean contains(long seq) {
      return seq >= 0 && seq <= Integer.MAX_VALUE && seqs.get((int) seq);
    }

    static Done none() {
      return new Done(new BitSet(), 0);
    }
  }

  private ResumeLog() {}

  /**
   * Reads the log; a missing file means nothing is done yet.
   *
   * @param failedAgain true for --resume-failed: failed jobs are not done
   * @throws IllegalArgumentException with GNU parallel's message, naming the file and the line,
   *     if a row is not a joblog row, or if the file cannot be read
   */
  static Done read(Path file, boolean failedAgain) {
    BitSet seqs = new BitSet();
    long count = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (in.readLine() == null) {
        return Done.none();
      }
      Pattern done = failedAgain ? SUCCEEDED_ROW : ANY_ROW;
      for (String line; (line = in.readLine()) != null; ) {
        var m = done.matcher(line);
        if (m.matches()) {
          long seq = Long.parseLong(m.group(1).length() > 10 ? "0" : m.group(1));
          if (seq <= Integer.MAX_VALUE) {
            seqs.set((int) seq);
          }
          count++;
        } else if (!WELL_FORMED.matcher(line).matches()) {
          throw new IllegalArgumentException("Format of '" + file + "' is wrong: " + line);
        }
      }
    } catch (NoSuchFileException e) {
      return Done.none();
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read --joblog " + file + ": " + e.getMessage());
    }
    return new Done(seqs, count);
  }
}
