package dev.spm.examples.make;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Copies of the shipped C program, and the two ways to build them: GNU make and the demo. */
final class CTree {
  /** What one build printed and returned. */
  record Run(int exit, String out, String err) {
    /** The echoed recipe lines that start with the given word (gcc), sorted: what was built. */
    List<String> commands(String word) {
      return out.lines().filter(l -> l.startsWith(word + " ")).sorted().toList();
    }
  }

  private CTree() {}

  /**
   * Skips the test if a tool is missing, naming the Debian package; fails instead when
   * {@code CI=true}, where a missing tool is a broken build machine.
   */
  static void requireTools() {
    require("make", "make");
    require("gcc", "gcc");
  }

  private static void require(String tool, String debianPackage) {
    boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    if (!found) {
      String message = "'" + tool + "' is not on the PATH; install the Debian package '" + debianPackage + "'";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  /** A fresh copy of cprog in {@code into}, with every file dated in the past. */
  static Path copy(Path into) throws IOException {
    Path source;
    try {
      source = Path.of(CTree.class.getResource("/make/cprog/Makefile").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Files.createDirectories(into);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, into.resolve(f.getFileName()));
      }
    }
    age(into);
    return into;
  }

  /**
   * Dates sources 120 s ago and build products 60 s ago, so that a test can make one file newer
   * ("touch" it) at 30 s ago without sleeping, and what a build writes is newer than all of them.
   */
  static void age(Path dir) throws IOException {
    Instant now = Instant.now();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        boolean source = name.endsWith(".c") || name.endsWith(".h") || name.equals("Makefile");
        Files.setLastModifiedTime(f, FileTime.from(now.minusSeconds(source ? 120 : 60)));
      }
    }
  }

  /** Makes one file newer than every build product, as {@code touch} would after a build. */
  static void touch(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(30)));
  }

  static Run gnuMake(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("make", "-j2"));
    command.addAll(List.of(args));
    return exec(dir, command);
  }

  static Run exec(Path dir, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("cmd", ".out");
    Path err = Files.createTempFile("cmd", ".err");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not end within 60 s");
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Run demo(List<String> args) {
    return demo(args, id -> { });
  }

  static Run demo(List<String> args, java.util.function.Consumer<String> sessionOpened) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = MakeDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), sessionOpened);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The names of the files in the tree, sorted. */
  static List<String> files(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Modification times by file name, to tell which files a build rewrote. */
  static Map<String, FileTime> mtimes(Path dir) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        times.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
      }
    }
    return times;
  }
}
