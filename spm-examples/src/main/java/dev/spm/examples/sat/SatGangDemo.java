package dev.spm.examples.sat;

import dev.spm.Gang;
import dev.spm.GangManager;
import dev.spm.HubChannel;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.Report;
import dev.spm.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code spm demo sat} (the seed's cmdC): a portfolio of CDCL solvers as a {@link GangManager}.
 * Each member solves the same formula with its own configuration ({@link Config#portfolio}), and
 * they share short learnt clauses spoke to spoke at their restarts. The first member to finish
 * declares the gang's result; the others are stopped. The hub checks every model against the
 * formula before printing it.
 */
public final class SatGangDemo {
  private static final AtomicInteger RUNS = new AtomicInteger();

  /**
   * The JVM options of the spokes of a session opened for this demo: the quick compiler alone.
   * Two solvers in two JVMs on two cores each compile the solver with C2 as well, on the cores
   * they solve on. Measured, two solver JVMs side by side: pigeonhole 9 took 1.85 s with C2 and
   * 0.95 s with C1 alone (0.94 s alone on the machine); a random 300-variable UNSAT took 10.9 s
   * and 8.7 s. C2's code would pay only on much longer runs.
   */
  public static final List<String> SPOKE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private SatGangDemo() {}

  /** What the first member to finish declares. */
  public record Declared(int rank, SatResult result, long shippedClauses) {}

  /** The demo's outcome: its output, its exit status (10, 20, or 0 for unknown), and a summary line. */
  public record Outcome(String output, int exitCode, String summary) {}

  /** A member: solves with the configuration of its rank, sharing clauses with the rest of the gang, if any. */
  public static Declared member(Cnf cnf, HubChannel<GangClauseExchange.Shipped, Void> tally) {
    Gang gang = Gang.current();
    // A gang of one has nobody to share with, and needs no peer connections.
    GangClauseExchange exchange = gang.size() > 1 ? new GangClauseExchange(gang, tally) : null;
    SatResult result = new CdclSolver(cnf, Config.portfolio(gang.rank()),
        exchange != null ? exchange : ClauseExchange.none()).solve();
    Declared declared = new Declared(gang.rank(), result, exchange != null ? exchange.shippedClauses() : 0);
    if (result.status() != SatResult.Status.UNKNOWN) {
      gang.declareResult(declared);
    }
    return declared;
  }

  /**
   * Solves FILE on the pool (which needs an open session unless it is serial).
   *
   * @throws IOException if FILE cannot be read
   * @throws DimacsError if FILE is not DIMACS CNF
   */
  public static Outcome run(Path file, Pool pool, PrintStream err) throws IOException {
    Cnf cnf = Dimacs.read(file);
    int run = RUNS.incrementAndGet();
    long[] shared = new long[2];
    HubChannel<GangClauseExchange.Shipped, Void> tally = HubChannel.declare("sat::shared#" + run, (s, from) -> {
      shared[0] += s.clauses();
      shared[1] += s.bytes();
      return null;
    });
    int[] members = {0};
    GangManager<Declared> gang = GangManager.declare("sat::portfolio#" + run, (Report<Declared> report) -> members[0]++,
        tally);
    long start = System.nanoTime();
    gang.manage(Task.of("solver", SatGangDemo::member, cnf, tally), pool,
        ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());
    double seconds = (System.nanoTime() - start) / 1e9;
    Declared declared = gang.result().orElse(null);
    if (declared == null) {
      err.println("spm: no member of the portfolio found an answer");
      return new Outcome("s UNKNOWN\n", SatOutput.EXIT_UNKNOWN, "");
    }
    SatResult result = declared.result();
    if (result.status() == SatResult.Status.SATISFIABLE && !cnf.isSatisfiedBy(result.model())) {
      err.println("spm: member " + declared.rank() + " gave a model that falsifies clause "
          + (cnf.firstFalsifiedClause(result.model()) + 1) + "; not printing it");
      return new Outcome("s UNKNOWN\n", SatOutput.EXIT_UNKNOWN, "");
    }
    String summary = String.format(Locale.ROOT, "c members=%d winner=%d seconds=%.3f shared_clauses=%d shared_bytes=%d"
        + " conflicts=%d", members[0], declared.rank(), seconds, shared[0], shared[1], result.stats().conflicts());
    return new Outcome(SatOutput.format(result), SatOutput.exitCode(result), summary);
  }
}
