package dev.spm.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs a script of JShell snippets ({@code spm shell FILE.jsh}, or lines on a pipe) snippet by
 * snippet, as they are read, and stops at the first one that fails: a compile error, or an
 * exception it throws. The failure goes to {@code err} as {@code spm shell: FILE:LINE: ...} with
 * the compiler's message or the exception and its frames (lines of this script where the frame
 * is in a snippet), and the status is {@link ExitCodes#SNIPPET_FAILED}.
 *
 * <p>As in JShell, a line that completes a statement ends it, with one exception that scripts
 * need: a line starting with a dot continues the statement before it ({@code .filter(...)}).
 *
 * <p>Snippets print what they print; values of expressions are not echoed, as in a script. Of
 * JShell's commands, only {@code /exit [N]} is understood (it ends the script with status N); any
 * other is a failure, named.
 *
 * <p>Not thread-safe: one script at a time on one JShell.
 */
final class ShellScript {
  /** A JShell command at the start of a snippet: a slash and a letter, unlike a comment. */
  private static final Pattern COMMAND = Pattern.compile("\\s*/([a-z!?-][^\\s]*)\\s*(.*)");
  private static final Pattern SNIPPET_FRAME = Pattern.compile("#(\\d+)");

  private final JShell shell;
  private final String name;
  private final PrintStream err;
  /** The script line where each snippet (by JShell's id) starts, to name lines in stack frames. */
  private final Map<String, Integer> firstLines = new HashMap<>();
  /** Source read but not yet evaluated, and the script line where it starts. */
  private final StringBuilder pending = new StringBuilder();
  private int pendingLine = 1;
  /** Whether {@link #pending} is complete but may go on with a line starting with a dot. */
  private boolean heldBack;

  ShellScript(JShell shell, String name, PrintStream err) {
    this.shell = shell;
    this.name = name;
    this.err = err;
  }

  /**
   * Runs the script to its end, its {@code /exit}, or its first failure.
   *
   * @return 0, the status of {@code /exit N}, or {@link ExitCodes#SNIPPET_FAILED}
   * @throws IOException if the script cannot be read
   */
  int run(BufferedReader in) throws IOException {
    int lineNo = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNo++;
      if (heldBack && !line.stripLeading().startsWith(".") && !drain(false)) {
        return ExitCodes.SNIPPET_FAILED;
      }
      heldBack = false;
      if (pending.toString().isBlank()) {
        pending.setLength(0);
        pendingLine = lineNo;
        Matcher command = COMMAND.matcher(line);
        if (command.matches()) {
          Integer exit = command(command.group(1), command.group(2), lineNo);
          if (exit != null) {
            return exit;
          }
          continue;
        }
      }
      pending.append(line).append('\n');
      if (!drain(true)) {
        return ExitCodes.SNIPPET_FAILED;
      }
    }
    if (!drain(false)) {
      return ExitCodes.SNIPPET_FAILED;
    }
    if (!pending.toString().isBlank() && !eval(pending.toString(), pendingLine + leadingLines(pending.toString()))) {
      return ExitCodes.SNIPPET_FAILED; // incomplete at the end: the compiler says what is missing
    }
    return ExitCodes.OK;
  }

  /**
   * Evaluates the complete snippets at the start of {@code pending}, leaving what is incomplete.
   * With {@code mayHoldBack}, a snippet that is complete only with a semicolon added, at the end
   * of a line, is held back until the next line shows whether it goes on with {@code .method()}.
   *
   * @return false if a snippet failed (reported)
   */
  private boolean drain(boolean mayHoldBack) {
    while (!pending.toString().isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(pending.toString());
      SourceCodeAnalysis.Completeness completeness = info.completeness();
      if (completeness == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
          || completeness == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
        return true; // read more lines
      }
      if (mayHoldBack && completeness == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI
          && info.remaining().isBlank()) {
        heldBack = true;
        return true;
      }
      String text = pending.toString();
      String consumed = text.substring(0, text.length() - info.remaining().length());
      if (completeness != SourceCodeAnalysis.Completeness.EMPTY
          && !eval(info.source() != null ? info.source() : consumed, pendingLine + leadingLines(consumed))) {
        return false;
      }
      pendingLine += newlines(consumed);
      pending.setLength(0);
      pending.append(info.remaining());
    }
    return true;
  }

  /** Runs a command; returns the exit status if it ends the script, else null. */
  private Integer command(String command, String argument, int lineNo) {
    if (command.equals("exit")) {
      if (argument.isBlank()) {
        return ExitCodes.OK;
      }
      try {
        return Integer.parseInt(argument.strip().replaceAll(";$", ""));
      } catch (NumberFormatException e) {
        err.println("spm shell: " + name + ":" + lineNo + ": /exit takes a whole number, but was '" + argument.strip()
            + "'");
        return ExitCodes.SNIPPET_FAILED;
      }
    }
    err.println("spm shell: " + name + ":" + lineNo + ": the command /" + command
        + " is not supported in a script (only /exit [N] is)");
    return ExitCodes.SNIPPET_FAILED;
  }

  /** Evaluates one snippet starting at script line {@code line}; reports a failure and returns false. */
  private boolean eval(String source, int line) {
    List<SnippetEvent> events = shell.eval(source);
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue; // an update of another snippet caused by this one
      }
      Snippet snippet = event.snippet();
      if (snippet != null) {
        firstLines.putIfAbsent(snippet.id(), line);
      }
      if (event.status() == Snippet.Status.REJECTED) {
        reportRejected(snippet, source, line);
        return false;
      }
      if (event.exception() != null) {
        reportThrown(event.exception(), line);
        return false;
      }
    }
    return true;
  }

  private void reportRejected(Snippet snippet, String source, int line) {
    List<Diag> diagnostics = snippet == null ? List.of() : shell.diagnostics(snippet).toList();
    if (diagnostics.isEmpty()) {
      err.println("spm shell: " + name + ":" + line + ": error: this snippet was rejected:");
      err.println("    " + source.strip().lines().findFirst().orElse(""));
    }
    for (Diag d : diagnostics) {
      String where = source.substring(0, (int) Math.max(0, Math.min(d.getStartPosition(), source.length())));
      int at = line + newlines(where);
      err.println("spm shell: " + name + ":" + at + ": " + (d.isError() ? "error" : "warning") + ": "
          + d.getMessage(Locale.ROOT));
      int lineStart = where.lastIndexOf('\n') + 1;
      int lineEnd = source.indexOf('\n', lineStart);
      err.println("    " + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd));
    }
    err.flush();
  }

  private void reportThrown(JShellException thrown, int line) {
    StringBuilder text = new StringBuilder("spm shell: " + name + ":" + line + ": ");
    if (thrown instanceof UnresolvedReferenceException unresolved) {
      text.append("the snippet uses ").append(unresolved.getSnippet().source().strip().lines().findFirst().orElse(""))
          .append(", which is not fully defined: ").append(shell.unresolvedDependencies(unresolved.getSnippet()).toList());
      err.println(text);
      err.flush();
      return;
    }
    text.append("the snippet threw ");
    Throwable t = thrown;
    boolean first = true;
    while (t != null) {
      if (!first) {
        text.append("Caused by: ");
      }
      String className = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
      text.append(t.getMessage() == null ? className : className + ": " + t.getMessage()).append('\n');
      for (StackTraceElement frame : t.getStackTrace()) {
        if (frame.getClassName().startsWith("jdk.internal.reflect.") || frame.getMethodName().equals("do_it$")) {
          break; // JShell's own frames, below the snippet's code
        }
        text.append("    at ").append(frame(frame)).append('\n');
      }
      t = t.getCause();
      first = false;
    }
    err.print(text);
    err.flush();
  }

  /** A frame, with a snippet's position as a line of this script. */
  private String frame(StackTraceElement frame) {
    Matcher m = frame.getFileName() == null ? null : SNIPPET_FRAME.matcher(frame.getFileName());
    if (m != null && m.matches() && firstLines.containsKey(m.group(1)) && frame.getLineNumber() > 0) {
      String className = frame.getClassName().replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Z]*\\$?", "");
      String method = frame.getMethodName().isEmpty() ? "snippet" // JShell's name for a statement's own frame
          : className.isEmpty() ? frame.getMethodName() : className + "." + frame.getMethodName();
      return method + "(" + name + ":" + (firstLines.get(m.group(1)) + frame.getLineNumber() - 1) + ")";
    }
    return frame.toString();
  }

  private static int newlines(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Lines before the first non-blank character: where a snippet really starts. */
  private static int leadingLines(String s) {
    int n = 0;
    for (int i = 0; i < s.length() && Character.isWhitespace(s.charAt(i)); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
