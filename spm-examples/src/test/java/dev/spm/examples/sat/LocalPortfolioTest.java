package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-process portfolio: the first answer wins, and clauses are shared and counted. */
class LocalPortfolioTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"random3:200:4.26:1", "random3:200:4.26:2", "random3:200:4.26:3", "php:7",
      "tseitin:40:3:1:unsat", "colour:80:3:4.6:4"})
  void portfolio_agreesWithMinisat_andCountsWhatItShared(String spec) throws Exception {
    Reference.requireMinisat();
    Cnf cnf = Instances.generate(spec);
    LocalPortfolio.Outcome o = LocalPortfolio.of(cnf, 3).solve();
    assertThat(o.result().status()).isEqualTo(Reference.minisat(cnf, dir));
    if (o.result().status() == SatResult.Status.SATISFIABLE) {
      assertThat(cnf.isSatisfiedBy(o.result().model())).isTrue();
    }
    assertThat(o.winner()).isBetween(0, 2);
    assertThat(o.members()).hasSize(3);
    long exported = o.members().stream().mapToLong(SatResult.Stats::exported).sum();
    assertThat(o.sharedClauses()).as("shipped at restarts, of those exported").isBetween(0L, exported);
    assertThat(o.sharedBytes()).isBetween(12 * o.sharedClauses(), 4L * (cnf.numVars() + 2) * o.sharedClauses());
  }

  @Test
  void membersImportWhatOthersExport() throws InterruptedException {
    LocalPortfolio.Outcome o = LocalPortfolio.of(Generators.pigeonhole(8), 2).solve();
    assertThat(o.result().status()).isEqualTo(SatResult.Status.UNSATISFIABLE);
    assertThat(o.sharedClauses()).isPositive();
    assertThat(o.members()).anySatisfy(s -> assertThat(s.imported()).isPositive());
  }

  @Test
  void noMembers_isAnError() {
    assertThatThrownBy(() -> new LocalPortfolio(Generators.pigeonhole(2), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a portfolio needs at least one member");
  }

  @Test
  void packedExchange_shipsExportsAtImportPoints_andUnpacksWhatIsOffered() {
    List<int[]> shipped = new ArrayList<>();
    PackedExchange exchange = new PackedExchange(shipped::add, 1000);
    exchange.export(new int[] {1, -2, 3}, 2);
    exchange.export(new int[] {-4}, 1);
    assertThat(shipped).isEmpty();
    exchange.offer(new int[] {2, 2, 5, 6, 0, 7});
    StringBuilder got = new StringBuilder();
    exchange.importInto((c, lbd) -> got.append(Arrays.toString(c)).append('/').append(lbd));
    assertThat(shipped).containsExactly(new int[] {3, 2, 1, -2, 3, 1, 1, -4});
    assertThat(got).hasToString("[5, 6]/2[]/7");
    assertThat(exchange.shippedClauses()).isEqualTo(2);
    assertThat(exchange.shippedBytes()).isEqualTo(4 * 8);
    exchange.importInto((c, lbd) -> got.append("more"));
    assertThat(shipped).hasSize(1);
    assertThat(got).hasToString("[5, 6]/2[]/7");
  }

  @Test
  void packedExchange_dropsExportsBeyondItsBuffer_andRejectsMalformedPackets() {
    PackedExchange exchange = new PackedExchange(p -> { }, 6);
    exchange.export(new int[] {1, 2, 3}, 2);
    exchange.export(new int[] {4}, 1);
    assertThat(exchange.dropped()).isEqualTo(1);
    exchange.offer(new int[] {3, 1, 5, 6});
    assertThatThrownBy(() -> exchange.importInto((c, lbd) -> { })).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("malformed clause packet: the record at offset 0 has length 3, but the packet has 4 ints");
    assertThat(exchange.shippedClauses()).isEqualTo(1);
  }
}
