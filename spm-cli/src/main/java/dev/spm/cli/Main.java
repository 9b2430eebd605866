package dev.spm.cli;

import dev.spm.SpmException;
import dev.spm.internal.proc.ProcessTrees;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code spm} program's entry point. {@code spm run} is parsed by {@link QuickArgs} and run
 * without loading picocli, whose classes cost more start-up than a short run (they cannot go in
 * the JVM's start-up cache); every other command, and {@code spm run --help}, goes through
 * picocli ({@link SpmCommand}). Only {@link #main} exits the JVM.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("run")) {
      System.exit(run(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(SpmCommand.commandLine().execute(args));
  }

  /** {@code spm run ARGS}: its exit status; errors as one line on stderr and 255, as through picocli. */
  static int run(String... args) {
    // FFM's first use costs tens of milliseconds: on the other core, while the arguments are read.
    Thread.ofPlatform().daemon().name("spm-native-init").start(ProcessTrees::prepareNativeCalls);
    RunCommand command = new RunCommand();
    try {
      QuickArgs.parse(command.quickOptions(), words -> command.words = words, args);
    } catch (QuickArgs.Unsupported needsPicocli) {
      return viaPicocli(args);
    } catch (IllegalArgumentException bad) {
      return failed(new PrintWriter(System.err, true), bad);
    }
    try {
      return command.call();
    } catch (Exception e) {
      return failed(new PrintWriter(System.err, true), e);
    }
  }

  private static int viaPicocli(String[] args) {
    return SpmCommand.configured(new CommandLine(new RunCommand()).setCommandName("spm run")).execute(args);
  }

  /** One line on stderr naming the error; exit status 255. */
  static int failed(PrintWriter err, Exception e) {
    if (e instanceof SpmException || e instanceof IllegalArgumentException) {
      err.println("spm: " + SpmCommand.firstLine(e.getMessage()));
    } else {
      err.println("spm: " + e);
    }
    err.flush();
    return ExitCodes.BAD_INPUT;
  }
}
