package dev.spm.cli;

import dev.spm.Session;
import dev.spm.examples.primes.PrimesDemo;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spm demo primes}: the seed's Appendix A. */
@Command(name = "primes", mixinStandardHelpOptions = true,
    description = "Counts the primes p with FROM <= p < TO by trial division, in buckets of equal cost.")
final class PrimesCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", required = true, description = "Lowest n (inclusive).")
  long from;

  @Option(names = "--to", required = true, description = "Highest n (exclusive).")
  long to;

  @Option(names = "--buckets", defaultValue = "10", description = "Number of tasks (default: ${DEFAULT-VALUE}).")
  int buckets;

  @CommandLine.Mixin
  CloudOption cloud;

  @CommandLine.Mixin
  PoolOption pool;

  @Override
  @SuppressWarnings("try") // the session is held open for the run and closed after it
  public Integer call() {
    if (buckets < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--buckets must be positive, but was " + buckets);
    }
    if (from > to) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " is above --to " + to);
    }
    PrintStream out = System.out;
    PrimesDemo.Result result;
    try (Session session = Clouds.openFor(pool.pool, cloud.cloud)) {
      result = PrimesDemo.run(pool.pool, from, to, buckets);
    }
    result.problems().forEach(p -> System.err.println("spm: " + p));
    out.println(result.line());
    out.flush();
    return result.exitCode() == 0 ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
  }
}
