package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PageRank without Python: against the naive reference, on gangs of threads, and its corners. */
class PageRankTest {
  private static final Duration LONG = Duration.ofSeconds(60);


  private static PageRankResult serial(EdgeList g, PageRank.Options o) {
    return PageRank.run(GraphPart.of(g, 0, 1), Exchange.solo(), o);
  }

  private static List<PageRankResult> gang(EdgeList g, int members, PageRank.Options o) {
    return ThreadGang.run(members, LONG, ex -> PageRank.run(GraphPart.of(g, ex.rank(), ex.size()), ex, o));
  }

  @Test
  void fixedIterations_matchTheNaiveReference_withDanglingDuplicatesAndSelfLoops() {
    EdgeList g = GraphGen.edgeList(3000, 11);
    GraphPart whole = GraphPart.of(g, 0, 1);
    for (int iterations : new int[] {1, 2, 5, 40}) {
      PageRankResult r = serial(g, PageRank.Options.DEFAULT.withIterations(iterations));
      Map<Long, Double> expected = new NaiveGraph(g).pagerank(iterations);
      assertThat(r.iterations()).isEqualTo(iterations);
      for (int v = 0; v < r.nodes(); v++) {
        assertThat(r.ranks()[v]).as("node %d after %d", whole.id(v), iterations)
            .isCloseTo(expected.get(whole.id(v)), within(1e-15));
      }
    }
  }

