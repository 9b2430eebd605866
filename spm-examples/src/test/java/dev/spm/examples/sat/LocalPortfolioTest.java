package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
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
    assertThat(o.sharedClauses()).isEqualTo(exported);
    assertThat(o.sharedBytes()).isBetween(8 * o.sharedClauses(), 4L * (cnf.numVars() + 1) * o.sharedClauses());
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
  void exchange_weighsEachClauseOnce_at4BytesPerLiteralPlus4() {
    MemoryExchange exchange = new MemoryExchange(3);
    exchange.member(0).export(new int[] {1, -2, 3}, 2);
    exchange.member(2).export(new int[] {-4}, 1);
    assertThat(exchange.sharedClauses()).isEqualTo(2);
    assertThat(exchange.sharedBytes()).isEqualTo(16 + 8);
    StringBuilder got = new StringBuilder();
    exchange.member(1).importInto((c, lbd) -> got.append(java.util.Arrays.toString(c)).append('/').append(lbd));
    assertThat(got).hasToString("[1, -2, 3]/2[-4]/1");
    got.setLength(0);
    exchange.member(0).importInto((c, lbd) -> got.append(java.util.Arrays.toString(c)));
    assertThat(got).hasToString("[-4]");
    got.setLength(0);
    exchange.member(0).importInto((c, lbd) -> got.append(java.util.Arrays.toString(c)));
    assertThat(got).isEmpty();
  }
}
