package dev.spm.cli;

import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import dev.spm.bench.Latency;
import dev.spm.bench.Throughput;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spm bench}: end-to-end throughput and latency. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "End-to-end benchmarks.",
    subcommands = {BenchCommand.ThroughputCommand.class, BenchCommand.LatencyCommand.class,
        BenchCommand.DagCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is missing: throughput, latency or dag");
  }

  @Command(name = "throughput", mixinStandardHelpOptions = true,
      description = "No-op tasks through the List manager on intra-all, beside a ThreadPoolExecutor of the same width.")
  static final class ThroughputCommand implements Callable<Integer> {
    @Option(names = "--tasks", defaultValue = "2000000", description = "Measured tasks (default: ${DEFAULT-VALUE}).")
    long tasks;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    @SuppressWarnings("try") // the session is held open for the run and closed after it
    public Integer call() throws InterruptedException {
      if (tasks < 1) {
        throw new IllegalArgumentException("--tasks must be positive, but was " + tasks);
      }
      Pool pool = Pools.intraAll();
      Throughput.Result result;
      try (Session session = Clouds.openFor(pool, cloud.cloud)) {
        result = Throughput.run(pool, tasks, Math.max(1, Math.min(tasks, 500_000)));
      }
      System.out.println("tasks=" + result.tasks() + " width=" + result.width());
      System.out.println(result.line());
      return ExitCodes.OK;
    }
  }

  @Command(name = "latency", mixinStandardHelpOptions = true,
      description = "Round trip of one task at a time: the status handler submits the next when a report arrives.")
  static final class LatencyCommand implements Callable<Integer> {
    @Option(names = "--tasks", defaultValue = "20000", description = "Measured round trips (default: ${DEFAULT-VALUE}).")
    int tasks;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    @SuppressWarnings("try") // the session is held open for the run and closed after it
    public Integer call() {
      if (tasks < 1) {
        throw new IllegalArgumentException("--tasks must be positive, but was " + tasks);
      }
      Pool pool = Pools.intraAll();
      Latency.Result result;
      try (Session session = Clouds.openFor(pool, cloud.cloud)) {
        result = Latency.run(pool, tasks, Math.max(100, tasks / 10));
      }
      System.out.println("samples=" + result.samples());
      System.out.println(result.line());
      return ExitCodes.OK;
    }
  }

  @Command(name = "dag", mixinStandardHelpOptions = true,
      description = "No-op nodes of a random DAG through the DAG manager on intra-all.")
  static final class DagCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "10000", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--dependencies", defaultValue = "4", description = "Dependencies per node (default: ${DEFAULT-VALUE}).")
    int dependencies;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    @SuppressWarnings("try") // the session is held open for the run and closed after it
    public Integer call() {
      if (nodes < 1 || dependencies < 0) {
        throw new IllegalArgumentException("--nodes must be positive and --dependencies not negative");
      }
      Pool pool = Pools.intraAll();
      dev.spm.bench.DagThroughput.Result result;
      try (Session session = Clouds.openFor(pool, cloud.cloud)) {
        result = dev.spm.bench.DagThroughput.run(pool, nodes, dependencies, 42);
      }
      System.out.println(result.line());
      return ExitCodes.OK;
    }
  }
}
