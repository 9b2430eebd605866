package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process command: its output format, its timing line, and its exit codes. */
class GraphDemoTest {
  @TempDir
  Path dir;

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = GraphDemo.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void pagerank_printsNodeRankLines_serialAndOnThreadsAlike() throws IOException {
    Path file = dir.resolve("g.txt");
    GraphGen.write(file, 5000, 3);
    Run serial = run("pagerank", file.toString());
    assertThat(serial.exit()).isZero();
    assertThat(serial.err()).isEmpty();
    assertThat(serial.out().lines().toList()).hasSize(10).allMatch(l -> l.matches("\\d+ 0\\.\\d{12,}"));
    Run threads = run("pagerank", file.toString(), "--threads", "3", "--timing");
    assertThat(threads.exit()).isZero();
    assertThat(threads.out()).isEqualTo(serial.out());
    assertThat(threads.err()).startsWith("pagerank: members=3 nodes=").contains(" iterations=", " exchange_fraction=");
  }

  @Test
  void pagerankWithIterations_runsThatMany() throws IOException {
    Path file = Files.writeString(dir.resolve("two.txt"), "1 2\n");
    Run r = run("pagerank", file.toString(), "--iterations", "1");
    assertThat(r.out()).isEqualTo("2 0.712500000000\n1 0.287500000000\n");
  }

  @Test
  void components_printsTheCountThenTheLargestSizes() throws IOException {
    Path file = Files.writeString(dir.resolve("c.txt"), "# three components\n1 2\n3 2\n5 4\n6 6\n");
    Run r = run("components", file.toString(), "--threads", "2");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("components=3\n3\n2\n1\n");
  }

  @Test
  void badEdgeList_exits255_namingFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.txt"), "1 2\n3 x\n");
    for (String threads : new String[] {"1", "2"}) {
      Run r = run("components", file.toString(), "--threads", threads);
      assertThat(r.exit()).isEqualTo(GraphDemo.BAD_INPUT);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEqualTo("graph: cannot read " + file
          + ":2: expected a second node id (an integer), but found 'x'\n");
    }
    Run missing = run("pagerank", dir.resolve("absent.txt").toString());
    assertThat(missing.exit()).isEqualTo(GraphDemo.BAD_INPUT);
    assertThat(missing.err()).startsWith("graph: cannot read java.nio.file.NoSuchFileException: ");
  }

  @Test
  void badArguments_exit255_withUsage() {
    assertThat(run("pagerank").err()).startsWith("graph: one edge-list FILE is needed, but 0 were given\nusage: ");
    assertThat(run("pagerank", "f", "--iterations", "0").err())
        .startsWith("graph: --iterations must be a positive integer, but was '0'");
    assertThat(run("components", "f", "--iterations", "3").err())
        .startsWith("graph: --iterations is an option of pagerank only");
    assertThat(run("hits", "f").exit()).isEqualTo(GraphDemo.BAD_INPUT);
    assertThat(run("pagerank", "f", "--frobnicate").err()).startsWith("graph: unknown option --frobnicate");
  }
}
