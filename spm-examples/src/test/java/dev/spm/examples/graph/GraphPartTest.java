package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dense numbering, CSR with duplicates removed, and the split into members' parts. */
class GraphPartTest {
  /** Every edge of the part as "srcId>dstId". */
  private static List<String> edges(GraphPart p) {
    List<String> out = new ArrayList<>();
    for (int u = 0; u < p.owned(); u++) {
      for (int e = p.rowStart()[u]; e < p.rowStart()[u + 1]; e++) {
        out.add(p.id(p.first() + u) + ">" + p.id(p.targets()[e]));
      }
    }
    return out;
  }


  @Test
  void nodes_areTheIdsInEdges_numberedInAscendingOrder() {
    GraphPart p = GraphPart.of(EdgeList.of(40, 10, 10, 30, 30, 30, 40, 10), 0, 1);
    assertThat(p.nodes()).isEqualTo(3);
    assertThat(List.of(p.id(0), p.id(1), p.id(2))).containsExactly(10L, 30L, 40L);
    assertThat(p.indexOf(30)).isEqualTo(1);
    assertThat(p.indexOf(20)).isEqualTo(-1);
    assertThat(p.indexOf(41)).isEqualTo(-1);
  }

  @Test
  void duplicateEdges_countOnce_selfLoopsStay() {
    GraphPart p = GraphPart.of(EdgeList.of(40, 10, 10, 30, 30, 30, 40, 10, 40, 30, 40, 10), 0, 1);
    assertThat(edges(p)).containsExactly("10>30", "30>30", "40>10", "40>30");
    assertThat(p.outDegree(p.indexOf(40))).isEqualTo(2);
    assertThat(p.outDegree(p.indexOf(30))).isEqualTo(1);
  }

  @Test
  void sparseHugeAndNegativeIds_numberAsDenseOnesDo() {
    long shift = 7_000_000_000_000_000L;
    EdgeList dense = GraphGen.edgeList(3000, 4);
    long[] pairs = new long[2 * dense.size()];
    for (int i = 0; i < dense.size(); i++) {
      pairs[2 * i] = dense.src(i) % 5 == 0 ? -dense.src(i) * 1_000_003 : dense.src(i) + shift;
      pairs[2 * i + 1] = dense.dst(i) % 5 == 0 ? -dense.dst(i) * 1_000_003 : dense.dst(i) + shift;
    }
    GraphPart a = GraphPart.of(dense, 0, 1);
    GraphPart b = GraphPart.of(EdgeList.of(pairs), 0, 1); // through the hash table
    assertThat(b.nodes()).isEqualTo(a.nodes());
    for (int v = 1; v < b.nodes(); v++) {
      assertThat(b.id(v)).isGreaterThan(b.id(v - 1));
      assertThat(b.indexOf(b.id(v))).isEqualTo(v);
    }
    assertThat(b.edges()).isEqualTo(a.edges());
    assertThat(b.indexOf(shift - 1)).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7})
  void parts_coverEveryNodeAndEdgeOnce_inContiguousRangesBalancedByEdges(int members) {
    EdgeList g = GraphGen.edgeList(20_000, 9);
    GraphPart whole = GraphPart.of(g, 0, 1);
    Set<String> all = new HashSet<>();
    int next = 0;
    int maxDegree = 0;
    for (int v = 0; v < whole.nodes(); v++) {
      maxDegree = Math.max(maxDegree, whole.outDegree(v));
    }
    for (int r = 0; r < members; r++) {
      GraphPart p = GraphPart.of(g, r, members);
      assertThat(p.first()).isEqualTo(next);
      next = p.end();
      for (int v = p.first(); v < p.end(); v++) {
        assertThat(p.owner(v)).isEqualTo(r);
        assertThat(p.id(v)).isEqualTo(whole.id(v));
      }
      List<String> mine = edges(p);
      assertThat(all.addAll(mine)).isTrue();
      assertThat(mine).hasSize(new TreeSet<>(mine).size());
      // balanced by edge lines, which duplicates inflate by ~1%
      assertThat((double) p.edges()).isLessThan(1.03 * whole.edges() / members + p.owned() + 2 * maxDegree);
    }
    assertThat(next).isEqualTo(whole.nodes());
    List<String> wholeEdges = edges(whole);
    assertThat(all).hasSize(wholeEdges.size()).isEqualTo(new HashSet<>(wholeEdges));
  }

  @Test
  void moreMembersThanNodes_leaveSomeRangesEmpty() {
    EdgeList g = EdgeList.of(1, 2, 2, 3);
    List<Integer> sizes = new ArrayList<>();
    for (int r = 0; r < 5; r++) {
      sizes.add(GraphPart.of(g, r, 5).owned());
    }
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    assertThat(sizes).contains(0);
    GraphPart last = GraphPart.of(g, 4, 5);
    for (int v = 0; v < 3; v++) {
      assertThat(GraphPart.of(g, last.owner(v), 5).owned()).isPositive();
    }
  }

  @Test
  void emptyEdgeList_hasNoNodes() {
    GraphPart p = GraphPart.of(EdgeList.of(), 1, 2);
    assertThat(p.nodes()).isZero();
    assertThat(p.owned()).isZero();
  }

  @Test
  void badRankOrSize_isNamed() {
    EdgeList g = EdgeList.of(1, 2);
    assertThatThrownBy(() -> GraphPart.of(g, 2, 2)).hasMessage("the rank must be in [0, 2), but was 2");
    assertThatThrownBy(() -> GraphPart.of(g, 0, 0))
        .hasMessage("the number of members must be in [1, 65536], but was 0");
    assertThatThrownBy(() -> EdgeList.of(1, 2, 3)).hasMessage("edges come in pairs, but 3 ids were given");
  }
}
