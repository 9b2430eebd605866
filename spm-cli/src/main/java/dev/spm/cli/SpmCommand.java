package dev.spm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spm} command, through picocli. The program's entry point is {@link Main}, which alone
 * exits the JVM (and parses {@code spm run} without picocli); everything else returns an exit
 * status from {@link ExitCodes}.
 */
@Command(name = "spm", mixinStandardHelpOptions = true, version = "spm 0.1.0",
    description = "Parallelism as the management of serial tasks.",
    subcommands = {RunCommand.class, DemoCommand.class, ShellCommand.class, BenchCommand.class, AgentCommand.class,
        TrainCommand.class})
public final class SpmCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is missing: run, demo, shell or bench");
  }

  public static void main(String[] args) {
    Main.main(args);
  }

  /**
   * The configured command line: bad input gives one line on stderr and exit status 255; an
   * error while running gives one line naming it, never a stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cl = configured(new CommandLine(new SpmCommand()));
    // Everything after the command's first word belongs to the command: `spm run ls -l ::: x`.
    cl.getSubcommands().get("run").setStopAtPositional(true);
    cl.getSubcommands().get("demo").getSubcommands().get("launcher").setStopAtPositional(true);
    return cl;
  }

  /** The handlers every spm command line shares; for {@code spm run}, the command's words stop the options. */
  static CommandLine configured(CommandLine cl) {
    cl.setExpandAtFiles(false);
    if (cl.getCommand() instanceof RunCommand) {
      cl.setStopAtPositional(true);
    }
    cl.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("spm: " + firstLine(e.getMessage()));
      err.flush();
      return ExitCodes.BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> Main.failed(commandLine.getErr(), e));
    return cl;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
