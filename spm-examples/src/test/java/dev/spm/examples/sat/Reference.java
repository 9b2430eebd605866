package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/** The reference answers: minisat's, or brute force for tiny formulas. */
final class Reference {
  private Reference() {}

  /**
   * Skips the test if minisat is missing, naming the Debian package; fails instead when
   * {@code CI=true}, where a missing tool is a broken build machine.
   */
  static void requireMinisat() {
    if (!Minisat.isInstalled()) {
      String message = "'" + Minisat.DEFAULT + "' is missing; install the Debian package 'minisat'";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  /** Minisat's answer on the formula, which is written to a file in {@code dir}. */
  static SatResult.Status minisat(Cnf cnf, Path dir) throws IOException, InterruptedException {
    Path file = Files.createTempFile(dir, "f", ".cnf");
    Dimacs.write(cnf, file);
    Minisat.Outcome outcome = Minisat.solve(file, cnf.numVars(), Duration.ofSeconds(60));
    assertThat(outcome.status()).as("minisat within 60 s").isNotEqualTo(SatResult.Status.UNKNOWN);
    if (outcome.status() == SatResult.Status.SATISFIABLE) {
      assertThat(cnf.isSatisfiedBy(outcome.model())).as("minisat's model").isTrue();
    }
    return outcome.status();
  }

  /** Whether some assignment satisfies the formula, by trying all of them (up to 20 variables). */
  static boolean bruteForceSatisfiable(Cnf cnf) {
    int n = cnf.numVars();
    if (n > 20) {
      throw new IllegalArgumentException("too many variables for brute force: " + n);
    }
    int[] model = new int[n];
    for (int bits = 0; bits < 1 << n; bits++) {
      for (int v = 1; v <= n; v++) {
        model[v - 1] = (bits >> (v - 1) & 1) != 0 ? v : -v;
      }
      if (cnf.isSatisfiedBy(model)) {
        return true;
      }
    }
    return false;
  }

  /** Solves with one solver alone and checks its model, if it has one. */
  static SatResult solve(Cnf cnf, Config config) {
    SatResult r = new CdclSolver(cnf, config, ClauseExchange.none()).solve();
    assertThat(r.status()).isNotEqualTo(SatResult.Status.UNKNOWN);
    if (r.status() == SatResult.Status.SATISFIABLE) {
      assertThat(cnf.firstFalsifiedClause(r.model())).as("first clause the model falsifies").isEqualTo(-1);
    }
    return r;
  }
}
