package dev.spm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code spm demo}: the seed's examples. */
@Command(name = "demo", description = "The seed's examples.", mixinStandardHelpOptions = true,
    subcommands = {PrimesCommand.class, LauncherCommand.class, WordCountCommand.class, MakeCommand.class,
        SatCommand.class, GraphCommands.PageRankCommand.class, GraphCommands.ComponentsCommand.class})
final class DemoCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a demo is missing: primes, launcher, wordcount or make");
  }
}
