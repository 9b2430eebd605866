package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spm shell} through the packaged {@code ./spm} script, as a user runs it: the prologue
 * (the seed's acid test), a failing snippet, a script on a pipe, and a terminal. Every process a
 * run starts must be gone after it.
 */
class ShellIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String LIB = ROOT.resolve("spm-cli/target/lib").toString();

  private record Run(int status, String out, String err) {}

  /** Runs a command in the project's root with {@code input} on its stdin. */
  private static Run exec(String input, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().put("SPM_NO_BUILD", "1");
    pb.environment().put("SHELL", "/bin/sh");
    Process p = pb.start();
    try {
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s ended in time", command).isTrue();
      return new Run(p.exitValue(), out.join(), err.join());
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static Run spm(String input, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("spm").toString()));
    command.addAll(List.of(args));
    return exec(input, command);
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @AfterEach
  void nothingLeftBehind() {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> Leftovers.withCommandLineContaining(LIB).isEmpty());
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }

  /** Skips (or fails, under CI) when a tool is missing. */
  private static void require(String tool, String debianPackage) {
    if (!onPath(tool)) {
      String message = "'" + tool + "' is not on the PATH; install the Debian package '" + debianPackage + "'";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  @Test
  void prologue_runsTheSeedsAcidTest() throws Exception {
    require("gcc", "gcc");
    Run run = spm("", "shell", "examples/prologue.jsh");
    assertThat(run.status()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).filteredOn(l -> l.startsWith("primes=")).as("the seed's four pools, the same count")
        .hasSize(4).allSatisfy(l -> assertThat(l).startsWith("primes=41714 "));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("launcher: 2 programs ran, 0 failed"))
        .anySatisfy(l -> assertThat(l).startsWith("collatz: 77031 takes 350 steps").contains("none of them the hub"))
        .anySatisfy(l -> assertThat(l).startsWith("cmdA: make ran ").endsWith("cprog built"))
        .anySatisfy(l -> assertThat(l).startsWith("cmdB: the commonest words of the C sources: "))
        .endsWith("prologue: done; the cloud is closed");
    assertThat(run.err()).as("no progress lines: stderr is not a terminal").doesNotContain("#: ");
  }

  @Test
  void aFailingSnippet_exits1_namingTheError(@TempDir Path tmp) throws Exception {
    Path script = Files.writeString(tmp.resolve("fails.jsh"), """
        System.out.println("before");
        int zero = 0;
        System.out.println(1 / zero);
        System.out.println("after");
        """);
    Run run = spm("", "shell", script.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("before\n");
    assertThat(run.err()).startsWith("spm shell: " + script + ":3: the snippet threw "
        + "java.lang.ArithmeticException: / by zero\n");
  }

  @Test
  void aMissingScript_exits255_withOneLine() throws Exception {
    Run run = spm("", "shell", "no-such-script.jsh");
    assertThat(run.status()).isEqualTo(255);
    assertThat(run.err()).hasLineCount(1).contains("no-such-script.jsh");
  }

  @Test
  void aScriptOnAPipe_runsAShellFunctionOnSpokes_withProgressOnStderrOnly() throws Exception {
    Run run = spm("""
        var cloud = Session.openAsync("local:1x2");
        String where(String s) { return s + "@" + ProcessHandle.current().pid(); }
        var m = ListManager.<String>declare("pipe", r -> System.out.println(r.value().startsWith("x@")
            && !r.value().endsWith("@" + ProcessHandle.current().pid())));
        m.submit(Task.of("t", (String s) -> where(s), "x"));
        m.manage(Pools.intraAll());
        """, "shell", "--progress");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("true\n");
    assertThat(run.err()).contains("#: pipe (hub): Waiting - ForSpokes [ ")
        .contains("#: pipe (hub): Tasks - EvalDone [ done 1, failed 0, in ");
  }

  @Test
  void onATerminal_itIsJShellsInteractiveTool_withProgress() throws Exception {
    require("script", "bsdutils");
    Run run = exec("""
        int q = 6 * 7;
        var m = ListManager.<Long>declare("tty", r -> System.out.println("got " + r.value()));
        m.submit(Task.of("t", (Long x) -> x * 2, 21L)); m.manage(Pools.serial());
        /exit
        """, List.of("script", "-qec", ROOT.resolve("spm") + " shell", "/dev/null"));
    assertThat(run.status()).as(run.out()).isZero();
    assertThat(run.out()).contains("q ==> 42").contains("got 42").contains("#: tty (hub): Tasks - EvalDone [ done 1");
  }
}
