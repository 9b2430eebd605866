package dev.spm.internal.proc;

import java.io.IOException;

/**
 * Kills every process whose environment holds {@code NAME=VALUE} once this JVM is gone, even if it
 * was killed with SIGKILL: for programs that this JVM starts itself, with no agent to clean up
 * after it.
 *
 * <p>A small {@code sh} script, started at once, blocks reading its stdin, a pipe from this JVM.
 * When the JVM dies the pipe closes; the script then sends SIGKILL to every process carrying the
 * entry, scanning {@code /proc} again every 0.1 s until none is left (for at most about 10 s).
 * {@link #close} ends the watchdog without any of that, for a JVM that cleaned up itself. The
 * watchdog's own environment does not hold the entry.
 *
 * <p>What it cannot find: a process that cleared its environment. While this JVM lives, its own
 * kills find those too (by process group, and as a subreaper by descent); after a SIGKILL they
 * are re-parented to init and out of reach.
 */
public final class Watchdog implements AutoCloseable {
  private static final String SCRIPT = """
      while read -r _; do :; done
      n=0
      while [ $n -lt 100 ]; do
        found=
        for f in /proc/[0-9]*/environ; do
          if grep -qxzF -e "$1" "$f" 2>/dev/null; then
            p=${f#/proc/}; p=${p%/environ}
            [ "$p" = "$$" ] || { kill -KILL "$p" 2>/dev/null && found=1; }
          fi
        done
        [ -n "$found" ] || exit 0
        n=$((n+1)); sleep 0.1
      done
      """;

  private final Process process; // when started through ProcessBuilder
  private final Libc libc; // when started natively, with:
  private final long pid;
  private final int pipeWriteEnd;

  private Watchdog(Process process) {
    this.process = process;
    this.libc = null;
    this.pid = process.pid();
    this.pipeWriteEnd = -1;
  }

  private Watchdog(Libc libc, long pid, int pipeWriteEnd) {
    this.process = null;
    this.libc = libc;
    this.pid = pid;
    this.pipeWriteEnd = pipeWriteEnd;
  }

  /**
   * Starts a watchdog for the processes whose environment holds {@code name=value}.
   *
   * @throws IllegalStateException if {@code sh} cannot be started
   */
  public static Watchdog start(String name, String value) {
    java.util.Optional<Libc> libc = Libc.get().filter(Libc::canSpawn);
    if (libc.isPresent() && !Boolean.getBoolean(Signals.FORCE_FALLBACK)) {
      return startNatively(libc.get(), name, value);
    }
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", SCRIPT, "spm-watchdog", name + "=" + value)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD); // stdin stays a pipe from this JVM
    builder.environment().remove(name);
    try {
      return new Watchdog(builder.start());
    } catch (IOException e) {
      throw new IllegalStateException("could not start the watchdog (sh): " + e.getMessage(), e);
    }
  }

  /** Without ProcessBuilder (whose first use costs tens of milliseconds): a pipe and posix_spawn. */
  private static Watchdog startNatively(Libc libc, String name, String value) {
    int[] pipe = libc.pipe();
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.remove(name);
    java.util.List<String> entries = new java.util.ArrayList<>();
    env.forEach((k, v) -> entries.add(k + "=" + v));
    long pid = libc.spawn(new SpawnRequest("sh", java.util.List.of("sh", "-c", SCRIPT, "spm-watchdog", name + "=" + value),
        entries, java.util.List.of(), null, null, pipe[0], "/dev/null", "/dev/null"));
    libc.close(pipe[0]);
    if (pid < 0) {
      libc.close(pipe[1]);
      throw new IllegalStateException("could not start the watchdog (sh): error " + -pid);
    }
    JdkChildren.add(pid);
    return new Watchdog(libc, pid, pipe[1]);
  }

  /** The watchdog's pid. */
  public long pid() {
    return pid;
  }

  /** For tests: what this JVM's death looks like to the watchdog. */
  void closePipeForTest() throws IOException {
    if (process != null) {
      process.getOutputStream().close();
    } else {
      libc.close(pipeWriteEnd);
    }
  }

  /** For tests: waits for the watchdog to end; its exit status. */
  int awaitForTest() throws InterruptedException {
    if (process != null) {
      return process.waitFor();
    }
    int status = libc.waitExit(pid);
    JdkChildren.remove(pid);
    return (status >> 8) & 0xff;
  }

  /** For tests: whether the watchdog runs. */
  boolean aliveForTest() {
    return ProcFs.stat(pid).map(ProcFs.Stat::alive).orElse(false);
  }

  /** Ends the watchdog without it killing anything, and waits for it. Idempotent. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroyForcibly();
      Interrupts.awaitUninterruptibly(process);
      return;
    }
    if (!JdkChildren.contains(pid)) {
      return;
    }
    libc.kill(pid, Signals.KILL);
    libc.waitExit(pid);
    JdkChildren.remove(pid);
    libc.close(pipeWriteEnd);
  }
}
