package dev.spm.cli;

import dev.spm.SpmException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spm} command. Only {@link #main} exits the JVM; everything else returns an exit
 * status from {@link ExitCodes}.
 */
@Command(name = "spm", mixinStandardHelpOptions = true, version = "spm 0.1.0",
    description = "Parallelism as the management of serial tasks.",
    subcommands = {RunCommand.class, DemoCommand.class, ShellCommand.class, BenchCommand.class, AgentCommand.class})
public final class SpmCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is missing: run, demo, shell or bench");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line: bad input gives one line on stderr and exit status 255; an
   * error while running gives one line naming it, never a stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SpmCommand());
    cl.setExpandAtFiles(false);
    cl.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("spm: " + firstLine(e.getMessage()));
      err.flush();
      return ExitCodes.BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof SpmException || e instanceof IllegalArgumentException) {
        err.println("spm: " + firstLine(e.getMessage()));
      } else {
        err.println("spm: " + e);
      }
      err.flush();
      return ExitCodes.BAD_INPUT;
    });
    // Everything after the command's first word belongs to the command: `spm run ls -l ::: x`.
    cl.getSubcommands().get("run").setStopAtPositional(true);
    cl.getSubcommands().get("demo").getSubcommands().get("launcher").setStopAtPositional(true);
    return cl;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
