package dev.spm.internal.proc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a tree of processes is killed: signals, each followed by a wait, in GNU parallel's
 * {@code --termseq} syntax ({@code TERM,200,TERM,100,TERM,50,KILL,25}: send TERM, wait up to
 * 200 ms for every process to die, send TERM again to those left, and so on). A wait ends early
 * once none is alive. Whatever is still alive after the last wait gets SIGKILL until it is
 * confirmed dead: unlike GNU parallel, spm never leaves a process behind because a sequence
 * ended without KILL.
 *
 * <p>An immutable value; {@link #parse} rejects bad text at once, naming it.
 *
 * @param steps the signals and waits, in order; never empty
 */
public record TermSeq(List<Step> steps) {
  /** GNU parallel's default sequence. */
  public static final String GNU_DEFAULT = "TERM,200,TERM,100,TERM,50,KILL,25";

  private static final Map<String, Integer> SIGNALS = Map.ofEntries(
      Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
      Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
      Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
      Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16),
      Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20),
      Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24),
      Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28),
      Map.entry("IO", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

  /**
   * One signal and the longest wait after it.
   *
   * @param signal the signal number, 1 to 64
   * @param waitMillis how long to wait for the processes to die, at least 0
   */
  public record Step(int signal, long waitMillis) {
    public Step {
      if (signal < 1 || signal > 64) {
        throw new IllegalArgumentException("signal must be 1 to 64, but was " + signal);
      }
      if (waitMillis < 0) {
        throw new IllegalArgumentException("waitMillis must not be negative, but was " + waitMillis);
      }
    }
  }

  public TermSeq {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a kill sequence needs at least one signal");
    }
  }

  /** GNU parallel's default: {@value #GNU_DEFAULT}. */
  public static TermSeq gnuDefault() {
    return parse(GNU_DEFAULT);
  }

  /** SIGTERM, then SIGKILL after the grace (at once when the grace is zero). */
  public static TermSeq grace(Duration grace) {
    if (grace.isZero()) {
      return new TermSeq(List.of(new Step(Signals.KILL, 0)));
    }
    long millis;
    try {
      millis = Math.max(1, grace.toMillis());
    } catch (ArithmeticException tooLong) {
      millis = Long.MAX_VALUE;
    }
    return new TermSeq(List.of(new Step(Signals.TERM, millis)));
  }

  /**
   * Parses GNU parallel's syntax: signals (names such as {@code TERM} or {@code SIGTERM}, or
   * numbers), each optionally followed by a wait in milliseconds (0 if left out), separated by
   * commas.
   *
   * @throws IllegalArgumentException naming the text and the part that is wrong
   */
  public static TermSeq parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("--termseq must not be empty; write signals and waits in ms, as in "
          + GNU_DEFAULT);
    }
    String[] parts = text.split(",", -1);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      int signal = signal(parts[i].trim(), text);
      long wait = 0;
      if (i + 1 < parts.length && parts[i + 1].trim().matches("\\d{1,12}")) {
        wait = Long.parseLong(parts[++i].trim());
      }
      steps.add(new Step(signal, wait));
    }
    return new TermSeq(steps);
  }

  private static int signal(String word, String text) {
    String name = word.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    Integer known = SIGNALS.get(name);
    if (known != null) {
      return known;
    }
    if (name.matches("\\d{1,2}") && Integer.parseInt(name) >= 1 && Integer.parseInt(name) <= 64) {
      return Integer.parseInt(name);
    }
    throw new IllegalArgumentException("--termseq '" + text + "': '" + word + "' is not a signal; write signals and "
        + "waits in ms, as in " + GNU_DEFAULT);
  }

  /** The sum of the waits, in milliseconds. */
  public long totalWaitMillis() {
    long sum = 0;
    for (Step step : steps) {
      sum = sum + step.waitMillis() < 0 ? Long.MAX_VALUE : sum + step.waitMillis();
    }
    return sum;
  }

  /** The sequence in GNU parallel's syntax, with signal names. */
  @Override
  public String toString() {
    List<String> words = new ArrayList<>();
    for (Step step : steps) {
      words.add(name(step.signal()));
      words.add(Long.toString(step.waitMillis()));
    }
    return String.join(",", words);
  }

  private static final String[] NAMES = new String[65];

  static {
    SIGNALS.forEach((name, number) -> NAMES[number] = name);
  }

  /** A signal's name without {@code SIG}, or its number. */
  public static String name(int signal) {
    return signal > 0 && signal < NAMES.length && NAMES[signal] != null ? NAMES[signal] : Integer.toString(signal);
  }
}
