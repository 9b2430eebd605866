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

  private final Process process;

  private Watchdog(Process process) {
    this.process = process;
  }

  /**
   * Starts a watchdog for the processes whose environment holds {@code name=value}.
   *
   * @throws IllegalStateException if {@code sh} cannot be started
   */
  public static Watchdog start(String name, String value) {
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

  /** The watchdog's pid. */
  public long pid() {
    return process.pid();
  }

  /** For tests: the {@code sh} process. */
  Process processForTest() {
    return process;
  }

  /** Ends the watchdog without it killing anything, and waits for it. Idempotent. */
  @Override
  public void close() {
    process.destroyForcibly();
    Interrupts.awaitUninterruptibly(process);
  }
}
