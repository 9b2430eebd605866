package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The solver's answers against brute force and against minisat; every model is checked. */
class CdclSolverTest {
  @TempDir
  Path dir;

  /** Tiny formulas with every oddity: repeated literals, tautologies, units, empty clauses. */
  private static Cnf oddFormula(Random random) {
    int n = 1 + random.nextInt(12);
    int m = random.nextInt(6 * n);
    List<int[]> clauses = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      int size = random.nextInt(50) == 0 ? 0 : 1 + random.nextInt(Math.min(5, 2 + n / 3));
      int[] c = new int[size];
      for (int j = 0; j < size; j++) {
        int v = 1 + random.nextInt(n);
        c[j] = random.nextBoolean() ? v : -v;
      }
      clauses.add(c);
    }
    return new Cnf(n, clauses);
  }

  @Test
  void tinyFormulas_agreeWithBruteForce_underEveryPortfolioConfig() {
    Random random = new Random(42);
    int sat = 0;
    for (int i = 0; i < 1500; i++) {
      Cnf cnf = oddFormula(random);
      boolean expected = Reference.bruteForceSatisfiable(cnf);
      SatResult r = Reference.solve(cnf, Config.portfolio(i % 6).toBuilder().eliminate(i % 4 < 2)
          .walkEffort(i % 3 == 0 ? 0 : 0.1).build());
      assertThat(r.status()).as("formula %d: %s", i, Dimacs.toString(cnf))
          .isEqualTo(expected ? SatResult.Status.SATISFIABLE : SatResult.Status.UNSATISFIABLE);
      sat += expected ? 1 : 0;
    }
    assertThat(sat).as("satisfiable formulas among 1500").isBetween(200, 1300);
  }

  @Test
  void formulaWithoutVariables_isSatisfiable_unlessItHasAnEmptyClause() {
    assertThat(Reference.solve(Dimacs.parse("p cnf 0 0\n"), Config.defaults()).status())
        .isEqualTo(SatResult.Status.SATISFIABLE);
    assertThat(Reference.solve(Dimacs.parse("p cnf 0 1\n0\n"), Config.defaults()).status())
        .isEqualTo(SatResult.Status.UNSATISFIABLE);
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 150, 200})
  void random3SatAtTheThreshold_agreesWithMinisat(int vars) throws IOException, InterruptedException {
    Reference.requireMinisat();
    int[] answers = new int[2];
    for (long seed = 1; seed <= 8; seed++) {
      Cnf cnf = Generators.random3Sat(vars, 4.26, seed);
      SatResult.Status expected = Reference.minisat(cnf, dir);
      for (Config config : List.of(Config.portfolio(0), Config.portfolio(0).toBuilder().walkEffort(0).build(),
          Config.portfolio(1).toBuilder().walkEffort(0).build())) {
        assertThat(Reference.solve(cnf, config).status()).as("random3:%d:4.26:%d, %s", vars, seed, config)
            .isEqualTo(expected);
      }
      answers[expected == SatResult.Status.SATISFIABLE ? 0 : 1]++;
    }
    assertThat(answers[0]).as("satisfiable instances").isPositive();
    assertThat(answers[1]).as("unsatisfiable instances").isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"php:6", "php:7", "colour:60:3:4.2:1", "colour:60:3:4.2:2", "colour:80:3:5.0:3",
      "colour:40:4:7.0:1", "tseitin:24:3:1:unsat", "tseitin:24:3:1:sat", "tseitin:16:4:2:unsat",
      "tseitin:40:4:3:sat"})
  void structuredInstances_agreeWithMinisat(String spec) throws IOException, InterruptedException {
    Reference.requireMinisat();
    Cnf cnf = Instances.generate(spec);
    SatResult.Status expected = Reference.minisat(cnf, dir);
    for (int member = 0; member < 4; member++) {
      assertThat(Reference.solve(cnf, Config.portfolio(member)).status()).as("%s, member %d", spec, member)
          .isEqualTo(expected);
    }
  }

  @Test
  void sameConfigAndFormula_giveTheSameSearch() {
    Cnf cnf = Generators.random3Sat(120, 4.26, 5);
    for (int member = 0; member < 4; member++) {
      SatResult a = Reference.solve(cnf, Config.portfolio(member));
      SatResult b = Reference.solve(cnf, Config.portfolio(member));
      assertThat(b).isEqualTo(a);
    }
  }

  @Test
  void differentSeeds_giveDifferentSearches() {
    Cnf cnf = Generators.random3Sat(150, 4.26, 5);
    SatResult a = Reference.solve(cnf, Config.portfolio(1));
    SatResult b = Reference.solve(cnf, Config.portfolio(5));
    assertThat(b.stats().conflicts()).isNotEqualTo(a.stats().conflicts());
  }

  @Test
  void solveTwice_isAnError() {
    CdclSolver solver = new CdclSolver(Generators.pigeonhole(3), Config.defaults(), ClauseExchange.none());
    solver.solve();
    assertThatThrownBy(solver::solve).isInstanceOf(IllegalStateException.class)
        .hasMessage("solve() may be called once per CdclSolver");
  }

  @Test
  void lubySequence_isMinisats() {
    double[] expected = {1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8, 1};
    for (int i = 0; i < expected.length; i++) {
      assertThat(CdclSolver.luby(2, i)).as("luby(2, %d)", i).isEqualTo(expected[i]);
    }
  }
}
