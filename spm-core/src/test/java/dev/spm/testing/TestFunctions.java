package dev.spm.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Task functions for tests; static, so spokes resolve them by name. */
public final class TestFunctions {
  private TestFunctions() {}

  public static long countPrimes(long from, long to) {
    long count = 0;
    for (long n = Math.max(from, 2); n < to; n++) {
      if (isPrime(n)) {
        count++;
      }
    }
    return count;
  }

  static boolean isPrime(long n) {
    if (n < 4) {
      return n >= 2;
    }
    if (n % 2 == 0) {
      return false;
    }
    for (long d = 3; d * d <= n; d += 2) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }

  /** The pid of the process that evaluated the task. */
  public static long pid() {
    return ProcessHandle.current().pid();
  }

  /** Makes the file {@code marker} as it starts, then works for {@code millis} (a dear task). */
  public static String markThenWork(String marker, long millis) throws Exception {
    Files.createFile(Path.of(marker));
    Thread.sleep(millis);
    return marker;
  }

  /**
   * Makes the file {@code marker} as it starts, waits (up to 30 s) for the file {@code go}, then
   * works for {@code millis}: a dear task that cannot end before the test lets it.
   */
  public static String markAwaitThenWork(String marker, String go, long millis) throws Exception {
    Files.createFile(Path.of(marker));
    awaitFile(Path.of(go), Duration.ofSeconds(30));
    Thread.sleep(millis);
    return marker;
  }

