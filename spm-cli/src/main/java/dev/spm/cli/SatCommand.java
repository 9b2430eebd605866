package dev.spm.cli;

import dev.spm.Session;
import dev.spm.examples.sat.DimacsError;
import dev.spm.examples.sat.SatGangDemo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code spm demo sat}: a portfolio of CDCL solvers as a gang (the seed's cmdC). */
@Command(name = "sat", mixinStandardHelpOptions = true,
    description = "Solves a DIMACS CNF with a portfolio of CDCL solvers, one per spoke, sharing short learnt clauses "
        + "spoke to spoke; the first to finish wins. Prints 's SATISFIABLE' with 'v' lines (exit 10) or "
        + "'s UNSATISFIABLE' (exit 20), after a 'c' line with the clauses shared and their bytes.")
final class SatCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A formula in DIMACS CNF.")
  Path file;

  @CommandLine.Mixin
  CloudOption cloud;

  @CommandLine.Mixin
  PoolOption pool;

  @Override
  @SuppressWarnings("try") // the session is held open for the run and closed after it
  public Integer call() {
    SatGangDemo.Outcome outcome;
    try (Session session = Clouds.openFor(pool.pool, cloud.cloud, SatGangDemo.SPOKE_JVM_OPTIONS)) {
      outcome = SatGangDemo.run(file, pool.pool, System.err);
    } catch (IOException e) {
      System.err.println("spm: cannot read " + file + ": " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    } catch (DimacsError e) {
      System.err.println("spm: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    if (!outcome.summary().isEmpty()) {
      System.out.println(outcome.summary());
    }
    System.out.print(outcome.output());
    System.out.flush();
    return outcome.exitCode();
  }
}
