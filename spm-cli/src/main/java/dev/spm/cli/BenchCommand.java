package dev.spm.cli;

import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import dev.spm.bench.ChannelRoundTrip;
import dev.spm.bench.DagThroughput;
import dev.spm.bench.GangPingPong;
import dev.spm.bench.Latency;
import dev.spm.bench.Throughput;
import dev.spm.examples.wordcount.WordCountBench;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spm bench}: end-to-end throughput and latency. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "End-to-end benchmarks.",
    subcommands = {BenchCommand.ThroughputCommand.class, BenchCommand.LatencyCommand.class,
        BenchCommand.DagCommand.class, BenchCommand.ChannelCommand.class, BenchCommand.GangCommand.class,
        BenchCommand.WordCountCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** A benchmark on a pool. */
  @FunctionalInterface
  private interface Bench<R> {
    R run(Pool pool) throws InterruptedException;
  }

  /** Runs a benchmark on intra-all, in a session of the cloud opened for it and closed after it. */
  @SuppressWarnings("try") // the session is held open for the run and closed after it
  private static <R> R onIntraAll(String cloud, Bench<R> bench) throws InterruptedException {
    Pool pool = Pools.intraAll();
    try (Session session = Clouds.openFor(pool, cloud)) {
      return bench.run(pool);
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is missing: throughput, latency, dag, channel, gang or wordcount");
  }

  @Command(name = "throughput", mixinStandardHelpOptions = true,
      description = "No-op tasks through the List manager on intra-all, beside a ThreadPoolExecutor of the same width.")
  static final class ThroughputCommand implements Callable<Integer> {
    @Option(names = "--tasks", defaultValue = "2000000", description = "Measured tasks (default: ${DEFAULT-VALUE}).")
    long tasks;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    public Integer call() throws InterruptedException {
      if (tasks < 1) {
        throw new IllegalArgumentException("--tasks must be positive, but was " + tasks);
      }
      Throughput.Result result = onIntraAll(cloud.cloud,
          pool -> Throughput.run(pool, tasks, Math.max(1, Math.min(tasks, 500_000))));
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
    public Integer call() throws InterruptedException {
      if (tasks < 1) {
        throw new IllegalArgumentException("--tasks must be positive, but was " + tasks);
      }
      Latency.Result result = onIntraAll(cloud.cloud, pool -> Latency.run(pool, tasks, Math.max(100, tasks / 10)));
      System.out.println("samples=" + result.samples());
      System.out.println(result.line());
      return ExitCodes.OK;
    }
  }

  @Command(name = "dag", mixinStandardHelpOptions = true,
      description = "No-op nodes of a random DAG through the DAG manager on intra-all: the median of 9 graphs "
          + "after 10 warm-up graphs, with the first (cold) graph's rate.")
  static final class DagCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "10000", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--dependencies", defaultValue = "4", description = "Dependencies per node (default: ${DEFAULT-VALUE}).")
    int dependencies;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    public Integer call() throws InterruptedException {
      if (nodes < 1 || dependencies < 0) {
        throw new IllegalArgumentException("--nodes must be positive and --dependencies not negative");
      }
      DagThroughput.Result result = onIntraAll(cloud.cloud, pool -> DagThroughput.run(pool, nodes, dependencies, 42));
      System.out.println(result.line());
      return ExitCodes.OK;
    }
  }

  @Command(name = "channel", mixinStandardHelpOptions = true,
      description = "Round trip of a hub channel's ask, timed by a task on a spoke.")
  static final class ChannelCommand implements Callable<Integer> {
    @Option(names = "--asks", defaultValue = "20000", description = "Measured asks (default: ${DEFAULT-VALUE}).")
    int asks;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    public Integer call() throws InterruptedException {
      if (asks < 1) {
        throw new IllegalArgumentException("--asks must be positive, but was " + asks);
      }
      ChannelRoundTrip.Result result = onIntraAll(cloud.cloud,
          pool -> ChannelRoundTrip.run(pool, asks, Math.max(1000, asks / 10)));
      System.out.println("samples=" + result.samples());
      System.out.println(result.line());
      return ExitCodes.OK;
    }
  }

  @Command(name = "gang", mixinStandardHelpOptions = true,
      description = "Gang messages between two spokes: one-way latency of small messages, bandwidth of large ones.")
  static final class GangCommand implements Callable<Integer> {
    @Option(names = "--pings", defaultValue = "20000", description = "Measured ping-pongs (default: ${DEFAULT-VALUE}).")
    int pings;

    @Option(names = "--messages", defaultValue = "2000", description = "Large messages (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--message-bytes", defaultValue = "1048576", description = "Bytes per large message (default: ${DEFAULT-VALUE}).")
    int messageBytes;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    public Integer call() throws InterruptedException {
      if (pings < 1 || messages < 1 || messageBytes < 1) {
        throw new IllegalArgumentException("--pings, --messages and --message-bytes must be positive");
      }
      GangPingPong.Result result = onIntraAll(cloud.cloud,
          pool -> GangPingPong.run(pool, pings, messages, messageBytes));
      System.out.println(result.line());
      return ExitCodes.OK;
    }
  }

  @Command(name = "wordcount", mixinStandardHelpOptions = true,
      description = "The word count's manage on the serial pool and on intra-all, in turns, in one process and session: "
          + "round 1 cold, the later rounds warm; beside them the peer, the same mapper on plain threads in this JVM "
          + "(one thread, then --peer-threads); prints each run and the speedups.")
  static final class WordCountCommand implements Callable<Integer> {
    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = "Text files to count.")
    List<Path> files;

    @Option(names = "--rounds", defaultValue = "6", description = "Rounds, each a manage on every pool (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--chunk-mb", defaultValue = "8", description = "Chunk size in MiB (default: ${DEFAULT-VALUE}).")
    int chunkMb;

    @Option(names = "--peer-threads", paramLabel = "N",
        description = "Threads of the peer's wide run, 0 for no peer (default: the cores of this machine).")
    Integer peerThreads;

    @CommandLine.Mixin
    CloudOption cloud;

    @Override
    public Integer call() throws java.io.IOException {
      if (rounds < 1 || rounds > 100 || chunkMb < 1 || chunkMb > 1024) {
        throw new IllegalArgumentException("--rounds takes 1 to 100 and --chunk-mb 1 to 1024, but were " + rounds
            + " and " + chunkMb);
      }
      int threads = peerThreads != null ? peerThreads : Runtime.getRuntime().availableProcessors();
      if (threads < 0 || threads > 1024) {
        throw new IllegalArgumentException("--peer-threads takes 0 to 1024, but was " + threads);
      }
      List<dev.spm.examples.wordcount.Chunk> chunks = WordCountBench.split(files, chunkMb << 20);
      Pool intraAll = Pools.intraAll();
      try (Session session = Clouds.openFor(intraAll, cloud.cloud)) {
        WordCountBench.run(chunks, List.of(Pools.serial(), intraAll), threads, rounds,
            dev.spm.MapReduceManager.Aggregation.DECENTRALIZED, System.out);
      }
      return ExitCodes.OK;
    }
  }
}
