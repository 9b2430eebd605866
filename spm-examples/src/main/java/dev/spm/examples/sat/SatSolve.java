package dev.spm.examples.sat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Solves one file in this JVM, with one solver or an in-process portfolio:
 * {@code SatSolve FILE.cnf [--member I] [--threads N]}. {@code --member} picks the configuration
 * ({@link Config#portfolio(int)}, default 0) of the lone solver; {@code --threads N} runs a
 * {@link LocalPortfolio} of members 0..N-1 instead. Prints the statistics as {@code c} lines, then
 * the answer in SAT-competition form; exits 10 or 20, or 1 with a message on stderr when the file
 * cannot be read or the arguments are wrong.
 */
public final class SatSolve {
  private SatSolve() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    System.exit(run(args));
  }

  static int run(String[] args) throws IOException, InterruptedException {
    int member = 0;
    int threads = 0;
    Path file = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--member" -> member = Integer.parseInt(args[++i]);
          case "--threads" -> threads = Integer.parseInt(args[++i]);
          default -> file = Path.of(args[i]);
        }
      }
    } catch (RuntimeException e) {
      file = null;
    }
    if (file == null) {
      System.err.println("usage: SatSolve FILE.cnf [--member I] [--threads N]");
      return 1;
    }
    long start = System.nanoTime();
    Cnf cnf;
    try {
      cnf = Dimacs.read(file);
    } catch (DimacsError e) {
      System.err.println(e.getMessage());
      return 1;
    }
    long parsed = System.nanoTime();
    SatResult result;
    if (threads > 0) {
      LocalPortfolio.Outcome o = LocalPortfolio.of(cnf, threads).solve();
      result = o.result();
      System.out.printf(Locale.ROOT, "c winner=%d shared_clauses=%d shared_bytes=%d%n", o.winner(), o.sharedClauses(),
          o.sharedBytes());
    } else {
      result = new CdclSolver(cnf, Config.portfolio(member), ClauseExchange.none()).solve();
    }
    double solveSeconds = (System.nanoTime() - parsed) / 1e9;
    SatResult.Stats s = result.stats();
    System.out.printf(Locale.ROOT, "c parse_s=%.3f solve_s=%.3f conflicts=%d decisions=%d propagations=%d restarts=%d%n",
        (parsed - start) / 1e9, solveSeconds, s.conflicts(), s.decisions(), s.propagations(), s.restarts());
    System.out.print(SatOutput.format(result));
    return SatOutput.exitCode(result);
  }
}
