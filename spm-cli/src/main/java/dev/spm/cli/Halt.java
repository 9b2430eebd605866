package dev.spm.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU parallel's {@code --halt WHEN,WHY=N}: when to stop before every job has run, and the exit
 * status then.
 *
 * <ul>
 *   <li>WHEN: {@code never}; {@code soon}, which starts no new job and lets the running ones end;
 *       {@code now}, which kills the running jobs (they are neither logged nor printed).
 *   <li>WHY: {@code fail=N}, {@code success=N} or {@code done=N} jobs, or {@code N%} of all jobs
 *       (which needs their number, so the input is read whole first).
 *   <li>Short forms: {@code 0} never, {@code 1} soon,fail=1, {@code 2} now,fail=1, {@code -1}
 *       soon,success=1, {@code -2} now,success=1, {@code N%} soon,fail=N%.
 * </ul>
 *
 * @param when when to stop
 * @param why which jobs count
 * @param count how many, when {@code percent} is false
 * @param percent whether {@code count} is a percentage of all jobs
 */
record Halt(When when, Why why, long count, boolean percent) {
  enum When { NEVER, SOON, NOW }

  enum Why { FAIL, SUCCESS, DONE }

  private static final Map<String, String> SHORT = Map.of("0", "never", "1", "soon,fail=1", "2", "now,fail=1",
      "-1", "soon,success=1", "-2", "now,success=1");
  private static final Pattern LONG = Pattern.compile("([^,=]*)(?:[,=]([^,=]*)(?:[,=]([^,=]*))?)?.*");

  /** Never halts. */
  static Halt never() {
    return new Halt(When.NEVER, Why.FAIL, 0, false);
  }

  /**
   * Parses GNU parallel's syntax.
   *
   * @throws IllegalArgumentException with GNU parallel's message, if the text is not a halt
   */
  static Halt parse(String text) {
    String t = SHORT.getOrDefault(text, text).replaceFirst("^(\\d+)%$", "soon,fail=$1%");
    Matcher m = LONG.matcher(t);
    m.matches();
    When when = switch (m.group(1)) {
      case "never" -> When.NEVER;
      case "soon" -> When.SOON;
      case "now" -> When.NOW;
      default -> throw new IllegalArgumentException("--halt must have 'never', 'soon', or 'now'.");
    };
    if (when == When.NEVER) {
      return never();
    }
    String reason = m.group(2) == null ? "" : m.group(2);
    Why why = switch (reason) {
      case "fail" -> Why.FAIL;
      case "success" -> Why.SUCCESS;
      case "done" -> Why.DONE;
      default -> throw new IllegalArgumentException("--halt " + m.group(1) + " must be followed by ,success or ,fail.");
    };
    String n = m.group(3) == null ? "" : m.group(3);
    if (!n.matches("\\d{1,9}%?")) {
      throw new IllegalArgumentException("--halt " + m.group(1) + "," + reason
          + " must be followed by ,number or ,percent%.");
    }
    boolean percent = n.endsWith("%");
    return new Halt(when, why, Long.parseLong(percent ? n.substring(0, n.length() - 1) : n), percent);
  }

  boolean isNever() {
    return when == When.NEVER;
  }

  /**
   * Counts ended jobs, decides when the run halts, and gives the exit status as GNU parallel does.
   * Not thread-safe; one per run.
   */
  static final class Tally {
    private final Halt halt;
    private final long totalJobs; // for percentages; -1 if unknown
    private long started;
    private long completed;
    private long failed;
    private Integer haltStatus; // set once, when the halt is decided
    private When decided = When.NEVER;

    /**
     * @param totalJobs the number of jobs, needed by percentages (else -1)
     * @param alreadyDone jobs that an earlier run's joblog says are done (--resume)
     */
    Tally(Halt halt, long totalJobs, long alreadyDone) {
      this.halt = halt;
      this.totalJobs = totalJobs;
      this.completed = alreadyDone;
    }

    void started() {
      started++;
    }

    /** A job ended; returns what to do now: NEVER (go on), SOON (start no more) or NOW. */
    When ended(JobEnd end) {
      completed++;
      long limit;
      if (end.failed()) {
        failed++;
      }
      if (halt.isNever()) {
        return When.NEVER;
      }
      if (halt.why() == Why.DONE) {
        limit = completed;
      } else if (halt.why() == Why.FAIL) {
        if (!end.failed()) {
          return decided;
        }
        limit = failed;
      } else {
        if (end.failed()) {
          return decided;
        }
        limit = completed - failed;
      }
      double threshold = halt.percent() ? totalJobs * halt.count() / 100.0 : halt.count();
      if (limit < threshold) {
        return decided;
      }
      if (haltStatus == null) {
        if (halt.why() == Why.SUCCESS) {
          haltStatus = 0;
        } else if (threshold == 1) { // fail=1 or done=1: the status of the job that halted the run
          int exit = end.exitval();
          haltStatus = exit != 0 ? exit & 0xff : end.signalColumn() != 0 ? end.signalColumn() + 128 : 0;
        } else if (halt.percent()) {
          haltStatus = (int) Math.ceil(failed * 100.0 / Math.max(totalJobs, 1));
        } else {
          haltStatus = (int) Math.min(failed, 101);
        }
      }
      decided = halt.when();
      return decided;
    }

    long failed() {
      return failed;
    }

    /** The exit status of the run, once it is over. */
    int exitStatus() {
      if (haltStatus != null) {
        return haltStatus;
      }
      if (!halt.isNever() && halt.percent()) {
        return (int) Math.ceil(failed * 100.0 / Math.max(started, 1));
      }
      return ExitCodes.forFailedJobs(failed);
    }
  }
}
