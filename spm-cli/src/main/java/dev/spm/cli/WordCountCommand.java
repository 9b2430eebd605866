package dev.spm.cli;

import dev.spm.examples.wordcount.WordCountDemo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spm demo wordcount}: the seed's PartitionAggregate example. picocli checks the options;
 * {@link WordCountDemo#run} does the rest, and its status is the command's.
 */
@Command(name = "wordcount", mixinStandardHelpOptions = true,
    description = {"Counts words (maximal runs of ASCII letters and digits, lower-cased) with map-reduce; prints "
        + "word<TAB>count lines, by count (highest first), then by word.",
        "Exit status: 0, 1 if a task failed, 255 for bad input (such as a missing file)."})
final class WordCountCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to count.")
  List<String> files;

  @Option(names = "--aggregation", defaultValue = "decentralized", paramLabel = "A",
      description = "centralized (the hub aggregates) or decentralized (spokes do; default: ${DEFAULT-VALUE}).")
  String aggregation;

  @CommandLine.Mixin
  CloudOption cloud;

  @CommandLine.Mixin
  PoolOption pool;

  @Option(names = "--chunk-mb", defaultValue = "8", paramLabel = "N",
      description = "Split files into chunks of at most about N MiB, of even size, one map task each "
          + "(default: ${DEFAULT-VALUE}).")
  int chunkMb;

  @Option(names = "--runs", defaultValue = "1", paramLabel = "R",
      description = "Count R times over (1 to 100), one manager after another on the same pool and session, so "
          + "that the later runs show warm JVMs (default: ${DEFAULT-VALUE}); the counts are printed once.")
  int runs;

  @Option(names = "--timing", description = "Print the wall time of manage to stderr (of each run, with --runs).")
  boolean timing;

  @Override
  public Integer call() {
    if (!aggregation.equalsIgnoreCase("centralized") && !aggregation.equalsIgnoreCase("decentralized")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--aggregation takes centralized or decentralized, but was '" + aggregation + "'");
    }
    if (chunkMb < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--chunk-mb must be positive, but was " + chunkMb);
    }
    if (runs < 1 || runs > 100) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runs takes 1 to 100, but was " + runs);
    }
    List<String> args = new ArrayList<>(List.of("--aggregation", aggregation, "--cloud", cloud.cloud, "--pool",
        pool.pool.toString(), "--chunk-mb", Integer.toString(chunkMb), "--runs", Integer.toString(runs)));
    if (timing) {
      args.add("--timing");
    }
    args.add("--");
    args.addAll(files);
    return WordCountDemo.run(args, System.out, System.err);
  }
}
