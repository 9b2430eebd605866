package dev.spm.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command lines of the JVMs that spm starts (agents, spokes): the same java as this
 * one, the same class path, a heap limit and options of their own, and the flags that keep
 * stderr clean on new JDKs.
 */
public final class JvmLauncher {
  private JvmLauncher() {}

  /**
   * Lets a JVM exit at once (JDK 22+). By default HotSpot's exit waits up to 300 ms for threads
   * that are in native code, and a JVM that did socket I/O on virtual threads always has one: the
   * poller, in epoll_wait. Measured: {@code spm demo sat} on a session spent 300-330 ms between
   * System.exit and the process's end, 20-30 ms with this flag. Our threads in native code are
   * blocked in system calls and touch no JVM state when they wake.
   */
  public static final List<String> QUICK_EXIT = List.of("-XX:UserThreadWaitAttemptsAtExit=0");

  /** The java executable of the running JVM. */
  public static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * A command line: {@code java <options> -cp <class path> <mainClass> <args>}.
   *
   * @param options the JVM's own options, such as {@code -Xmx256m}
   */
  public static List<String> command(List<String> options, String mainClass, List<String> args) {
    return command(options, System.getProperty("java.class.path"), mainClass, args);
  }

  /** As {@link #command(List, String, List)}, with another class path. */
  public static List<String> command(List<String> options, String classPath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.addAll(options);
    int feature = Runtime.version().feature();
    if (feature >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow"); // Fory's Unsafe use; warns on 24+ without it
    }
    command.add("--enable-native-access=ALL-UNNAMED"); // FFM for process control on 22+
    if (feature >= 22) {
      command.addAll(QUICK_EXIT);
    }
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
