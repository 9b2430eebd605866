package dev.spm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal, read from {@code /proc} (spm runs on Linux only). */
final class Terminals {
  private Terminals() {}

  static final int STDIN = 0;
  static final int STDERR = 2;

  /** True if file descriptor {@code fd} of this process is a terminal; false when it cannot tell. */
  static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
