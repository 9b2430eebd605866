package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SAT portfolio as a gang: its answer agrees with minisat's, every model satisfies its formula,
 * the output is in SAT-competition form with exit codes 10 and 20, and the members share clauses.
 */
class SatGangDemoTest {
  private static Session session;
  @TempDir
  static Path dir;

  @BeforeAll
  static void open() {
    session = Session.open("local:1x2");
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  static Stream<Arguments> instances() {
    List<String> specs = List.of("random3:120:4.26:1", "random3:120:4.26:2", "random3:120:4.26:3", "php:6",
        "tseitin:14:4:5:unsat", "tseitin:14:4:5:sat", "colour:40:3:4.0:2");
    return specs.stream().flatMap(spec -> Stream.of(Arguments.of(spec, Pools.intraAll()),
        Arguments.of(spec, Pools.serial())));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("instances")
  void theAnswerAgreesWithMinisat_andEveryModelSatisfiesItsFormula(String spec, Pool pool) throws Exception {
    Reference.requireMinisat();
    Cnf cnf = Instances.generate(spec);
    Path file = dir.resolve(spec.replace(':', '_') + ".cnf");
    Dimacs.write(cnf, file);

    SatGangDemo.Outcome outcome = SatGangDemo.run(file, pool, System.err);

    SatResult.Status expected = Reference.minisat(cnf, dir);
    String[] lines = outcome.output().split("\n");
    assertThat(lines[0]).isEqualTo("s " + expected);
    assertThat(outcome.exitCode()).isEqualTo(expected == SatResult.Status.SATISFIABLE ? 10 : 20);
    assertThat(outcome.summary()).startsWith("c members=" + (pool.isSerial() ? 1 : 2));
    if (expected == SatResult.Status.SATISFIABLE) {
      int[] model = Stream.of(lines).skip(1).flatMap(l -> Stream.of(l.substring(2).trim().split(" +")))
          .mapToInt(Integer::parseInt).filter(v -> v != 0).toArray();
      assertThat(model).hasSize(cnf.numVars());
      assertThat(cnf.isSatisfiedBy(model)).as("the printed model satisfies the formula").isTrue();
    }
  }

  @Test
  void membersShareClauses_onAHardEnoughFormula() throws IOException {
    Path file = dir.resolve("parity.cnf");
    Dimacs.write(Instances.generate("tseitin:22:4:3:unsat"), file);

    SatGangDemo.Outcome outcome = SatGangDemo.run(file, Pools.intraAll(), System.err);

    assertThat(outcome.exitCode()).isEqualTo(20);
    assertThat(outcome.summary()).containsPattern("shared_clauses=[1-9][0-9]* shared_bytes=[1-9]");
  }

  @Test
  void badInput_isATypedError() throws IOException {
    Path bad = dir.resolve("bad.cnf");
    Files.writeString(bad, "p cnf 2 1\n1 x 0\n");
    assertThatThrownBy(() -> SatGangDemo.run(bad, Pools.serial(), System.err)).isInstanceOf(DimacsError.class)
        .hasMessageContaining("2");
    assertThatThrownBy(() -> SatGangDemo.run(dir.resolve("missing.cnf"), Pools.serial(), System.err))
        .isInstanceOf(IOException.class);
  }
}
