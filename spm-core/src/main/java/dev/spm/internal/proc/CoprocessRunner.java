package dev.spm.internal.proc;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.SpmInputException;
import dev.spm.SpmSessionException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Coprocess}; its Javadoc states the policy.
 *
 * <p>Overview: the program starts as {@code setsid --wait ARGV...} with {@code SPM_TAG} set to a
 * fresh id. Started by the JVM it is never a process group leader, so {@code setsid} calls
 * {@code setsid()} and execs the program in place: the pid the JVM sees is the program's own and
 * leads its new session and group. (Were it a leader, {@code setsid} would fork; {@code --wait}
 * then keeps the pid alive until the program ends and passes on its exit status, and the tree
 * kill finds the forked child as a descendant, by its tag, and as a group leader.)
 * Stdout and stderr go straight to temporary files, so no thread pumps them and a daemon that
 * keeps them open cannot block the run. Whatever way the wait ends (exit, deadline, interrupt,
 * an unexpected exception), the {@code finally} kills the tree, confirms it dead, and only then
 * reads the output.
 */
public final class CoprocessRunner {
  /** How long past the grace a kill may take to be confirmed. */
  static final Duration CONFIRM_MARGIN = Duration.ofSeconds(5);

  private CoprocessRunner() {}

  public static CoprocessResult run(Coprocess coprocess) {
    File cwd = coprocess.cwd().map(Path::toFile).orElse(null);
    if (cwd != null && !cwd.isDirectory()) {
      throw new SpmInputException("cwd must be a directory, but was " + cwd + " for " + coprocess);
    }
    String tag = UUID.randomUUID().toString();
    Path out = tempFile("out");
    Path err = tempFile("err");
    try {
      List<String> command = new ArrayList<>(List.of("setsid", "--wait"));
      command.addAll(coprocess.argv());
      byte[] stdin = coprocess.stdin();
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(cwd)
          .redirectInput(stdin.length == 0
              ? ProcessBuilder.Redirect.from(new File("/dev/null"))
              : ProcessBuilder.Redirect.PIPE)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      builder.environment().putAll(coprocess.env());
      builder.environment().put(ProcessTrees.TAG_ENV, tag);
      return runStarted(coprocess, builder, stdin, tag, out, err);
    } finally {
      delete(out);
      delete(err);
    }
  }

  private static CoprocessResult runStarted(
      Coprocess coprocess, ProcessBuilder builder, byte[] stdin, String tag, Path out, Path err) {
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
    return new CoprocessResult(read(out), read(err), exitCode, signal, timedOut, wallNanos);
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
    Duration grace = coprocess.grace();
    if (!ProcessTrees.killTree(process.pid(), startTicks, ProcessTrees.TAG_ENV, tag, grace,
        grace.plus(CONFIRM_MARGIN))) {
      throw new SpmSessionException("could not confirm the end of " + coprocess + " within "
          + grace.plus(CONFIRM_MARGIN) + "; still alive: "
          + ProcessTrees.findByEnv(ProcessTrees.TAG_ENV, tag));
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

  private static Path tempFile(String suffix) {
    try {
      return Files.createTempFile("spm-coprocess-", "." + suffix);
    } catch (IOException e) {
      throw new SpmSessionException("could not create a temporary file for a coprocess's " + suffix, e);
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
