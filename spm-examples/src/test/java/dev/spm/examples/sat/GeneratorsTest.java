package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
  @Test
  void sameSpec_sameFormula_otherSeed_otherFormula() {
    for (String spec : new String[] {"random3:100:4.26:", "tseitin:30:3:", "colour:50:3:4.0:"}) {
      String tail = spec.startsWith("tseitin") ? ":unsat" : "";
      Cnf a = Instances.generate(spec + "1" + tail);
      assertThat(Instances.generate(spec + "1" + tail)).as(spec).isEqualTo(a);
      assertThat(Instances.generate(spec + "2" + tail)).as(spec).isNotEqualTo(a);
    }
  }

  @Test
  void random3Sat_hasRatioTimesVarsClausesOfThreeDistinctVariables() {
    Cnf cnf = Generators.random3Sat(250, 4.26, 3);
    assertThat(cnf.numVars()).isEqualTo(250);
    assertThat(cnf.numClauses()).isEqualTo(1065);
    for (int i = 0; i < cnf.numClauses(); i++) {
      int[] c = cnf.clause(i);
      assertThat(c).hasSize(3);
      assertThat(Set.of(Math.abs(c[0]), Math.abs(c[1]), Math.abs(c[2]))).hasSize(3);
    }
  }

  @Test
  void pigeonhole_hasPigeonAndHoleClauses_andIsUnsatisfiable() {
    Cnf cnf = Generators.pigeonhole(4);
    assertThat(cnf.numVars()).isEqualTo(20);
    assertThat(cnf.numClauses()).isEqualTo(5 + 4 * 10);
    assertThat(Reference.bruteForceSatisfiable(cnf)).isFalse();
    assertThat(Reference.bruteForceSatisfiable(Generators.pigeonhole(3))).isFalse();
  }

  @Test
  void randomRegularGraph_isSimpleAndRegular() {
    for (int degree = 3; degree <= 6; degree++) {
      int[][] edges = Generators.randomRegularGraph(40, degree, new Random(degree));
      int[] deg = new int[40];
      Set<Long> seen = new HashSet<>();
      for (int[] e : edges) {
        assertThat(e[0]).isNotEqualTo(e[1]);
        assertThat(seen.add((long) Math.min(e[0], e[1]) << 32 | Math.max(e[0], e[1]))).as("edge %d-%d once", e[0], e[1])
            .isTrue();
        deg[e[0]]++;
        deg[e[1]]++;
      }
      assertThat(deg).containsOnly(degree);
    }
  }

  @Test
  void tseitin_isSatisfiableExactlyWhenAskedTo() {
    for (long seed = 1; seed <= 5; seed++) {
      Cnf sat = Generators.tseitin(10, 3, true, seed);
      Cnf unsat = Generators.tseitin(10, 3, false, seed);
      assertThat(sat.numVars()).isEqualTo(15);
      assertThat(sat.numClauses()).isEqualTo(10 * 4);
      assertThat(Reference.bruteForceSatisfiable(sat)).isTrue();
      assertThat(Reference.bruteForceSatisfiable(unsat)).isFalse();
    }
  }

  @Test
  void colouring_hasVertexAndEdgeClauses() {
    Cnf cnf = Generators.colouring(10, 3, 2.0, 1);
    assertThat(cnf.numVars()).isEqualTo(30);
    assertThat(cnf.numClauses()).isEqualTo(10 * (1 + 3) + 10 * 3);
    assertThat(Reference.bruteForceSatisfiable(Generators.colouring(5, 2, 4.0, 1))).isFalse();
  }

  @Test
  void badParameters_areNamed() {
    assertThatThrownBy(() -> Generators.tseitin(9, 3, true, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vertices × degree must be even, but was 9 × 3");
    assertThatThrownBy(() -> Generators.pigeonhole(0)).hasMessage("holes must be in [1, 1000], but was 0");
    assertThatThrownBy(() -> Generators.colouring(5, 3, 9, 1))
        .hasMessage("averageDegree must be in [0, 4], but was 9.0");
    assertThatThrownBy(() -> Instances.generate("php:x")).hasMessageContaining("'php:x' has a parameter");
    assertThatThrownBy(() -> Instances.generate("queens:8")).hasMessage("'queens:8' names no formula; the forms are "
        + Instances.FORMS);
  }

  @Test
  void satGen_writesTheSpecsFormula_orExits2ForABadSpec() throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    assertThat(SatGen.run(new String[] {"php:5"}, new java.io.PrintStream(out), new java.io.PrintStream(err))).isZero();
    assertThat(Dimacs.parse(out.toString())).isEqualTo(Generators.pigeonhole(5));
    assertThat(SatGen.run(new String[] {"php"}, new java.io.PrintStream(out), new java.io.PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString()).startsWith("SatGen: 'php' names no formula");
  }
}
