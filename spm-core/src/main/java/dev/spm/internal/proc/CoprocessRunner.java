package dev.spm.internal.proc;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.SpmInputException;
import dev.spm.SpmSessionException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link Coprocess}; its Javadoc states the policy.
 *
 * <pre>
 * Overview.
 * Two ways to start the program, with the same guarantees:
 *
 * Native (Java 22+ with native access, glibc 2.34+, and the fallback not forced): posix_spawnp
 * with POSIX_SPAWN_SETSID, so the program leads a new session and group with no helper exec in
 * between; only its stdin, stdout and stderr are open in it. A pidfd tells when it has ended; the
 * wait is sliced so that an interrupt is seen within SLICE. Once the main process has ended, and
 * before it is reaped (so that its pid cannot be reused meanwhile), the tree is made sure gone:
 * when this JVM is a subreaper, every survivor would be one of its adopted orphans, or below one,
 * so a look at those (Adoptees) is enough and costs a few file reads; otherwise, or when an
 * adoptee may be the program's, the full kill below runs. Then the main process is reaped with
 * waitpid, which gives its exit code and signal exactly.
 *
 * ProcessBuilder (the fallback, and Java 21): setsid --wait ARGV... Started by the JVM it is never
 * a process group leader, so setsid calls setsid() and execs the program in place: the pid the JVM
 * sees is the program's own and leads its new session and group. (Were it a leader, setsid would
 * fork; --wait then keeps the pid alive until the program ends and passes on its exit status, and
 * the tree kill finds the forked child as a descendant, by its tag, and as a group leader.)
 * After the exit the whole tree is swept (ProcessTrees.killTree).
 *
 * Either way SPM_TAG is set to a fresh id, stdout and stderr go straight to files (no thread
 * pumps them, and a daemon that keeps them open cannot block the run), and whatever way the wait
 * ends (exit, deadline, interrupt, an unexpected exception) the tree is killed with the
 * coprocess's kill sequence and confirmed dead before the run returns.
 * </pre>
 */
public final class CoprocessRunner {
  /** How long past the kill sequence's waits a kill may take to be confirmed. */
  static final Duration CONFIRM_MARGIN = Duration.ofSeconds(5);
  /** The longest native wait between two looks at the interrupt flag. */
  private static final int SLICE_MILLIS = 50;
  private static final int ENOENT = 2;
  private static final AtomicLong RUNS = new AtomicLong();

  private CoprocessRunner() {}

  /** Runs the program, with its stdout and stderr read into the result. */
  public static CoprocessResult run(Coprocess coprocess) {
    checkCwd(coprocess);
    Path out = tempFile("out");
    Path err = tempFile("err");
    try {
      ProgramExit exit = runToFiles(coprocess, out, err);
      return new CoprocessResult(read(out), read(err), exit.exitCode(), exit.signalNumber(), exit.timedOut(),
          exit.wallNanos());
    } finally {
      delete(out);
      delete(err);
    }
  }

  /**
   * Runs the program with its stdout and stderr written to these files (created or truncated),
   * where they stay: nothing of the output is held in memory. Same policy and failures as
   * {@link Coprocess#run}.
   */
  public static ProgramExit runToFiles(Coprocess coprocess, Path stdout, Path stderr) {
    checkCwd(coprocess);
    String tag = ProcFs.SELF + "-" + Long.toHexString(System.nanoTime()) + "-" + RUNS.incrementAndGet();
    Optional<Libc> libc = nativeLauncher();
    if (libc.isPresent()) {
      return runNative(libc.get(), coprocess, stdout, stderr, tag);
    }
    return runWithProcessBuilder(coprocess, stdout, stderr, tag);
  }

  /** Whether programs start through posix_spawn here (else through ProcessBuilder and setsid). */
  public static boolean spawnsNatively() {
    return nativeLauncher().isPresent();
  }

  private static Optional<Libc> nativeLauncher() {
    if (Boolean.getBoolean(Signals.FORCE_FALLBACK)) {
      return Optional.empty();
    }
    return Libc.get().filter(Libc::canSpawn);
  }

