package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the solver does with clauses that others shared: at level 0, and during a search. */
class ClauseImportTest {
  /** Records what a solver exports. */
  private static final class Recorder implements ClauseExchange {
    final List<int[]> clauses = new ArrayList<>();
    final List<Integer> lbds = new ArrayList<>();

    @Override
    public void export(int[] clause, int lbd) {
      clauses.add(clause);
      lbds.add(lbd);
    }

    @Override
    public void importInto(Sink sink) {}
  }

  /** Delivers the given clauses, {@code perCall} of them at each import point. */
  private static final class Feeder implements ClauseExchange {
    private final List<int[]> clauses;
    private final List<Integer> lbds;
    private final int perCall;
    private int next;
    int calls;

    Feeder(List<int[]> clauses, List<Integer> lbds, int perCall) {
      this.clauses = clauses;
      this.lbds = lbds;
      this.perCall = perCall;
    }

    static Feeder all(int[]... clauses) {
      List<Integer> lbds = new ArrayList<>();
      for (int[] c : clauses) {
        lbds.add(Math.max(1, c.length));
      }
      return new Feeder(List.of(clauses), lbds, Integer.MAX_VALUE);
    }

    @Override
    public void export(int[] clause, int lbd) {}

    @Override
    public void importInto(Sink sink) {
      calls++;
      for (int i = 0; i < perCall && next < clauses.size(); i++, next++) {
        sink.add(clauses.get(next), lbds.get(next));
      }
    }

    boolean delivered() {
      return next == clauses.size();
    }
  }

  /** x1 and x2 are forced at level 0; x3..x6 are free but for one clause. */
  private static final Cnf FORCED = Dimacs.parse("""
      p cnf 6 3
      1 0
      -1 2 0
      3 4 5 6 0
      """);

  /** Without elimination, which would remove some of FORCED's variables, and with them the imports. */
  private static SatResult solveWith(Cnf cnf, ClauseExchange exchange) {
    return new CdclSolver(cnf, Config.defaults().toBuilder().eliminate(false).build(), exchange).solve();
  }

  @Test
  void importedClauseOverAnEliminatedVariable_isDropped() {
    Cnf pure = Dimacs.parse("p cnf 3 2\n1 2 0\n1 3 0\n");
    SatResult r = new CdclSolver(pure, Config.defaults().toBuilder().eliminate(true).build(),
        Feeder.all(new int[] {-1}, new int[] {-2, -3})).solve();
    assertThat(r.status()).isEqualTo(SatResult.Status.SATISFIABLE);
    assertThat(r.stats().imported()).isEqualTo(2);
    assertThat(r.value(1)).as("x1, eliminated, then set by the model's extension").isTrue();
    assertThat(r.value(2) && r.value(3)).as("the clause over x2 and x3 was kept").isFalse();
  }

  @Test
  void importedEmptyClause_meansUnsatisfiable() {
    assertThat(solveWith(FORCED, Feeder.all(new int[0])).status()).isEqualTo(SatResult.Status.UNSATISFIABLE);
  }

  @Test
  void importedClauseFalseAtLevelZero_meansUnsatisfiable() {
    assertThat(solveWith(FORCED, Feeder.all(new int[] {-1, -2})).status())
        .isEqualTo(SatResult.Status.UNSATISFIABLE);
  }

  @Test
  void importedClauseSatisfiedAtLevelZero_isDropped() {
    SatResult r = solveWith(FORCED, Feeder.all(new int[] {2, -3}, new int[] {-3, 3}));
    assertThat(r.status()).isEqualTo(SatResult.Status.SATISFIABLE);
    assertThat(r.stats().imported()).isEqualTo(2);
  }

  @Test
  void importedClause_withFalseLiteralsDropped_becomesAUnit() {
    SatResult r = solveWith(FORCED, Feeder.all(new int[] {-1, -3, -2}, new int[] {4, 4, -1}));
    assertThat(r.status()).isEqualTo(SatResult.Status.SATISFIABLE);
    assertThat(r.value(3)).isFalse();
    assertThat(r.value(4)).isTrue();
  }

