package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The quick parser of spm run agrees with picocli, field by field and error by error. */
class QuickArgsTest {
  private static final List<List<String>> GOOD = List.of(
      List.of("echo", ":::", "a"),
      List.of("-j", "2", "-k", "--tag", "echo", "{}", ":::", "a"),
      List.of("-kj2", "--dry-run", "ls", "-l", "--bogus", ":::", "x"),
      List.of("-j4", "--timeout=1.5", "--termseq", "INT,100,KILL", "sleep", ":::", "1"),
      List.of("--jobs=3", "--joblog", "+log", "--resume-failed", "--retries", "2", "exit", ":::", "1"),
      List.of("--halt", "now,fail=10%", "--results", "res/{}/", "--bar", "echo", "::::", "-"),
      List.of("--cloud", "local:2x1", "--pool", "inter", "--resume", "--jl", "log", "echo"),
      List.of("--halt-on-error", "2", "--res", "r", "--tag=true", "--", "-x", ":::", "y"),
      List.of());

  private static final List<List<String>> BAD = List.of(
      List.of("--bogus", "echo", ":::", "a"),
      List.of("-q", "echo"),
      List.of("-j", "x", "echo"),
      List.of("--timeout", "1x", "echo"),
      List.of("--timeout"),
      List.of("--timeout", "1", "--timeout", "2", "echo"),
      List.of("--halt", "later,fail=1", "echo"),
      List.of("--pool", "nope", "echo"),
      List.of("--termseq", "TERM,x", "echo"));

  private static String fields(RunCommand r) {
    return String.join("|", Objects.toString(r.jobs), Objects.toString(r.timeout), Objects.toString(r.termseq),
        Boolean.toString(r.keepOrder), Boolean.toString(r.tag), Boolean.toString(r.dryRun), Objects.toString(r.joblog),
        Boolean.toString(r.resume), Boolean.toString(r.resumeFailed), Objects.toString(r.retries),
        Objects.toString(r.halt), Objects.toString(r.results), Boolean.toString(r.bar), r.words.toString(),
        r.cloud.cloud, r.pool.pool.toString());
  }

  private static RunCommand quick(List<String> args) throws QuickArgs.Unsupported {
    RunCommand r = new RunCommand();
    QuickArgs.parse(r.quickOptions(), words -> r.words = words, args.toArray(String[]::new));
    return r;
  }

  private static RunCommand picocli(List<String> args) {
    CommandLine cl = new CommandLine(new RunCommand());
    cl.setStopAtPositional(true);
    cl.parseArgs(args.toArray(String[]::new));
    return cl.getCommand();
  }

  @Test
  void goodArguments_fillTheSameFields() throws Exception {
    for (List<String> args : GOOD) {
      assertThat(fields(quick(args))).as("%s", args).isEqualTo(fields(picocli(args)));
    }
  }

  @Test
  void badArguments_getPicocllisMessage() {
    List<String> mismatches = new ArrayList<>();
    for (List<String> args : BAD) {
      String theirs = null;
      try {
        picocli(args);
      } catch (CommandLine.ParameterException e) {
        theirs = e.getMessage();
      }
      String ours = null;
      try {
        quick(args);
      } catch (IllegalArgumentException e) {
        ours = e.getMessage();
      } catch (QuickArgs.Unsupported e) {
        ours = "unsupported";
      }
      assertThat(theirs).as("picocli rejects %s", args).isNotNull();
      if (!theirs.equals(ours)) {
        mismatches.add(args + ": picocli [" + theirs + "] quick [" + ours + "]");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** The quick table repeats the annotations: names, labels, flags and defaults must agree. */
  @Test
  void theQuickTable_matchesTheAnnotations() {
    List<String> annotated = new ArrayList<>();
    for (Class<?> type : List.of(RunCommand.class, CloudOption.class, PoolOption.class)) {
      for (java.lang.reflect.Field f : type.getDeclaredFields()) {
        CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
        if (o != null) {
          boolean flag = f.getType() == boolean.class;
          String label = o.paramLabel().isEmpty() ? "<" + f.getName() + ">" : o.paramLabel();
          String def = o.defaultValue().equals("__no_default_value__") ? null : o.defaultValue();
          annotated.add(List.of(o.names()) + " " + (flag ? "flag" : label) + " default=" + def);
        }
      }
    }
    List<String> table = new RunCommand().quickOptions().stream()
        .map(o -> o.names() + " " + (o.flag() ? "flag" : o.label()) + " default=" + o.defaultValue()).toList();
    assertThat(table).containsExactlyInAnyOrderElementsOf(annotated);
  }

  @Test
  void helpAndVersion_areLeftToPicocli() {
    for (String help : List.of("--help", "-h", "--version", "-V")) {
      assertThatThrownBy(() -> quick(List.of(help))).isInstanceOf(QuickArgs.Unsupported.class);
    }
  }
}
