package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PageRank and weakly connected components against networkx, on generated graphs (skewed degrees,
 * dangling nodes, duplicate edges, self-loops, small separate components) and on hand-made corner
 * cases, serially and on in-process gangs.
 */
class NetworkxReferenceTest {
  @TempDir
  static Path dir;

  private static Map<Path, Networkx.Reference> reference;

  private static final List<Path> GRAPHS = new ArrayList<>();

  /** The graph files, written by {@link #writeGraphsAndAskNetworkx}, which runs first. */
  static List<Path> graphs() {
    return GRAPHS;
  }

  @BeforeAll
  static void writeGraphsAndAskNetworkx() throws IOException, InterruptedException {
    Networkx.require();
    GRAPHS.clear();
    GraphGen.write(dir.resolve("gen-2000-1.txt"), 2000, 1);
    GraphGen.write(dir.resolve("gen-5000-2.txt"), 5000, 2);
    GraphGen.write(dir.resolve("gen-600-3.txt"), 600, 3);
    GRAPHS.add(dir.resolve("gen-2000-1.txt"));
    GRAPHS.add(dir.resolve("gen-5000-2.txt"));
    GRAPHS.add(dir.resolve("gen-600-3.txt"));
    // 5 has only a self-loop (not dangling); 7 and 8 are dangling; 2->3 is listed three times;
    // ids are sparse, huge and negative, so the ids go through the hash table
    GRAPHS.add(write("corners.txt", """
        # corner cases
        1 2
        2 3
        2 3\t# a duplicate
        2 3
        3 1
        3 3
        5 5
        1 7
        -4 8

        8000000000000 1
        8000000000000 -4
        """));
    reference = Networkx.of(GRAPHS);
  }

  private static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void serialPageRank_matchesNetworkx_everyRankAndTheTop10(Path file) throws IOException {
    Networkx.Reference ref = reference.get(file);
    PageRankResult r = PageRank.serial(file, PageRank.Options.DEFAULT);
    GraphPart whole = GraphPart.load(file, 0, 1);
    assertThat(r.nodes()).isEqualTo(ref.ranks().size());
    for (int v = 0; v < r.nodes(); v++) {
      double expected = ref.ranks().get(whole.id(v));
      assertThat(r.ranks()[v]).as("rank of node %d (networkx's %s)", whole.id(v), ref.impl())
          .isCloseTo(expected, within(1e-6))
          .isCloseTo(expected, within(1e-9 * expected)); // relative: ranks here are ~1/N
    }
    assertThat(r.top()).extracting(RankedNode::node).containsExactlyElementsOf(
        ref.top().stream().map(RankedNode::node).toList());
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void gangsOfTwoAndThreePageRank_matchNetworkx(Path file) {
    Networkx.Reference ref = reference.get(file);
    for (int p : new int[] {2, 3}) {
      List<PageRankResult> members = PageRank.threads(file, p, PageRank.Options.DEFAULT, Duration.ofSeconds(60));
      for (PageRankResult m : members) {
        assertThat(m.top()).extracting(RankedNode::node).as("members=%d", p)
            .containsExactlyElementsOf(ref.top().stream().map(RankedNode::node).toList());
        for (int i = 0; i < m.top().size(); i++) {
          assertThat(m.top().get(i).rank()).isCloseTo(ref.top().get(i).rank(), within(1e-6));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void components_matchNetworkx_serialAndOnGangs(Path file) throws IOException {
    Networkx.Reference ref = reference.get(file);
    List<Integer> top = ref.sizes().subList(0, Math.min(Components.TOP, ref.sizes().size()));
    ComponentsResult serial = Components.serial(file);
    assertThat(serial.count()).isEqualTo(ref.components());
    assertThat(serial.largest()).isEqualTo(top);
    for (int p : new int[] {2, 3, 5}) {
      for (ComponentsResult m : Components.threads(file, p, Duration.ofSeconds(60))) {
        assertThat(m.count()).as("members=%d", p).isEqualTo(ref.components());
        assertThat(m.largest()).as("members=%d", p).isEqualTo(top);
      }
    }
  }
}
