package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalSearchTest {
  private static int[] model(boolean[] negative) {
    int[] model = new int[negative.length];
    for (int v = 0; v < negative.length; v++) {
      model[v] = negative[v] ? -(v + 1) : v + 1;
    }
    return model;
  }

  @Test
  void easySatisfiableFormula_walkFindsAModel() {
    Cnf cnf = Generators.random3Sat(300, 3.8, 11);
    boolean[] phases = new boolean[300];
    boolean found = new LocalSearch(cnf, 1).walk(phases, new byte[300], 1_000_000, () -> false);
    assertThat(found).isTrue();
    assertThat(cnf.isSatisfiedBy(model(phases))).isTrue();
  }

  @Test
  void fixedVariables_keepTheirValues() {
    Cnf cnf = Generators.random3Sat(200, 3.0, 5);
    byte[] fixed = new byte[200];
    boolean[] phases = new boolean[200];
    SatResult some = Reference.solve(cnf, Config.defaults().toBuilder().walkEffort(0).build());
    for (int v = 0; v < 200; v += 7) {
      fixed[v] = (byte) (some.value(v + 1) ? 1 : -1);
    }
    assertThat(new LocalSearch(cnf, 2).walk(phases, fixed, 1_000_000, () -> false)).isTrue();
    for (int v = 0; v < 200; v += 7) {
      assertThat(!phases[v]).as("variable %d", v + 1).isEqualTo(some.value(v + 1));
    }
  }

  @Test
  void unsatisfiableFormula_walkGivesUp_withTheBestAssignment() {
    Cnf cnf = Generators.pigeonhole(6);
    boolean[] phases = new boolean[cnf.numVars()];
    assertThat(new LocalSearch(cnf, 3).walk(phases, new byte[cnf.numVars()], 20_000, () -> false)).isFalse();
    int falsified = 0;
    int[] model = model(phases);
    for (int i = 0; i < cnf.numClauses(); i++) {
      int[] c = cnf.clause(i);
      boolean sat = false;
      for (int lit : c) {
        sat |= model[Math.abs(lit) - 1] == lit;
      }
      falsified += sat ? 0 : 1;
    }
    assertThat(falsified).as("clauses the best assignment falsifies").isBetween(1, 3);
  }

  @Test
  void stop_endsTheWalk() {
    Cnf cnf = Generators.pigeonhole(9);
    int[] polls = {0};
    boolean found = new LocalSearch(cnf, 4).walk(new boolean[cnf.numVars()], new byte[cnf.numVars()],
        Long.MAX_VALUE, () -> ++polls[0] > 3);
    assertThat(found).isFalse();
    assertThat(polls[0]).isEqualTo(4);
  }
}