  @Test
  void importedUnitsAndClauses_bindTheModel() {
    SatResult r = solveWith(FORCED, Feeder.all(new int[] {-3}, new int[] {-4}, new int[] {-5, -6},
        new int[] {-6, -2, 3, 4}));
    assertThat(r.status()).isEqualTo(SatResult.Status.SATISFIABLE);
    assertThat(r.model()).containsExactly(1, 2, -3, -4, 5, -6);
  }

  @Test
  void importedUnitsInConflict_meanUnsatisfiable() {
    assertThat(solveWith(FORCED, Feeder.all(new int[] {-3}, new int[] {-4}, new int[] {-5}, new int[] {-6}))
        .status()).isEqualTo(SatResult.Status.UNSATISFIABLE);
  }

  @Test
  void importedLiteralOutsideTheFormula_isAnError() {
    assertThatThrownBy(() -> solveWith(FORCED, Feeder.all(new int[] {3, 7})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("literal 7 is outside the formula's variables 1..6");
  }

  /**
   * Whatever another solver learnt, given all at once at the start or a few at each restart, the
   * answer stays the same, and models still satisfy the formula. (The exporter does not walk, so
   * that it learns clauses on satisfiable formulas too.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"random3:150:4.26:1", "random3:150:4.26:2", "random3:150:4.26:3", "random3:150:4.26:4",
      "random3:180:4.26:5", "php:6", "colour:60:3:4.4:2", "tseitin:24:3:4:unsat", "colour:100:3:4.5:5"})
  void clausesLearntByAnotherSolver_neverChangeTheAnswer(String spec) {
    Cnf cnf = Instances.generate(spec);
    Recorder recorder = new Recorder();
    Config exportEverything = Config.portfolio(2).toBuilder().exportMaxSize(Integer.MAX_VALUE).walkEffort(0).build();
    SatResult.Status answer = new CdclSolver(cnf, exportEverything, recorder).solve().status();
    assertThat(recorder.clauses).as("clauses exported").isNotEmpty();
    for (int perCall : new int[] {Integer.MAX_VALUE, 7}) {
      for (int member : new int[] {0, 1, 3}) {
        Feeder feeder = new Feeder(recorder.clauses, recorder.lbds, perCall);
        SatResult r = new CdclSolver(cnf, Config.portfolio(member), feeder).solve();
        assertThat(r.status()).as("%s, member %d, %d clauses per import", spec, member, perCall).isEqualTo(answer);
        if (r.status() == SatResult.Status.SATISFIABLE) {
          assertThat(cnf.isSatisfiedBy(r.model())).isTrue();
        }
        assertThat(r.stats().imported()).isPositive();
      }
    }
  }

  @Test
  void importsHappenAtRestarts_notOnlyAtTheStart() {
    Cnf cnf = Generators.pigeonhole(8);
    Recorder recorder = new Recorder();
    new CdclSolver(cnf, Config.portfolio(1), recorder).solve();
    Feeder feeder = new Feeder(recorder.clauses, recorder.lbds, 3);
    SatResult r = new CdclSolver(cnf, Config.portfolio(3), feeder).solve();
    assertThat(r.status()).isEqualTo(SatResult.Status.UNSATISFIABLE);
    assertThat(feeder.calls).isEqualTo(r.stats().restarts() + 1);
    assertThat(feeder.calls).isGreaterThan(10);
  }

  @Test
  void exportFilter_followsTheConfig() {
    Cnf cnf = Generators.random3Sat(150, 4.26, 2);
    Recorder recorder = new Recorder();
    Config config = Config.defaults().toBuilder().exportMaxSize(5).exportMaxLbd(2).walkEffort(0).build();
    SatResult r = new CdclSolver(cnf, config, recorder).solve();
    assertThat(recorder.clauses).hasSize((int) r.stats().exported()).isNotEmpty();
    for (int i = 0; i < recorder.clauses.size(); i++) {
      int[] c = recorder.clauses.get(i);
      assertThat(c.length <= 5 || recorder.lbds.get(i) <= 2).as("clause %d exported", i).isTrue();
      assertThat(recorder.lbds.get(i)).isBetween(1, c.length);
    }
    Recorder none = new Recorder();
    new CdclSolver(cnf, config.toBuilder().exportMaxSize(0).exportMaxLbd(0).build(), none).solve();
    assertThat(none.clauses).isEmpty();
  }
}
