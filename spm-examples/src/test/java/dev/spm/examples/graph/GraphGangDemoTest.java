package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The graph demos on spm: a gang of spokes exchanging contributions spoke to spoke prints what the
 * serial kernel prints (which {@link NetworkxReferenceTest} checks against networkx).
 */
class GraphGangDemoTest {
  private static Session session;
  @TempDir
  static Path dir;
  private static Path graph;

  @BeforeAll
  static void open() throws IOException {
    session = Session.open("local:1x2");
    graph = dir.resolve("graph.txt");
    GraphGen.write(graph, 30_000, 7);
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  static Stream<Pool> pools() {
    return Stream.of(Pools.serial(), Pools.intraAll());
  }

  @ParameterizedTest
  @MethodSource("pools")
  void pagerank_onAGang_printsWhatTheSerialKernelPrints(Pool pool) throws IOException {
    GraphGangDemo.Outcome outcome = GraphGangDemo.run("pagerank", graph, 0, pool, System.err);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.lines()).hasSize(10).isEqualTo(PageRank.serial(graph, PageRank.Options.DEFAULT).lines());
    assertThat(outcome.timing()).contains("members=" + (pool.isSerial() ? 1 : 2));
  }

  @ParameterizedTest
  @MethodSource("pools")
  void components_onAGang_printsWhatTheSerialKernelPrints(Pool pool) throws IOException {
    GraphGangDemo.Outcome outcome = GraphGangDemo.run("components", graph, 0, pool, System.err);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.lines()).isEqualTo(Components.serial(graph).lines());
  }

  @Test
  void aBadEdgeList_exits255_withOneLineNamingIt() throws IOException {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "1 2\n3 x\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    GraphGangDemo.Outcome outcome = GraphGangDemo.run("pagerank", bad, 0, Pools.intraAll(),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(outcome.exitCode()).isEqualTo(255);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad edge list").contains("bad.txt:2:");
    assertThat(GraphGangDemo.run("pagerank", dir.resolve("missing.txt"), 0, Pools.serial(), System.err).exitCode())
        .isEqualTo(255);
  }
}
