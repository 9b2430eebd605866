package dev.spm.examples.sat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One serial solver on one file, in this JVM: {@code SatSolve FILE.cnf [--member I]}. Prints the
 * search statistics as {@code c} lines, then the answer in SAT-competition form; exits 10, 20, or
 * 1 for a file that cannot be read (the message on stderr).
 */
public final class SatSolve {
  private SatSolve() {}

  public static void main(String[] args) throws IOException {
    int member = args.length > 2 && args[1].equals("--member") ? Integer.parseInt(args[2]) : 0;
    long start = System.nanoTime();
    Cnf cnf;
    try {
      cnf = Dimacs.read(Path.of(args[0]));
    } catch (DimacsError e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    long parsed = System.nanoTime();
    SatResult result = new CdclSolver(cnf, Config.portfolio(member), ClauseExchange.none()).solve();
    double solveSeconds = (System.nanoTime() - parsed) / 1e9;
    SatResult.Stats s = result.stats();
    System.out.printf(Locale.ROOT, "c parse_s=%.3f solve_s=%.3f conflicts=%d (%.0f/s) decisions=%d propagations=%d"
        + " (%.0f/s) restarts=%d%n", (parsed - start) / 1e9, solveSeconds, s.conflicts(), s.conflicts() / solveSeconds,
        s.decisions(), s.propagations(), s.propagations() / solveSeconds, s.restarts());
    System.out.print(SatOutput.format(result));
    System.exit(SatOutput.exitCode(result));
  }
}
