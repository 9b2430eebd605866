package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SatOutputTest {
  private static final SatResult.Stats NO_STATS = new SatResult.Stats(0, 0, 0, 0, 0, 0, 0);

  @Test
  void satisfiable_printsTheModelInWrappedVLines_endedByZero() {
    int[] model = new int[300];
    for (int v = 1; v <= 300; v++) {
      model[v - 1] = v % 3 == 0 ? -v : v;
    }
    SatResult r = new SatResult(SatResult.Status.SATISFIABLE, model, NO_STATS);
    String text = SatOutput.format(r);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("s SATISFIABLE");
    assertThat(text).endsWith(" 0\n");
    List<Integer> literals = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      assertThat(line).startsWith("v ").hasSizeLessThanOrEqualTo(78);
      for (String w : line.substring(2).split(" ")) {
        literals.add(Integer.parseInt(w));
      }
    }
    assertThat(lines.size()).isGreaterThan(10);
    assertThat(literals.remove(literals.size() - 1)).isZero();
    assertThat(literals).containsExactly(java.util.Arrays.stream(model).boxed().toArray(Integer[]::new));
    assertThat(SatOutput.exitCode(r)).isEqualTo(10);
  }

  @Test
  void satisfiableWithoutVariables_printsAZeroLine() {
    assertThat(SatOutput.format(new SatResult(SatResult.Status.SATISFIABLE, new int[0], NO_STATS)))
        .isEqualTo("s SATISFIABLE\nv 0\n");
  }

  @Test
  void unsatisfiableAndUnknown_printOnlyTheSLine() {
    SatResult unsat = new SatResult(SatResult.Status.UNSATISFIABLE, new int[0], NO_STATS);
    assertThat(SatOutput.format(unsat)).isEqualTo("s UNSATISFIABLE\n");
    assertThat(SatOutput.exitCode(unsat)).isEqualTo(20);
    SatResult unknown = new SatResult(SatResult.Status.UNKNOWN, new int[0], NO_STATS);
    assertThat(SatOutput.format(unknown)).isEqualTo("s UNKNOWN\n");
    assertThat(SatOutput.exitCode(unknown)).isZero();
  }
}
