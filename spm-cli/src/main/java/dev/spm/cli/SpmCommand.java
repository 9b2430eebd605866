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
    subcommands = {RunCommand.class, DemoCommand.class, BenchCommand.class})
public final class SpmCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is missing: run, demo or bench");
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("run")) {
      System.exit(run(java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * {@code spm run}, parsed without picocli's model when it can be (see {@link QuickArgs}), with
   * the same handling of errors as {@link #commandLine()}.
   */
  static int run(String... args) {
    RunCommand command;
    try {
      command = QuickArgs.parse(new RunCommand(), args);
    } catch (QuickArgs.Unsupported needsPicocli) {
      return configured(new CommandLine(new RunCommand()).setCommandName("spm run")).execute(args);
    } catch (IllegalArgumentException bad) {
      return failed(new PrintWriter(System.err, true), bad);
    }
    try {
      return command.call();
    } catch (Exception e) {
      return failed(new PrintWriter(System.err, true), e);
    }
  }

  /** One line on stderr naming the error; exit status 255. */
  private static int failed(PrintWriter err, Exception e) {
    if (e instanceof SpmException || e instanceof IllegalArgumentException) {
      err.println("spm: " + firstLine(e.getMessage()));
    } else {
      err.println("spm: " + e);
    }
    err.flush();
    return ExitCodes.BAD_INPUT;
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
  private static CommandLine configured(CommandLine cl) {
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
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(commandLine.getErr(), e));
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
