package dev.spm.examples.make;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.RemoteThrowable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The task function of one recipe line: runs it as a {@link Coprocess} on a spoke and, unlike
 * {@code Coprocess::run}, fails the task when the line exits non-zero, so that the DAG's failure
 * policy ({@code make} or {@code make -k}) applies.
 *
 * <p>The failure carries the line's whole output in its message (exceptions travel from spokes as
 * class name and message only), which {@link #failure(Throwable)} reads back on the hub.
 */
public final class RecipeLine {
  private static final Pattern HEAD = Pattern.compile(
      "exit status (-?\\d+)(, timed out)?; stdout (\\d+) chars, stderr (\\d+) chars\n", Pattern.DOTALL);

  private RecipeLine() {}

  /** A failed line as the hub sees it. */
  record Failure(int exitCode, boolean timedOut, String stdout, String stderr) {}

  /** The line exited non-zero; the message holds its status and whole output. */
  public static final class FailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FailedException(CoprocessResult result) {
      super(encode(result), null, false, false);
    }
  }

  /**
   * Runs the line in this process and waits for it and every process it started.
   *
   * @param ignoreErrors whether a non-zero exit is a result (make's {@code -} prefix) rather than
   *     a failure
   * @return the line's output and status
   * @throws FailedException if it exited non-zero or timed out and errors are not ignored
   * @throws dev.spm.SpmInputException if its working directory does not exist
   */
  public static CoprocessResult run(Coprocess line, Boolean ignoreErrors) {
    CoprocessResult result = Coprocess.run(line);
    if (!result.succeeded() && !ignoreErrors) {
      throw new FailedException(result);
    }
    return result;
  }

  private static String encode(CoprocessResult r) {
    String out = r.stdout();
    String err = r.stderr();
    return "exit status " + r.exitCode() + (r.timedOut() ? ", timed out" : "") + "; stdout " + out.length()
        + " chars, stderr " + err.length() + " chars\n" + out + err;
  }

  /** The failed line behind a task failure's cause, if that is what it was. */
  static Optional<Failure> failure(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      boolean ours = t instanceof FailedException
          || (t instanceof RemoteThrowable remote && remote.className().equals(FailedException.class.getName()));
      if (ours && t.getMessage() != null) {
        Matcher m = HEAD.matcher(t.getMessage());
        if (m.lookingAt()) {
          String rest = t.getMessage().substring(m.end());
          int outLength = Integer.parseInt(m.group(3));
          int errLength = Integer.parseInt(m.group(4));
          if (rest.length() == outLength + errLength) {
            return Optional.of(new Failure(Integer.parseInt(m.group(1)), m.group(2) != null,
                rest.substring(0, outLength), rest.substring(outLength)));
          }
        }
      }
    }
    return Optional.empty();
  }
}
