package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated graphs have what the tests and benchmarks count on. */
class GraphGenTest {
  @TempDir
  Path dir;

  @Test
  void sameEdgesAndSeed_writeTheSameBytes_anotherSeedOthers() throws IOException {
    GraphGen.write(dir.resolve("a"), 10_000, 5);
    GraphGen.write(dir.resolve("b"), 10_000, 5);
    GraphGen.write(dir.resolve("c"), 10_000, 6);
    assertThat(Files.mismatch(dir.resolve("a"), dir.resolve("b"))).isEqualTo(-1);
    assertThat(Files.mismatch(dir.resolve("a"), dir.resolve("c"))).isNotEqualTo(-1);
  }

  @Test
  void graph_hasTheEdgesAskedFor_danglingNodes_duplicates_selfLoops_skew_andSmallComponents() throws IOException {
    int edges = 50_000;
    Path file = dir.resolve("g");
    GraphGen.write(file, edges, 1);
    EdgeList g = EdgeList.read(file);
    assertThat(g.size()).isEqualTo(edges);
    GraphPart whole = GraphPart.of(g, 0, 1);
    int dangling = 0;
    int selfLoops = 0;
    int[] in = new int[whole.nodes()];
    for (int u = 0; u < whole.nodes(); u++) {
      dangling += whole.outDegree(u) == 0 ? 1 : 0;
      for (int e = whole.rowStart()[u]; e < whole.rowStart()[u + 1]; e++) {
        in[whole.targets()[e]]++;
        selfLoops += whole.targets()[e] == u ? 1 : 0;
      }
    }
    Set<Long> ids = new HashSet<>();
    for (int v = 0; v < whole.nodes(); v++) {
      ids.add(whole.id(v));
    }
    int duplicates = edges - whole.edges();
    int maxIn = java.util.Arrays.stream(in).max().orElseThrow();
    assertThat(dangling).isBetween(whole.nodes() / 20, whole.nodes() / 4);
    assertThat(duplicates).isBetween(edges / 100, edges / 10); // 1% copies, and repeats by chance
    assertThat(selfLoops).isBetween(edges / 1000, edges / 200);
    assertThat((double) maxIn).isGreaterThan(20.0 * whole.edges() / whole.nodes());
    assertThat(ids.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(2L * whole.nodes());
    assertThat(Components.run(whole, Exchange.solo()).count()).isGreaterThan(10);
  }
}
