package dev.spm;

import dev.spm.internal.proc.CoprocessRunner;
import dev.spm.internal.proc.TermSeq;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stand-alone program to run with a hard deadline: the seed's
 * {@code spm.util.coprocess.shell.policyA(cmd, timeout)}. Build one with {@link #shell} or
 * {@link #argv}, refine it with the withers, and run it with {@link #run}, directly or as a task
 * function ({@code Coprocess::run}) on a spoke.
 *
 * <p>An immutable value: each wither returns a new instance and rejects a bad value at once,
 * naming it. It serializes (Java serialization and Fory alike) with plain fields, so it can
 * travel to a spoke as a task argument.
 *
 * <h2>Policy</h2>
 * <ul>
 *   <li>The program runs in a session and process group of its own ({@code setsid}), with the
 *       environment of the calling process plus {@link #env} plus {@code SPM_TAG=<fresh id>},
 *       which all its descendants inherit, even those that daemonize.
 *   <li>Its stdin holds {@link #stdin} then end of file (empty by default); its stdout and stderr
 *       are captured whole: spooled to temporary files while it runs (so nothing is held in memory
 *       and a daemon that keeps them open cannot block the run), then read into the result, which
 *       holds them in memory; each stream is limited to what a Java array holds, about 2 GiB.
 *   <li>At the deadline: SIGTERM to its process group and every process carrying its tag,
 *       SIGKILL to all still alive after the {@link #grace} (or the steps of a
 *       {@link #termseq}, then SIGKILL), and {@link #run} returns only once all are confirmed
 *       dead.
 *   <li>After a normal exit, whatever the program left behind (background children, daemons
 *       carrying its tag or in its process group) is killed the same way before {@link #run}
 *       returns: nothing a coprocess started outlives it.
 * </ul>
 */
public final class Coprocess implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DEFAULT_GRACE_NANOS = Duration.ofSeconds(1).toNanos();

  private final List<String> argv;
  private final String cwd; // null: the caller's working directory
  private final Map<String, String> env;
  private final byte[] stdin;
  private final long timeoutNanos; // 0: no deadline
  private final long graceNanos;
  private final String termseq; // null: SIGTERM, then SIGKILL after the grace

  private Coprocess(
      List<String> argv, String cwd, Map<String, String> env, byte[] stdin,
      long timeoutNanos, long graceNanos, String termseq) {
    this.argv = argv;
    this.cwd = cwd;
    this.env = env;
    this.stdin = stdin;
    this.timeoutNanos = timeoutNanos;
    this.graceNanos = graceNanos;
    this.termseq = termseq;
  }

  /**
   * A shell command line, run as {@code sh -c line}. A command that the shell cannot find ends
   * with exit code 127, as in a terminal.
   *
   * @throws SpmInputException if {@code line} is null or blank
   */
  public static Coprocess shell(String line) {
    if (line == null || line.isBlank()) {
      throw new SpmInputException("shell line must not be blank, but was " + quote(line));
    }
    return argv("sh", "-c", line);
  }

  /**
   * A program and its arguments, run without a shell; the program is looked up on the
   * {@code PATH}. A program that cannot be found is not an exception: like in a shell, the run
   * ends with exit code 127 (126 if it cannot be executed) and a message on its stderr.
   *
   * @throws SpmInputException if {@code argv} is empty or holds a null
   */
  public static Coprocess argv(String... argv) {
    if (argv == null) {
      throw new SpmInputException("argv must not be null");
    }
    return argv(Arrays.asList(argv));
  }

  /**
   * As {@link #argv(String...)}.
   *
   * @throws SpmInputException if {@code argv} is empty or holds a null
   */
  public static Coprocess argv(List<String> argv) {
    if (argv == null || argv.isEmpty() || argv.contains(null)) {
      throw new SpmInputException("argv must be a non-empty list of strings, but was " + argv);
    }
    return new Coprocess(List.copyOf(argv), null, Map.of(), new byte[0], 0, DEFAULT_GRACE_NANOS, null);
  }

  /**
   * The working directory of the program. It is checked when the program starts, on the
   * process that runs it.
   *
   * @throws SpmInputException if {@code dir} is null
   */
  public Coprocess cwd(Path dir) {
    if (dir == null) {
      throw new SpmInputException("cwd must not be null");
    }
    return new Coprocess(argv, dir.toString(), env, stdin, timeoutNanos, graceNanos, termseq);
  }

  /**
   * Environment entries added to (or replacing) those inherited from the calling process. They
   * replace the entries set by an earlier call. {@code SPM_TAG} is spm's and cannot be set.
   *
   * @throws SpmInputException if a name is empty, holds '=' or NUL, a value holds NUL, or a
   *     name is {@code SPM_TAG}
   */
  public Coprocess env(Map<String, String> entries) {
    if (entries == null) {
      throw new SpmInputException("env must not be null");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    entries.forEach((name, value) -> {
      if (name == null || name.isEmpty() || name.contains("=") || name.contains("\0")
          || value == null || value.contains("\0") || name.equals("SPM_TAG")) {
        throw new SpmInputException("env entry must be NAME=VALUE with a name other than SPM_TAG"
            + " and no '=' or NUL in the name, but was " + quote(name) + "=" + quote(value));
      }
      copy.put(name, value);
    });
    return new Coprocess(argv, cwd, Collections.unmodifiableMap(copy), stdin, timeoutNanos, graceNanos, termseq);
  }

  /**
   * The bytes the program reads on stdin, followed by end of file. By default stdin is empty.
   * The program need not read them all.
   *
   * @throws SpmInputException if {@code bytes} is null
   */
  public Coprocess stdin(byte[] bytes) {
    if (bytes == null) {
      throw new SpmInputException("stdin must not be null");
    }
    return new Coprocess(argv, cwd, env, bytes.clone(), timeoutNanos, graceNanos, termseq);
  }

  /**
   * The text the program reads on stdin, encoded as UTF-8.
   *
   * @throws SpmInputException if {@code text} is null
   */
  public Coprocess stdin(String text) {
    if (text == null) {
      throw new SpmInputException("stdin must not be null");
    }
    return stdin(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The deadline, counted from the program's start. When it passes, the program and everything
   * it started is killed, and the result says {@link CoprocessResult#timedOut()}. No deadline by
   * default.
   *
   * @throws SpmInputException if {@code timeout} is null, zero or negative
   */
  public Coprocess timeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new SpmInputException("timeout must be positive, but was " + timeout);
    }
    return new Coprocess(argv, cwd, env, stdin, saturatedNanos(timeout), graceNanos, termseq);
  }

  /**
   * How long a killed program has between SIGTERM and SIGKILL; 1 second by default, zero for
   * SIGKILL at once. Replaces a {@link #termseq} set before.
   *
   * @throws SpmInputException if {@code grace} is null or negative
   */
  public Coprocess grace(Duration grace) {
    if (grace == null || grace.isNegative()) {
      throw new SpmInputException("grace must not be negative, but was " + grace);
    }
    return new Coprocess(argv, cwd, env, stdin, timeoutNanos, saturatedNanos(grace), null);
  }

  /**
   * How a killed program is killed, in GNU parallel's {@code --termseq} syntax: signals, each
   * followed by the longest wait in milliseconds for the program's processes to die, as in
   * {@code TERM,200,TERM,100,TERM,50,KILL,25} (GNU parallel's default). A wait ends early when
   * none is alive. Whatever survives the last step is sent SIGKILL. Replaces the {@link #grace}.
   *
   * @throws SpmInputException if the text is not such a sequence; the message names the bad part
   */
  public Coprocess termseq(String sequence) {
    String[] last = lastTermseq; // a run gives every job the same sequence: parse it once
    if (last != null && last[0].equals(sequence)) {
      return new Coprocess(argv, cwd, env, stdin, timeoutNanos, graceNanos, last[1]);
    }
    try {
      String normal = TermSeq.parse(sequence).toString();
      lastTermseq = new String[] {sequence, normal};
      return new Coprocess(argv, cwd, env, stdin, timeoutNanos, graceNanos, normal);
    } catch (IllegalArgumentException e) {
      throw new SpmInputException(e.getMessage());
    }
  }

  /** The last sequence given to {@link #termseq} and its normal form. */
  private static volatile String[] lastTermseq;

  /** The program and its arguments ({@code [sh, -c, line]} for a shell line). */
  public List<String> argv() {
    return argv;
  }

  /** The working directory, if one was set. */
  public Optional<Path> cwd() {
    return Optional.ofNullable(cwd).map(Path::of);
  }

  /** The environment entries added to the inherited ones. */
  public Map<String, String> env() {
    return env;
  }

  /** A copy of the stdin bytes. */
  public byte[] stdin() {
    return stdin.clone();
  }

  /** The deadline, if one was set. */
  public Optional<Duration> timeout() {
    return timeoutNanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(timeoutNanos));
  }

  /** The time between SIGTERM and SIGKILL at a kill, when no {@link #termseq} is set. */
  public Duration grace() {
    return Duration.ofNanos(graceNanos);
  }

  /** The kill sequence, in GNU parallel's syntax, if one was set; else SIGTERM, the grace, SIGKILL. */
  public Optional<String> termseq() {
    return Optional.ofNullable(termseq);
  }

  /**
   * Runs the program in the current process and waits until it and everything it started have
   * ended (see the policy above). Static, so that a spoke can resolve it by name as the task
   * function {@code Coprocess::run}. Thread-safe: runs do not share state.
   *
   * <p>A program that exits non-zero, cannot be found (127), or is killed by a signal is not an
   * exception: the result says so. At the deadline the result has
   * {@link CoprocessResult#timedOut()} set and the exit code of the signal that ended it.
   *
   * @throws SpmInputException if the working directory does not exist
   * @throws SpmSessionException if the program cannot be started at all ({@code setsid}
   *     missing, no temporary space), or if some of its processes could not be confirmed dead
   *     (for instance stuck in uninterruptible sleep) within the grace plus 5 seconds; the
   *     message lists them
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   *     while the program runs; the program and everything it started are killed first, as at
   *     the deadline, and the thread's interrupt flag stays set
   */
  public static CoprocessResult run(Coprocess coprocess) {
    return CoprocessRunner.run(Objects.requireNonNull(coprocess, "coprocess"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Coprocess c
        && argv.equals(c.argv)
        && Objects.equals(cwd, c.cwd)
        && env.equals(c.env)
        && Arrays.equals(stdin, c.stdin)
        && timeoutNanos == c.timeoutNanos
        && graceNanos == c.graceNanos
        && Objects.equals(termseq, c.termseq);
  }

  @Override
  public int hashCode() {
    return Objects.hash(argv, cwd, env, Arrays.hashCode(stdin), timeoutNanos, graceNanos, termseq);
  }

  @Override
  public String toString() {
    return "Coprocess" + argv
        + (cwd == null ? "" : " in " + cwd)
        + (env.isEmpty() ? "" : " with " + env)
        + (stdin.length == 0 ? "" : " stdin " + stdin.length + " bytes")
        + (timeoutNanos == 0 ? "" : " timeout " + Duration.ofNanos(timeoutNanos))
        + (termseq == null ? " grace " + Duration.ofNanos(graceNanos) : " termseq " + termseq);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
