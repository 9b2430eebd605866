package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same command lines through GNU parallel and the packaged {@code ./spm run}, and
 * compares stdout (sorted where GNU parallel promises no order), exit status and joblog columns.
 * Needs the Debian package {@code parallel}: skipped without it, except under {@code CI=true}.
 */
class RunCompatIT {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String LIB = ROOT.resolve("spm-cli/target/lib").toString();

  private Path parallel;

  private record Result(int status, String out) {
    List<String> sorted() {
      return out.lines().sorted().toList();
    }
  }

  @BeforeEach
  void findParallel() {
    parallel = GnuParallelQuotingTest.findParallel();
  }

  private static Result exec(List<String> command, String stdin) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    pb.environment().put("SPM_NO_BUILD", "1");
    Process p = pb.start();
    try {
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s ended in time", command).isTrue();
      err.join();
      return new Result(p.exitValue(), out.join());
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** GNU parallel's result, then ours, for the same words after {@code parallel} / {@code spm run}. */
  private Result[] both(String stdin, String... words) throws IOException, InterruptedException {
    List<String> theirs = new ArrayList<>(List.of(parallel.toString(), "--will-cite"));
    theirs.addAll(List.of(words));
    List<String> ours = new ArrayList<>(List.of(ROOT.resolve("spm").toString(), "run"));
    ours.addAll(List.of(words));
    return new Result[] {exec(theirs, stdin), exec(ours, stdin)};
  }

  private void sameSorted(String stdin, String... words) throws Exception {
    Result[] r = both(stdin, words);
    assertThat(r[1].status()).as("status of %s", List.of(words)).isEqualTo(r[0].status());
    assertThat(r[1].sorted()).as("stdout of %s", List.of(words)).isEqualTo(r[0].sorted());
  }

  private void sameExactly(String stdin, String... words) throws Exception {
    Result[] r = both(stdin, words);
    assertThat(r[1].status()).as("status of %s", List.of(words)).isEqualTo(r[0].status());
    assertThat(r[1].out()).as("stdout of %s", List.of(words)).isEqualTo(r[0].out());
  }

  @AfterEach
  void nothingLeftBehind() {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> leftovers().isEmpty());
  }

  private static List<String> leftovers() throws IOException {
    return Leftovers.withCommandLineContaining(LIB);
  }


  @Test
  void severalSources_giveTheCrossProduct() throws Exception {
    sameSorted("", "echo", ":::", "a", "b c", ":::", "1", "2", "3");
  }

