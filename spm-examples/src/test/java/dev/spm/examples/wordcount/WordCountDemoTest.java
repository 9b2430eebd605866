package dev.spm.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spm.internal.proc.ProcessTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo against {@code tr | tr | sort | uniq -c} in the C locale as the reference, on a few MB
 * of real text (the machine's licence and copyright files), on the serial pool and on a real
 * session with both aggregations.
 */
class WordCountDemoTest {
  private static final long TEXT_BYTES = 3 << 20;

  @TempDir
  static Path tmp;

  private static Path text;
  private static Map<String, Long> reference;

  private record Run(int status, String out, String err) {}

  @BeforeAll
  static void realTextAndItsReferenceCounts() throws Exception {
    text = tmp.resolve("text");
    List<Path> sources = new ArrayList<>();
    for (String dir : List.of("/usr/share/common-licenses", "/usr/share/doc")) {
      Path d = Path.of(dir);
      if (Files.isDirectory(d)) {
        try (Stream<Path> files = Files.walk(d, 2)) {
          files.filter(Files::isRegularFile).filter(Files::isReadable)
              .filter(p -> dir.endsWith("licenses") || p.getFileName().toString().equals("copyright"))
              .sorted().forEach(sources::add);
        }
      }
    }
    try (OutputStream out = Files.newOutputStream(text)) {
      long written = 0;
      while (written < TEXT_BYTES) { // repeat the real text if the machine has little of it
        long before = written;
        for (Path p : sources) {
          byte[] bytes = Files.readAllBytes(p);
          out.write(bytes);
          written += bytes.length;
          if (written >= TEXT_BYTES) {
            break;
          }
        }
        assertThat(written).as("real text found under /usr/share").isGreaterThan(before + 10_000);
      }
    }
    reference = referenceCounts(text);
    assertThat(reference.size()).as("distinct words of the reference").isGreaterThan(1000);
  }

  /** {@code tr -cs '[:alnum:]' '\n' | tr A-Z a-z | sort | uniq -c} in the C locale, empty words dropped. */
  static Map<String, Long> referenceCounts(Path file) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c",
        "tr -cs '[:alnum:]' '\\n' < \"$1\" | tr A-Z a-z | sort | uniq -c", "sh", file.toString());
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err.join()).isZero();
    Map<String, Long> counts = new HashMap<>();
    for (String line : out.split("\n")) {
      String trimmed = line.strip();
      int space = trimmed.indexOf(' ');
      if (space < 0) {
        continue; // the empty word: uniq -c prints just its count
      }
      counts.put(trimmed.substring(space + 1), Long.parseLong(trimmed.substring(0, space)));
    }
    return counts;
  }

  private static Run demo(AtomicReference<String> session, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = WordCountDemo.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), session::set);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The printed counts, checking on the way that the lines are in the promised order. */
  private static Map<String, Long> printed(String out) {
    Map<String, Long> counts = new HashMap<>();
    String previousWord = null;
    long previousCount = Long.MAX_VALUE;
    for (String line : out.split("\n")) {
      String[] fields = line.split("\t");
      assertThat(fields).as("line '%s'", line).hasSize(2);
      long n = Long.parseLong(fields[1]);
      assertThat(n).as("count of %s", fields[0]).isLessThanOrEqualTo(previousCount);
      if (n == previousCount) {
        assertThat(fields[0]).as("word after %s of the same count", previousWord).isGreaterThan(previousWord);
      }
      assertThat(counts.put(fields[0], n)).as("%s printed twice", fields[0]).isNull();
      previousWord = fields[0];
      previousCount = n;
    }
    return counts;
  }

  @Test
  void serialPool_countsWhatTrSortUniqCounts_inTheRightOrder() {
    Run run = demo(new AtomicReference<>(), text.toString(), "--pool", "serial", "--chunk-mb", "1");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(printed(run.out())).isEqualTo(reference);
  }

  @Test
  void runs_countAgainAndAgain_timingEach_andPrintTheCountsOnce() {
    Run run = demo(new AtomicReference<>(), text.toString(), "--pool", "serial", "--chunk-mb", "1", "--runs", "3",
        "--timing");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err().lines().toList()).hasSize(3).satisfiesExactly(
        l -> assertThat(l).matches("wordcount: manage_seconds=\\d+\\.\\d{3} pool=serial .* run=1"),
        l -> assertThat(l).endsWith(" run=2"),
        l -> assertThat(l).endsWith(" run=3"));
    assertThat(printed(run.out())).isEqualTo(reference);
  }

  @ParameterizedTest
  @ValueSource(strings = {"decentralized", "centralized"})
  void session_intraAll_countsWhatTrSortUniqCounts_andLeavesNoProcess(String aggregation) {
    AtomicReference<String> session = new AtomicReference<>();
    Run run = demo(session, text.toString(), text.toString(), "--aggregation", aggregation, "--chunk-mb", "1",
        "--timing");
    try {
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.err()).matches("wordcount: manage_seconds=\\d+\\.\\d{3} pool=intra-all aggregation="
          + aggregation + " chunks=\\d+ bytes=" + 2 * Files.size(text) + "\\R");
      Map<String, Long> doubled = new HashMap<>();
      reference.forEach((w, n) -> doubled.put(w, 2 * n));
      assertThat(printed(run.out())).isEqualTo(doubled);
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      assertThat(session.get()).as("a session was opened").isNotNull();
      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
          .until(() -> ProcessTrees.findByEnv(ProcessTrees.SESSION_ENV, session.get()).isEmpty());
    }
  }

  @Test
  void aMissingFile_isBadInput_withOneLineNamingIt() {
    Path missing = tmp.resolve("no-such-file");
    AtomicReference<String> session = new AtomicReference<>();
    Run run = demo(session, text.toString(), missing.toString());
    assertThat(run.status()).isEqualTo(255);
    assertThat(run.err()).hasLineCount(1).contains(missing.toString()).contains("no such file");
    assertThat(run.out()).isEmpty();
    assertThat(session.get()).as("no session opened").isNull();
  }

  @Test
  void badOptions_areBadInput_withOneLine() {
    for (List<String> args : List.<List<String>>of(List.of(), List.of(text.toString(), "--aggregation", "sideways"),
        List.of(text.toString(), "--chunk-mb", "0"), List.of(text.toString(), "--pool", "nope"),
        List.of(text.toString(), "--runs", "0"), List.of(text.toString(), "--runs", "101"),
        List.of(text.toString(), "--runs", "two"), List.of(text.toString(), "--bogus"))) {
      Run run = demo(new AtomicReference<>(), args.toArray(String[]::new));
      assertThat(run.status()).as("%s", args).isEqualTo(255);
      assertThat(run.err()).as("%s", args).hasLineCount(1).startsWith("wordcount: ");
    }
  }

  @Test
  void anEmptyFile_printsNothing() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty"));
    Run run = demo(new AtomicReference<>(), empty.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
  }
}