  @Test
  void byDefault_itIteratesUntilTheL1ChangeIsBelow1e12_andRanksSumToOne() {
    PageRankResult r = serial(GraphGen.edgeList(3000, 12), PageRank.Options.DEFAULT);
    assertThat(r.change()).isLessThan(1e-12);
    double sum = 0;
    for (double x : r.ranks()) {
      sum += x;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    PageRankResult oneLess = serial(GraphGen.edgeList(3000, 12), PageRank.Options.DEFAULT.withIterations(r.iterations() - 1));
    assertThat(oneLess.change()).isGreaterThanOrEqualTo(1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 7})
  void gangOnThreads_equalsTheSerialRun(int members) {
    EdgeList g = GraphGen.edgeList(20_000, 13);
    PageRankResult serial = serial(g, PageRank.Options.DEFAULT);
    List<PageRankResult> parts = gang(g, members, PageRank.Options.DEFAULT);
    int at = 0;
    for (PageRankResult p : parts) {
      assertThat(p.top()).isEqualTo(parts.getFirst().top());
      assertThat(p.iterations()).isCloseTo(serial.iterations(), within(1)); // rounding may move the last step
      assertThat(p.first()).isEqualTo(at);
      for (int i = 0; i < p.ranks().length; i++) {
        assertThat(p.ranks()[i]).isCloseTo(serial.ranks()[at + i], within(1e-13));
      }
      at += p.ranks().length;
    }
    assertThat(at).isEqualTo(serial.nodes());
    assertThat(parts.getFirst().top()).extracting(RankedNode::node)
        .containsExactlyElementsOf(serial.top().stream().map(RankedNode::node).toList());
    for (int i = 0; i < serial.top().size(); i++) {
      assertThat(parts.getFirst().top().get(i).rank()).isCloseTo(serial.top().get(i).rank(), within(1e-13));
    }
  }

  @Test
  void equalRanks_areListedByNodeIdAscending_onAGangToo() {
    // a cycle: every rank is exactly 1/12
    long[] ids = {50, 3, 17, 900, 4, 61, 8, 2, 33, 70, 12, 5};
    long[] pairs = new long[2 * ids.length];
    for (int i = 0; i < ids.length; i++) {
      pairs[2 * i] = ids[i];
      pairs[2 * i + 1] = ids[(i + 1) % ids.length];
    }
    EdgeList cycle = EdgeList.of(pairs);
    List<String> expected = List.of("2", "3", "4", "5", "8", "12", "17", "33", "50", "61")
        .stream().map(id -> id + " 0.0833333333333").toList();
    assertThat(serial(cycle, PageRank.Options.DEFAULT).lines()).isEqualTo(expected);
    assertThat(gang(cycle, 3, PageRank.Options.DEFAULT).get(2).lines()).isEqualTo(expected);
  }

  @Test
  void moreMembersThanNodes_andTheEmptyGraph_work() {
    EdgeList tiny = EdgeList.of(1, 2, 2, 3);
    List<String> serial = serial(tiny, PageRank.Options.DEFAULT).lines();
    assertThat(serial).hasSize(3);
    for (PageRankResult p : gang(tiny, 5, PageRank.Options.DEFAULT)) {
      assertThat(p.lines()).isEqualTo(serial);
    }
    for (PageRankResult p : gang(EdgeList.of(), 2, PageRank.Options.DEFAULT)) {
      assertThat(p.top()).isEmpty();
      assertThat(p.nodes()).isZero();
    }
  }

  @Test
  void oneIteration_onTwoNodes_isWhatTheFormulaGives() {
    // x = [1/2, 1/2]; node 2 is dangling: x'1 = .85 * (.5/2) + .15/2, x'2 = .85 * (.5 + .5/2) + .15/2
    PageRankResult r = serial(EdgeList.of(1, 2), PageRank.Options.DEFAULT.withIterations(1));
    assertThat(r.lines()).containsExactly("2 0.712500000000", "1 0.287500000000");
  }

  @Test
  void tooFewIterationsToConverge_failWithBothFigures() {
    PageRank.Options o = new PageRank.Options(0.85, 1e-12, 0, 5);
    assertThatThrownBy(() -> serial(GraphGen.edgeList(500, 1), o))
        .isInstanceOf(NotConvergedException.class)
        .hasMessageStartingWith("PageRank did not converge in 5 iterations: the last L1 change was ")
        .hasMessageEndingWith(", the tolerance 1.0E-12");
  }

  @Test
  void badOptions_areNamed() {
    assertThatThrownBy(() -> new PageRank.Options(1, 1e-12, 0, 10)).hasMessage("alpha must be in (0, 1), but was 1.0");
    assertThatThrownBy(() -> new PageRank.Options(0.85, 0, 0, 10)).hasMessage("the tolerance must be positive, but was 0.0");
    assertThatThrownBy(() -> PageRank.Options.DEFAULT.withIterations(-1))
        .hasMessage("the iterations must be positive (or 0: until converged), but were -1");
  }

  @Test
  void ranks_printWithTwelveSignificantDigits_inPlainDecimal() {
    assertThat(RankedNode.format(0.5)).isEqualTo("0.500000000000");
    assertThat(RankedNode.format(1.0 / 3)).isEqualTo("0.333333333333");
    assertThat(RankedNode.format(2.0 / 3)).isEqualTo("0.666666666667");
    assertThat(RankedNode.format(1.234e-5)).isEqualTo("0.0000123400000000");
    assertThat(new RankedNode(-7, 0.01).line()).isEqualTo("-7 0.0100000000000");
  }

  @Test
  void membersThatLoadedDifferentGraphs_failBeforeIterating() {
    EdgeList a = EdgeList.of(1, 2, 2, 3, 3, 1);
    EdgeList b = EdgeList.of(1, 2, 2, 3, 3, 4);
    assertThatThrownBy(() -> ThreadGang.run(2, LONG,
        ex -> PageRank.run(GraphPart.of(ex.rank() == 0 ? a : b, ex.rank(), 2), ex, PageRank.Options.DEFAULT)))
        .isInstanceOf(ExchangeException.class)
        .hasMessageContaining("nodes, but not every member has: the members loaded different graphs");
  }

  @Test
  void partOfAnotherGang_isRefused() {
    GraphPart p = GraphPart.of(EdgeList.of(1, 2), 0, 2);
    assertThatThrownBy(() -> PageRank.run(p, Exchange.solo(), PageRank.Options.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the part is member 0 of 2, but the exchange is member 0 of 1");
  }
}