  @Test
  void aFileSource_mixesWithArguments(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("args"), "p\nq r\n");
    sameSorted("", "echo", "{2}-{1}", "::::", f.toString(), ":::", "1", "2");
  }

  @Test
  void aMissingFile_exits255() throws Exception {
    Result[] r = both("", "echo", "::::", "/nonexistent/spm-run-input");
    assertThat(r[0].status()).isEqualTo(255);
    assertThat(r[1].status()).isEqualTo(255);
    assertThat(r[1].out()).isEmpty();
  }

  @Test
  void eachReplacementString() throws Exception {
    String[] args = {":::", "a/b.c/d.e", "x.tar.gz", "/a", "a.", ".x", "sp ace.t", "a/", "it's"};
    for (String r : List.of("{}", "{.}", "{/}", "{//}", "{/.}")) {
      List<String> words = new ArrayList<>(List.of("echo", "<" + r + ">"));
      words.addAll(List.of(args));
      sameSorted("", words.toArray(String[]::new));
    }
  }

  @Test
  void jobNumber_andSlot() throws Exception {
    sameSorted("", "echo", "{#}", "{}", ":::", "a", "b", "c", "d");
    sameSorted("", "-j", "1", "echo", "{%}", "{}", ":::", "a", "b", "c");
  }

  @Test
  void numberedSources_andTheirModifiers() throws Exception {
    sameSorted("", "echo", "{2}", "{1}", "{1.}", "{2/}", "{}", ":::", "a.x", "b", ":::", "1", "d/e f");
  }

  @Test
  void keepOrder_printsInInputOrder() throws Exception {
    sameExactly("", "-k", "-j", "4", "sleep 0.{}; echo {}", ":::", "3", "2", "1", "0");
  }

  @Test
  void tag_prefixesTheArguments() throws Exception {
    sameExactly("", "-k", "--tag", "printf 'x\\ny\\n'; echo", ":::", "a", "b c", ":::", "1");
  }

  @Test
  void dryRun_printsTheCommands() throws Exception {
    sameExactly("", "-k", "--dry-run", "echo {} {.} {#}", ":::", "a b.c", "$x", "`date`", ":::", "1", "*");
  }

  @Test
  void stdinLines_areTheArguments() throws Exception {
    sameSorted("a\nb c\n$HOME\n\n", "echo", "[{}]");
  }

  @Test
  void emptyInput_runsNothing() throws Exception {
    sameExactly("", "echo");
  }

  @Test
  void failingJobs_countedInTheStatus_withAndWithoutRetries() throws Exception {
    sameSorted("", "echo {}; exit {}", ":::", "0", "1", "2");
    sameSorted("", "--retries", "3", "echo {}; exit {}", ":::", "0", "1");
  }

  @Test
  void jobLog_hasGnuParallelsHeader_andTheSameExitvalAndCommand(@TempDir Path tmp) throws Exception {
    Path theirs = tmp.resolve("theirs");
    Path ours = tmp.resolve("ours");
    String[] rest = {"echo {}; exit {}", ":::", "0", "1", "3"};
    List<String> t = new ArrayList<>(List.of(parallel.toString(), "--will-cite", "--joblog", theirs.toString()));
    t.addAll(List.of(rest));
    List<String> o = new ArrayList<>(List.of(ROOT.resolve("spm").toString(), "run", "--joblog", ours.toString()));
    o.addAll(List.of(rest));
    Result a = exec(t, "");
    Result b = exec(o, "");
    assertThat(b.status()).isEqualTo(a.status());
    List<String> theirLines = Files.readAllLines(theirs);
    List<String> ourLines = Files.readAllLines(ours);
    assertThat(ourLines.getFirst()).isEqualTo(theirLines.getFirst());
    assertThat(columns(ourLines)).isEqualTo(columns(theirLines));
    for (String row : ourLines.subList(1, ourLines.size())) {
      assertThat(row).matches("\\d+\t:\t\\d+\\.\\d{3}\t *\\d+\\.\\d{3}\t0\t\\d+\t\\d+\t\\d+\t.*");
    }
  }

  /** Seq, Exitval, Signal and Command of each row, by Seq. */
  private static List<List<String>> columns(List<String> log) {
    return log.subList(1, log.size()).stream().map(l -> l.split("\t", 9))
        .sorted(Comparator.comparingInt(c -> Integer.parseInt(c[0])))
        .map(c -> List.of(c[0], c[6], c[7], c[8])).toList();
  }

  @Test
  void aReplacementStringFirst_isNotQuoted() throws Exception {
    // printf's output has no newline, so the order of the jobs shows in the lines: -k fixes it.
    sameExactly("", "-k", "{}", ":::", "echo a  b", "printf '%s-' x y");
    sameSorted("", "x{} {}", ":::", "a b");
  }

  @Test
  void jobLog_timeoutAndSignal_asGnuParallelLogsThem(@TempDir Path tmp) throws Exception {
    Path theirs = tmp.resolve("theirs");
    Path ours = tmp.resolve("ours");
    String[] rest = {"--timeout", "1", "{}", ":::", "sleep 5", "kill -TERM $$", "exit 3"};
    List<String> t = new ArrayList<>(List.of(parallel.toString(), "--will-cite", "--joblog", theirs.toString()));
    t.addAll(List.of(rest));
    List<String> o = new ArrayList<>(List.of(ROOT.resolve("spm").toString(), "run", "--joblog", ours.toString()));
    o.addAll(List.of(rest));
    Result a = exec(t, "");
    Result b = exec(o, "");
    assertThat(b.status()).isEqualTo(a.status());
    assertThat(columns(Files.readAllLines(ours))).isEqualTo(columns(Files.readAllLines(theirs)));
  }
}
