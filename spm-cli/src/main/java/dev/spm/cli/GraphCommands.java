package dev.spm.cli;

import dev.spm.Session;
import dev.spm.examples.graph.GraphGangDemo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spm demo pagerank} and {@code spm demo components}: graph analytics on a gang (the seed's cmdD). */
final class GraphCommands {
  private GraphCommands() {}

  /** What both commands share: the edge list, the pool and cloud, and the timing line. */
  abstract static class GraphCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "An edge list: one 'src dst' per line, integer ids, directed.")
    Path file;

    @Option(names = "--timing", description = "Print a timing line on stderr.")
    boolean timing;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", description = "Run N times in the same session "
        + "(warm spokes), with a timing line for each run; for benchmarks (default: ${DEFAULT-VALUE}).")
    int repeat;

    @CommandLine.Mixin
    CloudOption cloud;

    @CommandLine.Mixin
    PoolOption pool;

    abstract String kernel();

    int iterations() {
      return 0;
    }

    @Override
    @SuppressWarnings("try") // the session is held open for the run and closed after it
    public Integer call() {
      if (repeat < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1, but was " + repeat);
      }
      GraphGangDemo.Outcome outcome = null;
      try (Session session = Clouds.openFor(pool.pool, cloud.cloud)) {
        for (int run = 0; run < repeat && (outcome == null || outcome.exitCode() == 0); run++) {
          outcome = GraphGangDemo.run(kernel(), file, iterations(), pool.pool, System.err);
          if (timing && !outcome.timing().isEmpty()) {
            System.err.println(outcome.timing());
          }
        }
      }
      outcome.lines().forEach(System.out::println);
      System.out.flush();
      return outcome.exitCode();
    }
  }

  @Command(name = "pagerank", mixinStandardHelpOptions = true,
      description = "PageRank as networkx computes it (damping 0.85, dangling rank spread over all nodes), by a gang "
          + "whose members exchange rank contributions spoke to spoke; prints the top 10 as 'node rank'.")
  static final class PageRankCommand extends GraphCommand {
    @Option(names = "--iterations", defaultValue = "0", paramLabel = "N",
        description = "Run exactly N iterations (default: until the L1 change is below 1e-12).")
    int iterations;

    @Override
    String kernel() {
      return "pagerank";
    }

    @Override
    int iterations() {
      if (iterations < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be zero or more, but was "
            + iterations);
      }
      return iterations;
    }
  }

  @Command(name = "components", mixinStandardHelpOptions = true,
      description = "Weakly connected components, by a gang: prints their count and the sizes of the 10 largest.")
  static final class ComponentsCommand extends GraphCommand {
    @Override
    String kernel() {
      return "components";
    }
  }
}