  /**
   * For a test on two spokes, where many of these run. The first to start claims "holder" in
   * {@code dir} and waits (up to 30 s) for the file {@code dir/gate}; the first to start on
   * another spoke then claims "failer" and throws. Any other that starts adds its pid to the file
   * {@code dir/started}. A claim is a symbolic link named for the role, to the claimer's pid.
   */
  public static String holdOrFail(String dir) throws Exception {
    Path d = Path.of(dir);
    String pid = Long.toString(ProcessHandle.current().pid());
    if (claim(d.resolve("holder"), pid)) {
      return awaitFile(d.resolve("gate"), Duration.ofSeconds(30)) ? "held" : "the gate never opened";
    }
    if (!Files.readSymbolicLink(d.resolve("holder")).toString().equals(pid) && claim(d.resolve("failer"), pid)) {
      throw new IllegalStateException("the failer, on pid " + pid);
    }
    Files.writeString(d.resolve("started"), pid + "\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    return "started";
  }

  private static boolean claim(Path role, String pid) throws java.io.IOException {
    try {
      Files.createSymbolicLink(role, Path.of(pid));
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Returns with its thread's interrupt flag set, as a task whose own watchdog interrupted it may. */
  public static String leaveInterrupted() {
    Thread.currentThread().interrupt();
    return "interrupted";
  }

  /** Whether this task's thread was interrupted when the task began (and clears it). */
  public static Boolean interruptedAtStart() {
    return Thread.interrupted();
  }

  /** Works for {@code millis}, then throws. */
  public static Object workThenFail(long millis) throws InterruptedException {
    Thread.sleep(millis);
    throw new IllegalStateException("failed after " + millis + " ms, as asked");
  }

  /** Crashes this JVM: a write to address 0, which the JVM reports in an hs_err file and dies of. */
  @SuppressWarnings("removal")
  public static Object crashJvm() throws ReflectiveOperationException {
    java.lang.reflect.Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
    field.setAccessible(true);
    ((sun.misc.Unsafe) field.get(null)).putAddress(0, 0);
    return "not crashed";
  }

  /** What {@link #logThenWork} ran, in order: for tests on the serial pool, which runs tasks here. */
  public static final List<String> RAN = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** Adds "run LABEL" to {@link #RAN}, then works for {@code millis}. */
  public static String logThenWork(String label, long millis) throws InterruptedException {
    RAN.add("run " + label);
    Thread.sleep(millis);
    return label;
  }

  /** Whether {@code file} exists within {@code bound}, watching its folder for it. */
  public static boolean awaitFile(Path file, Duration bound) throws Exception {
    try (WatchService watcher = file.getFileSystem().newWatchService()) {
      file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      long deadline = System.nanoTime() + bound.toNanos();
      while (!Files.exists(file)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
      return true;
    }
  }

  public static String echo(String s) {
    return s;
  }

  public static String echo2(String s, Object ignored) {
    return s;
  }

  public static Object echoObject(Object o) {
    return o;
  }

  /** A task function class: joins its arguments with '+'. */
  public static final class Join implements dev.spm.TaskFunction<String> {
    @Override
    public String apply(List<Object> args) {
      return String.join("+", args.stream().map(String::valueOf).toList());
    }
  }

  /** A mapper: each word of the text, lower-cased, with 1. */
  public static void words(String text, dev.spm.MapReduceManager.Emitter<String, Long> out) {
    for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
      if (!word.isEmpty()) {
        out.emit(word, 1L);
      }
    }
  }

  /** Keys whose hashCode is their identity in one JVM. */
  public enum Color { RED, GREEN, BLUE, CYAN, MAGENTA, YELLOW, BLACK, WHITE }

  /** A record key holding an enum constant. */
  public record Shade(Color color, int depth) {}

  /** A mapper: every color once, with 1. */
  public static void everyColor(String ignored, dev.spm.MapReduceManager.Emitter<Color, Long> out) {
    for (Color c : Color.values()) {
      out.emit(c, 1L);
    }
  }

  /** A mapper: every color at depths 1 and 2, as record keys, with 1. */
  public static void everyShade(String ignored, dev.spm.MapReduceManager.Emitter<Shade, Long> out) {
    for (Color c : Color.values()) {
      out.emit(new Shade(c, 1), 1L);
      out.emit(new Shade(c, 2), 1L);
    }
  }

  /** A mapper that emits each word of the text with a null value. */
  public static void wordsWithNull(String text, dev.spm.MapReduceManager.Emitter<String, Long> out) {
    words(text, (word, one) -> out.emit(word, null));
  }

  /** A reducer that returns null once the sum passes 2. */
  public static Long sumOrNullPastTwo(Long a, Long b) {
    return a + b > 2 ? null : a + b;
  }

  /** A reducer that always throws a checked exception. */
  public static Long refuseToReduce(Long a, Long b) throws java.io.IOException {
    throw new java.io.IOException("will not add " + a + " and " + b);
  }

  /** A mapper that fails on anything but a string. */
  public static void wordsOfAnything(Object text, dev.spm.MapReduceManager.Emitter<String, Long> out) {
    words((String) text, out);
  }

  public static Object noop() {
    return null;
  }

  public static int divide(int a, int b) {
    return a / b;
  }

  /** Sleeps, then returns this process's pid. */
  public static long sleepThenPid(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return ProcessHandle.current().pid();
  }

  /** Kills this process with SIGKILL the first time it runs in a process whose pid is in the marker file. */
  public static long dieOnce(String markerFile) throws Exception {
    java.nio.file.Path marker = java.nio.file.Path.of(markerFile);
    if (!java.nio.file.Files.exists(marker)) {
      java.nio.file.Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
      new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
      Thread.sleep(60_000);
    }
    return ProcessHandle.current().pid();
  }

  /** Leaves a new file in {@code dir} (one per run), then ends its JVM with {@code code}. */
  public static List<String> markThenExit(String dir, int code) throws java.io.IOException {
    Files.createTempFile(Path.of(dir), "ran-", "");
    Runtime.getRuntime().halt(code);
    return List.of();
  }

  public static List<String> exitWith(int code) {
    Runtime.getRuntime().halt(code);
    return List.of();
  }

  /** A thread, which cannot be serialized. */
  public static Object unserializableResult() {
    return new Thread(() -> { });
  }
}
