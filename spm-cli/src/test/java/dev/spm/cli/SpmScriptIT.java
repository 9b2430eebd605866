package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code ./spm} script as a user would, after {@code package}. The script must
 * not rebuild here ({@code SPM_NO_BUILD}); every process it starts must be gone after each test.
 */
class SpmScriptIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String LIB = ROOT.resolve("spm-cli/target/lib").toString();

  private record Run(int status, String out, String err, Duration wall) {}

  private static Run spm(String... args) throws IOException, InterruptedException {
    return spm(Map.of(), args);
  }

  private static Run spm(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("spm").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().put("SPM_NO_BUILD", "1");
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    try {
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("spm %s ended in time", List.of(args)).isTrue();
      return new Run(p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** No spoke or agent of this build, and no program of ours, outlives a command. */
  @AfterEach
  void nothingLeftBehind() {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> leftovers().isEmpty());
  }

  private static List<String> leftovers() throws IOException {
    return Leftovers.withCommandLineContaining(LIB, "sleep 10.25");
  }


  @Test
  void demoPrimes_printsTheSeedsCount() throws Exception {
    Run run = spm("demo", "primes", "--from", "3", "--to", "502347", "--buckets", "10");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).matches("(?s).*primes=41714 tasks=10 spokes=\\d+ servers=1 seconds=\\d+\\.\\d{3}\\n");
    assertThat(run.err()).isEmpty();
  }

  /**
   * The training run makes the agents' and spokes' start-up archives; the launcher's JVM, on the
   * same class path, maps each (under {@code -Xshare:on} it refuses to start with an archive of
   * other jars or another JDK), and spokes that map them count right.
   */
  @Test
  void trainStartup_makesCachesThatSpokesMap(@TempDir Path tmp) throws Exception {
    Map<String, String> env = Map.of("XDG_CACHE_HOME", tmp.toString());
    Run train = spm(env, "train-startup");
    assertThat(train.status()).as(train.err()).isZero();
    Path dir = tmp.resolve("spm/startup");
    List<Path> caches;
    try (Stream<Path> files = Files.list(dir)) {
      caches = files.sorted().toList();
    }
    assertThat(caches).hasSize(2);
    assertThat(caches.get(0).getFileName().toString()).matches("agent-[0-9a-f]{16}-[0-9a-f]{16}\\.jsa");
    assertThat(caches.get(1).getFileName().toString()).matches("spoke-[0-9a-f]{16}-[0-9a-f]{16}\\.jsa");
    for (Path cache : caches) {
      // SPM_NO_AOT: the launcher's own cache would take the place of the archive
      Run version = spm(Map.of("SPM_NO_AOT", "1", "SPM_JAVA_OPTS", "-Xshare:on -XX:SharedArchiveFile=" + cache),
          "--version");
      assertThat(version.status()).as("the JVM maps %s: %s", cache, version.err()).isZero();
    }
    Run primes = spm(env, "demo", "primes", "--from", "3", "--to", "502347", "--buckets", "10");
    assertThat(primes.status()).as(primes.err()).isZero();
    assertThat(primes.out()).startsWith("primes=41714 ");
  }

  @Test
  void run_printsEachJobsOutput() throws Exception {
    Run run = spm("run", "echo", ":::", "a", "b c");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines().sorted().toList()).containsExactly("a", "b c");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void run_exitStatus_countsFailedJobs() throws Exception {
    Run run = spm("run", "exit {}", ":::", "0", "1", "2");
    assertThat(run.status()).isEqualTo(2);
  }

  @Test
  void run_timeout_killsTheJobFast_andCountsItFailed() throws Exception {
    Run run = spm("run", "--timeout", "1", "sleep", ":::", "10.25");
    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.wall()).isLessThan(Duration.ofSeconds(9));
  }

  @Test
  void run_moreJobsThanSlots_runAtOnce() throws Exception {
    // Each job prints when it starts, then sleeps; with -j 4 all four start before any ends.
    Run run = spm("run", "-j", "4", "date +%s%N; sleep 2", ":::", "1", "2", "3", "4");
    assertThat(run.status()).as(run.err()).isZero();
    List<Long> starts = run.out().lines().map(Long::parseLong).sorted().toList();
    assertThat(starts).hasSize(4);
    assertThat(Duration.ofNanos(starts.getLast() - starts.getFirst())).as("spread of the start times")
        .isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void run_printsWhatGnuParallelPrints_forAwkwardArguments() throws Exception {
    Path parallel = GnuParallelQuotingTest.findParallel();
    String[] args = {"a", "b c", "it's", "", "$HOME", "`date`", "a;b", "*", "\\", "\"q\"", "--x"};
    List<String> words = new ArrayList<>(List.of("printf", "'<%s>\\n'", "{}", ":::"));
    words.addAll(List.of(args));
    List<String> spmArgs = new ArrayList<>(List.of("run"));
    spmArgs.addAll(words);
    Run ours = spm(spmArgs.toArray(String[]::new));
    List<String> command = new ArrayList<>(List.of(parallel.toString(), "--will-cite"));
    command.addAll(words);
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
    try {
      p.getOutputStream().close();
      CompletableFuture<String> theirs = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(ours.status()).as(ours.err()).isZero();
      assertThat(ours.out().lines().sorted().toList()).isEqualTo(theirs.join().lines().sorted().toList());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void badFlag_exits255_withOneLine() throws Exception {
    Run run = spm("run", "--bogus", "echo", ":::", "a");
    assertThat(run.status()).isEqualTo(255);
    assertThat(run.err()).hasLineCount(1).contains("--bogus");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void demoLauncher_printsOutputAndStatus() throws Exception {
    Run run = spm("demo", "launcher", "--timeout", "5", "echo hello", "echo oops >&2; exit 3");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).contains("hello").contains("oops").contains("exit 3");
    assertThat(run.err()).contains("Waiting - ForSpokes").contains("Tasks - Eval").contains("Tasks - EvalDone");
  }

  @Test
  void worksFromAnotherDirectory() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("spm").toString(), "--version").directory(Path.of("/").toFile());
    pb.environment().put("SPM_NO_BUILD", "1");
    Process p = pb.start();
    try {
      p.getOutputStream().close();
      String out = read(p.getInputStream());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(out).startsWith("spm ");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void demoWordcount_printsTheCommonestWordsFirst(@TempDir Path tmp) throws Exception {
    Path text = Files.writeString(tmp.resolve("text.txt"), "The cat and the dog.\nTHE dog, the END; caf\u00e9 x1\n");
    Run run = spm("demo", "wordcount", text.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines().limit(4).toList()).containsExactly("the\t4", "dog\t2", "and\t1", "caf\t1");
    assertThat(run.out().lines().count()).isEqualTo(7);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void demoWordcount_missingFile_exits255_withOneLineNamingIt(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("missing.txt");
    Run run = spm("demo", "wordcount", missing.toString());
    assertThat(run.status()).isEqualTo(255);
    assertThat(run.err()).hasLineCount(1).contains(missing.toString());
    assertThat(run.out()).isEmpty();
  }

  /** Skips (or fails, under CI) when gcc is missing; the demo never runs make, so make is not needed. */
  private static void requireGcc() {
    boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "gcc")));
    if (!found) {
      String message = "'gcc' is not on the PATH; install the Debian package 'gcc'";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  private static Path tinyCProject(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Makefile"), """
        CC = gcc
        prog: main.o two.o
        \t$(CC) -o $@ $^
        %.o: %.c
        \t$(CC) -c $< -o $@
        .PHONY: clean
        clean:
        \trm -f prog *.o
        """);
    Files.writeString(dir.resolve("main.c"), """
        #include <stdio.h>
        int two(void);
        int main(void) { printf("two is %d\\n", two()); return 0; }
        """);
    Files.writeString(dir.resolve("two.c"), "int two(void) { return 2; }\n");
    return dir;
  }

  @Test
  void demoMake_buildsATinyCProject_thenHasNothingToDo(@TempDir Path tmp) throws Exception {
    requireGcc();
    Path dir = tinyCProject(tmp.resolve("proj"));

    Run build = spm("demo", "make", dir.toString(), "-j", "2");
    assertThat(build.status()).as(build.err()).isZero();
    assertThat(build.out().lines().toList()).contains("gcc -c main.c -o main.o", "gcc -c two.c -o two.o")
        .endsWith("gcc -o prog main.o two.o");
    Process prog = new ProcessBuilder(dir.resolve("prog").toString()).start();
    assertThat(prog.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(prog.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two is 2\n");

    Run again = spm("demo", "make", dir.toString(), "--pool", "serial");
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("make: 'prog' is up to date.\n");
  }

  @Test
  void demoMake_aFailedBuild_exits2(@TempDir Path tmp) throws Exception {
    requireGcc();
    Path dir = tinyCProject(tmp.resolve("proj"));
    Files.writeString(dir.resolve("two.c"), "int two(void) { return 2 }\n");

    Run run = spm("demo", "make", dir.toString(), "--pool", "serial");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("make: *** [Makefile:5: two.o] Error 1");
    assertThat(Files.exists(dir.resolve("prog"))).isFalse();
  }

  @Test
  void demoMake_badUsage_exits255_withOneLine() throws Exception {
    Run run = spm("demo", "make", "/nowhere", "-j", "0");
    assertThat(run.status()).isEqualTo(255);
    assertThat(run.err()).hasLineCount(1).contains("-j");
  }
}
