package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Weakly connected components without Python: against breadth-first search, on gangs of threads. */
class ComponentsTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  private static List<ComponentsResult> gang(EdgeList g, int members) {
    return ThreadGang.run(members, LONG, ex -> Components.run(GraphPart.of(g, ex.rank(), ex.size()), ex));
  }

  private static void assertLikeSearch(EdgeList g, int members) {
    List<Integer> sizes = new NaiveGraph(g).componentSizes();
    for (ComponentsResult r : gang(g, members)) {
      assertThat(r.count()).as("members=%d", members).isEqualTo(sizes.size());
      assertThat(r.largest()).as("members=%d", members).isEqualTo(sizes.subList(0, Math.min(10, sizes.size())));
    }
  }

  @Test
  void directionsAreIgnored_andASelfLoopAloneIsAComponent() {
    // {1,2,3} joined by edges into 2; {4,5}; {6} with a self-loop
    EdgeList g = EdgeList.of(1, 2, 3, 2, 5, 4, 6, 6);
    ComponentsResult r = Components.run(GraphPart.of(g, 0, 1), Exchange.solo());
    assertThat(r.lines()).containsExactly("components=3", "3", "2", "1");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7})
  void generatedGraph_onGangs_matchesSearch(int members) {
    assertLikeSearch(GraphGen.edgeList(20_000, 21), members);
  }

  @Test
  void manySmallComponents_keepOnlyTheTenLargest() {
    // stars of sizes 1..30, each with ids interleaved across the whole range
    long[] pairs = new long[2 * 30 * 29 / 2 + 2];
    int at = 0;
    for (int k = 1; k <= 30; k++) {
      for (int leaf = 1; leaf < k; leaf++) {
        pairs[at++] = 1000L * leaf + k;
        pairs[at++] = k;
      }
    }
    pairs[at++] = 1; // the star of size 1 is a self-loop
    pairs[at++] = 1;
    EdgeList g = EdgeList.of(pairs);
    for (int members : new int[] {1, 4}) {
      for (ComponentsResult r : gang(g, members)) {
        assertThat(r.count()).isEqualTo(30);
        assertThat(r.largest()).containsExactly(30, 29, 28, 27, 26, 25, 24, 23, 22, 21);
      }
    }
  }

  @Test
  void pathWeavingThroughEveryMember_needsManyRounds_andStaysOneComponent() {
    // consecutive nodes of the path belong to different members
    int length = 200;
    long[] pairs = new long[2 * (length - 1)];
    for (int i = 0; i + 1 < length; i++) {
      pairs[2 * i] = (i % 4) * 1000L + i / 4;
      pairs[2 * i + 1] = ((i + 1) % 4) * 1000L + (i + 1) / 4;
    }
    List<ComponentsResult> results = gang(EdgeList.of(pairs), 4);
    assertThat(results.getFirst().lines()).containsExactly("components=1", "200");
    assertThat(results.getFirst().rounds()).isGreaterThan(10);
  }

  @Test
  void emptyGraph_hasNoComponents() {
    assertThat(gang(EdgeList.of(), 3).getFirst().lines()).containsExactly("components=0");
  }
}
