package dev.spm.cli;

import dev.spm.examples.make.MakeDemo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spm demo make}: a parallel make on the DAG manager. picocli checks the options (bad usage
 * is status 255, as everywhere in {@code spm}); {@link MakeDemo#run} does the rest, and its status
 * is the command's: 2 for a failed build or a bad Makefile, as make's.
 */
@Command(name = "make", mixinStandardHelpOptions = true,
    description = {"Builds targets of DIR/Makefile (a common subset of make) in parallel, each recipe line a "
        + "coprocess task; never runs make itself.",
        "Exit status: 0, 2 if the build failed or the Makefile is bad, 255 for bad usage."})
final class MakeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The directory holding the Makefile.")
  String dir;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "TARGET",
      description = "Targets to build (default: the Makefile's first).")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "Run at most N recipe lines at once, on a cloud of N slots unless --cloud is given.")
  Integer jobs;

  @Option(names = {"-k", "--keep-going"}, description = "Keep going with what does not depend on a failure.")
  boolean keepGoing;

  @Option(names = "--cloud", converter = Converters.CloudConverter.class,
      description = "local or local:SxN (default: local, or local:1xN with -j N).")
  String cloud;

  @CommandLine.Mixin
  PoolOption pool;

  @Override
  public Integer call() {
    if (jobs != null && jobs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "-j takes a positive number, but was " + jobs);
    }
    for (String target : targets) {
      if (target.startsWith("-")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown option '" + target + "'");
      }
    }
    List<String> args = new ArrayList<>(List.of(dir, "--pool", pool.pool.toString()));
    if (jobs != null) {
      args.addAll(List.of("-j", jobs.toString()));
    }
    if (keepGoing) {
      args.add("-k");
    }
    if (cloud != null) {
      args.addAll(List.of("--cloud", cloud));
    }
    args.addAll(targets);
    return MakeDemo.run(args, System.out, System.err);
  }
}
