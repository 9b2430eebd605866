package dev.spm.internal.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Signals by running the {@code kill} command, {@code kill -s SIG -- PID ... -PGID ...}: one
 * command for all targets. Used where libc cannot be called (Java 21, or native access not
 * enabled). Costs a process start, about a millisecond, per call; its stderr ("no such process")
 * is discarded.
 */
final class KillCommand implements Signals {
  static final KillCommand INSTANCE = new KillCommand();

  private KillCommand() {}

  @Override
  public void send(int signal, Collection<Long> targets) {
    if (targets.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-s", name(signal), "--"));
    targets.forEach(target -> command.add(Long.toString(target)));
    Process kill;
    try {
      kill = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run the kill command: " + command, e);
    }
    Interrupts.awaitUninterruptibly(kill);
  }

  @Override
  public boolean isNative() {
    return false;
  }

  private static String name(int signal) {
    return switch (signal) {
      case TERM -> "TERM";
      case KILL -> "KILL";
      default -> Integer.toString(signal);
    };
  }
}
