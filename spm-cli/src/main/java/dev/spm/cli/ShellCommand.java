package dev.spm.cli;

import dev.spm.Session;
import dev.spm.internal.hub.ManageProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jshell.JShell;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spm shell}: the seed's interactive session. A JShell whose snippets run in this JVM, the
 * hub ({@link ShellExecution}), with spm's API imported and spm's class path (the examples
 * included) to compile against. Functions written in the shell run on spokes: their classes are
 * shipped there.
 *
 * <p>On a terminal it is JShell's own interactive tool. With a SCRIPT, or lines on a pipe, it
 * runs them with {@link ShellScript} and stops at the first failed snippet (status 1).
 * Progress lines of each {@code manage} ({@link ProgressLines}) go to stderr when it is a
 * terminal, or with {@code --progress}; never to stdout. Whatever happens, the session the
 * snippets left open is closed on the way out, so no agent or spoke outlives the command.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"A JShell session with spm's API imported (dev.spm.*) and the examples on the class path. "
        + "Snippets run in this JVM (the hub); the classes they define are shipped to the spokes.",
        "With SCRIPT, or lines on a pipe, runs them and exits: status 1 at the first failed snippet, named on stderr."})
final class ShellCommand implements Callable<Integer> {
  /** What every spm shell imports, beyond JShell's default imports. */
  static final List<String> IMPORTS = List.of("import dev.spm.*;", "import java.time.Duration;");
  /** JShell's default imports (its DEFAULT startup), for scripts, which do not run the tool. */
  private static final List<String> JSHELL_DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*",
      "java.nio.file.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*",
      "java.util.regex.*", "java.util.stream.*");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT",
      description = "A script of snippets (.jsh) to run; - for stdin.")
  String script;

  @Option(names = "--progress", description = "Print the progress of each manage on stderr even when it is not a terminal.")
  boolean progress;

  @Override
  public Integer call() throws Exception {
    BufferedReader in = null;
    if (script != null && !script.equals("-")) {
      try {
        in = Files.newBufferedReader(Path.of(script), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read script " + script + ": no such file");
      } catch (IOException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read script " + script + ": " + e);
      }
    }
    if (progress || Terminals.isTerminal(Terminals.STDERR)) {
      ManageProgress.listen(new ProgressLines(System.err));
    }
    try {
      if (in == null && script == null && Terminals.isTerminal(Terminals.STDIN)) {
        return interactive();
      }
      if (in == null) {
        in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      }
      try (BufferedReader reader = in; JShell shell = newShell()) {
        return new ShellScript(shell, script == null || script.equals("-") ? "<stdin>" : script, System.err).run(reader);
      }
    } finally {
      ManageProgress.listen(null);
      System.out.flush();
      Session.current().ifPresent(Session::close);
    }
  }

  /** A JShell for scripts: local execution with shipped classes, spm's class path and imports. */
  static JShell newShell() {
    JShell shell = JShell.builder()
        .executionEngine(new ShellExecution(), Map.of())
        .compilerOptions("--class-path", System.getProperty("java.class.path"))
        .build();
    for (String packageName : JSHELL_DEFAULT_IMPORTS) {
      shell.eval("import " + packageName + ";");
    }
    IMPORTS.forEach(shell::eval);
    return shell;
  }

  /** JShell's interactive tool, running snippets through {@link ShellExecution}. */
  private static int interactive() throws Exception {
    Path startup = Files.createTempFile("spm-shell-", ".jsh");
    try {
      Files.write(startup, IMPORTS);
      return JavaShellToolBuilder.builder().start("--execution", ShellExecution.NAME,
          "--class-path", System.getProperty("java.class.path"), "--startup", "DEFAULT", "--startup",
          startup.toString());
    } finally {
      Files.deleteIfExists(startup);
    }
  }
}