  /** The last environments built, by the entries a coprocess adds; a handful at most. */
  private static final Map<Map<String, String>, List<String>> ENVIRONMENTS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A program's environment without its tag: this JVM's, with the entries of {@code env} added or
   * replaced, and without {@code SPM_TAG}. The same list for the same entries, so that
   * {@link Libc#spawn} can reuse its encoding.
   */
  static List<String> environment(Map<String, String> env) {
    List<String> cached = ENVIRONMENTS.get(env);
    if (cached != null) {
      return cached;
    }
    Map<String, String> all = new HashMap<>(System.getenv());
    all.putAll(env);
    all.remove(ProcessTrees.TAG_ENV);
    List<String> entries = new ArrayList<>(all.size());
    all.forEach((k, v) -> entries.add(k + "=" + v));
    List<String> built = List.copyOf(entries);
    if (ENVIRONMENTS.size() < 16) {
      ENVIRONMENTS.putIfAbsent(Map.copyOf(env), built);
      return ENVIRONMENTS.getOrDefault(env, built);
    }
    return built;
  }

  private static void checkCwd(Coprocess coprocess) {
    File cwd = coprocess.cwd().map(Path::toFile).orElse(null);
    if (cwd != null && !cwd.isDirectory()) {
      throw new SpmInputException("cwd must be a directory, but was " + cwd + " for " + coprocess);
    }
  }

  private static TermSeq termSeq(Coprocess coprocess) {
    return coprocess.termseq().map(TermSeq::parse).orElseGet(() -> TermSeq.grace(coprocess.grace()));
  }

  private static Duration confirmWithin(TermSeq sequence) {
    return Duration.ofMillis(Math.min(sequence.totalWaitMillis(), Long.MAX_VALUE / 4_000_000)).plus(CONFIRM_MARGIN);
  }

  // ---- native -----------------------------------------------------------------------------

  private static ProgramExit runNative(Libc libc, Coprocess coprocess, Path stdout, Path stderr, String tag) {
    byte[] stdinBytes = coprocess.stdin();
    Path stdinFile = stdinBytes.length == 0 ? null : writeTemp(stdinBytes);
    long startMillis = System.currentTimeMillis();
    long start = System.nanoTime();
    long pid;
    try {
      String name = coprocess.argv().get(0);
      String program = ProgramPaths.resolve(name);
      SpawnRequest request = new SpawnRequest(program, coprocess.argv(), environment(coprocess.env()),
          List.of(ProcessTrees.TAG_ENV + "=" + tag), coprocess.cwd().map(Path::toString).orElse(null),
          stdinFile == null ? "/dev/null" : stdinFile.toString(), -1, stdout.toString(), stderr.toString());
      pid = libc.spawn(request);
      if (pid == -ENOENT && !program.equals(name)) { // the file found on the PATH earlier is gone: look again
        ProgramPaths.forget(name);
        pid = libc.spawn(new SpawnRequest(name, request.argv(), request.env(), request.extraEnv(), request.cwd(),
            request.stdin(), request.stdinFd(), request.stdout(), request.stderr()));
      }
    } finally {
      if (stdinFile != null) {
        delete(stdinFile); // the child has opened it by now, or failed to
      }
    }
    if (pid < 0) {
      return notStarted(coprocess, (int) -pid, stdout, stderr, startMillis, start);
    }
    JdkChildren.add(pid);
    int pidfd = libc.pidfdOpen(pid);
    boolean exited = false;
    boolean timedOut = false;
    boolean interrupted = false;
    boolean clean = false;
    int status;
    try {
      long timeoutNanos = coprocess.timeout().map(Duration::toNanos).orElse(0L);
      while (true) {
        if (Thread.interrupted()) {
          interrupted = true;
          break;
        }
        int slice = SLICE_MILLIS;
        if (timeoutNanos > 0) {
          long left = timeoutNanos - (System.nanoTime() - start);
          if (left <= 0) {
            timedOut = true;
            break;
          }
          slice = (int) Math.min(slice, TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        if (pidfd >= 0 ? awaitPidfd(libc, pidfd, slice, coprocess) : awaitByProc(pid, slice)) {
          exited = true;
          break;
        }
      }
      byte[] tagEntry = ProcessTrees.envEntry(ProcessTrees.TAG_ENV, tag);
      if (exited && ProcessTrees.isSubreaper() && !Adoptees.mayHold(tagEntry)) {
        clean = true;
      } else {
        TermSeq sequence = termSeq(coprocess);
        clean = ProcessTrees.killTree(pid, ProcessTrees.startTicks(pid), ProcessTrees.TAG_ENV, tag, sequence,
            confirmWithin(sequence));
      }
    } finally {
      if (!clean && !timedOut && !interrupted && !exited) { // an unexpected exception: no leftovers either
        ProcessTrees.killTree(pid, ProcessTrees.startTicks(pid), ProcessTrees.TAG_ENV, tag, TermSeq.grace(Duration.ZERO),
            CONFIRM_MARGIN);
      }
      if (!clean) {
        libc.kill(pid, Signals.KILL); // so that the reap below cannot block
      }
      status = libc.waitExit(pid);
      JdkChildren.remove(pid);
      if (pidfd >= 0) {
        libc.close(pidfd);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (status < 0) {
      throw new SpmSessionException("could not reap " + coprocess + " (pid " + pid + "): error " + -status);
    }
    if (!clean) {
      throw new SpmSessionException("could not confirm the end of " + coprocess + " within "
          + confirmWithin(termSeq(coprocess)) + "; still alive: " + ProcessTrees.findByEnv(ProcessTrees.TAG_ENV, tag));
    }
    if (interrupted) {
      throw new CancellationException("interrupted while running " + coprocess
          + "; it was killed with everything it started");
    }
    return ProgramExit.fromWaitStatus(status, timedOut, startMillis, System.nanoTime() - start);
  }

  private static boolean awaitPidfd(Libc libc, int pidfd, int millis, Coprocess coprocess) {
    int ready = libc.pollReadable(pidfd, millis);
    if (ready < 0) {
      throw new SpmSessionException("could not wait for " + coprocess + ": poll failed with error " + -ready);
    }
    return ready > 0;
  }

  /** Without a pidfd (Linux before 5.3): looks at the process's state every millisecond or so. */
  private static boolean awaitByProc(long pid, int millis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    do {
      Optional<ProcFs.Stat> stat = ProcFs.stat(pid);
      if (stat.isEmpty() || !stat.get().alive()) {
        return true;
      }
      LockSupport.parkNanos(1_000_000);
    } while (System.nanoTime() - until < 0);
    return false;
  }

  /** As a shell does when it cannot run a program: a message on stderr, 127 if not found, else 126. */
  private static ProgramExit notStarted(Coprocess coprocess, int errno, Path stdout, Path stderr, long startMillis,
      long start) {
    String why = switch (errno) {
      case ENOENT -> "No such file or directory";
      case 13 -> "Permission denied";
      case 8 -> "Exec format error";
      default -> "error " + errno;
    };
    try {
      Files.write(stdout, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Files.write(stderr, ("spm: cannot run " + coprocess.argv().get(0) + ": " + why + "\n")
          .getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProgramExit(errno == ENOENT ? 127 : 126, -1, false, startMillis, System.nanoTime() - start);
  }

  // ---- ProcessBuilder ---------------------------------------------------------------------

  private static ProgramExit runWithProcessBuilder(Coprocess coprocess, Path stdout, Path stderr, String tag) {
    List<String> command = new ArrayList<>(List.of("setsid", "--wait"));
    command.addAll(coprocess.argv());
    byte[] stdin = coprocess.stdin();
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(coprocess.cwd().map(Path::toFile).orElse(null))
        .redirectInput(stdin.length == 0
            ? ProcessBuilder.Redirect.from(new File("/dev/null"))
            : ProcessBuilder.Redirect.PIPE)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().putAll(coprocess.env());
    builder.environment().put(ProcessTrees.TAG_ENV, tag);
    long startMillis = System.currentTimeMillis();
    long start = System.nanoTime();
    Process process = start(builder, coprocess);
    JdkChildren.add(process.pid());
    long startTicks = ProcessTrees.startTicks(process.pid());
    Thread feeder = stdin.length == 0 ? null : Thread.ofVirtual().start(() -> feed(process, stdin));
    boolean timedOut = false;
    boolean interrupted = false;
    try {
      timedOut = !awaitDeadline(process, coprocess.timeout().map(Duration::toNanos).orElse(0L));
    } catch (InterruptedException e) {
      interrupted = true;
      Thread.currentThread().interrupt(); // kept even if the kill below throws
    } finally {
      try {
        killTree(process, startTicks, tag, coprocess);
        Interrupts.awaitUninterruptibly(feeder);
      } finally {
        JdkChildren.remove(process.pid());
      }
    }
    long wallNanos = System.nanoTime() - start;
    if (interrupted) {
      throw new CancellationException("interrupted while running " + coprocess
          + "; it was killed with everything it started");
    }
    int exitCode = process.exitValue();
    int signal = exitCode > 128 && exitCode <= 128 + 64 ? exitCode - 128 : -1;
    return new ProgramExit(exitCode, signal, timedOut, startMillis, wallNanos);
  }

  /** Waits for the exit; returns false if the deadline (0: none) passed first. */
  private static boolean awaitDeadline(Process process, long timeoutNanos)
      throws InterruptedException {
    if (timeoutNanos == 0) {
      process.waitFor();
      return true;
    }
    return process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** Kills whatever is left of the program's tree, confirms it dead, and lets the JDK reap it. */
  private static void killTree(Process process, long startTicks, String tag, Coprocess coprocess) {
    TermSeq sequence = termSeq(coprocess);
    Duration within = confirmWithin(sequence);
    if (!ProcessTrees.killTree(process.pid(), startTicks, ProcessTrees.TAG_ENV, tag, sequence, within)) {
      throw new SpmSessionException("could not confirm the end of " + coprocess + " within " + within
          + "; still alive: " + ProcessTrees.findByEnv(ProcessTrees.TAG_ENV, tag));
    }
    Interrupts.awaitUninterruptibly(process);
  }

  private static Process start(ProcessBuilder builder, Coprocess coprocess) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new SpmSessionException("could not start " + coprocess
          + " (is setsid from util-linux on the PATH?)", e);
    }
  }

  /** Writes stdin and closes it; a program that exits without reading it all is fine. */
  private static void feed(Process process, byte[] stdin) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException programStoppedReading) {
      // EPIPE: the program closed stdin or ended
    }
  }

  // ---- files ------------------------------------------------------------------------------

  private static Path tempFile(String suffix) {
    try {
      return Files.createTempFile("spm-coprocess-", "." + suffix);
    } catch (IOException e) {
      throw new SpmSessionException("could not create a temporary file for a coprocess's " + suffix, e);
    }
  }

  private static Path writeTemp(byte[] bytes) {
    Path file = tempFile("in");
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      delete(file);
      throw new SpmSessionException("could not write a coprocess's stdin to " + file, e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file is harmless
    }
  }
}
