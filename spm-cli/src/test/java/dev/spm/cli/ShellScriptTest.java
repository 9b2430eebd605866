package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.Session;
import dev.spm.internal.proc.ProcessTrees;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import jdk.jshell.JShell;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripts of snippets, run in this JVM as {@code spm shell FILE.jsh} runs them. Snippets report
 * to {@link ShellProbe#SEEN}, which they reach on the class path, so that no test reads stdout.
 */
class ShellScriptTest {
  private static final List<Object> SEEN = ShellProbe.SEEN;

  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private JShell shell;

  @BeforeEach
  void startShell() {
    SEEN.clear();
    shell = ShellCommand.newShell();
  }

  @AfterEach
  void closeShell() {
    shell.close();
    Session.current().ifPresent(Session::close);
  }

  private int run(String script) throws Exception {
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    return new ShellScript(shell, "test.jsh", err).run(new BufferedReader(new StringReader(script)));
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void snippetsRunInOrder_acrossLines_andALeadingDotContinuesAStatement() throws Exception {
    int status = run("""
        /* a comment */ int a = 2; int b = 3;
        long sum(long x,
                 long y) {
          return x + y;
        }
        var words = Stream.of("x", "yy", "zzz")
            .filter(w -> w.length() > 1)
            .toList();

        dev.spm.cli.ShellProbe.SEEN.add(sum(a, b));
        dev.spm.cli.ShellProbe.SEEN.add(words)
        """);
    assertThat(status).as(err()).isZero();
    assertThat(SEEN).containsExactly(5L, List.of("yy", "zzz"));
  }

  @Test
  void aSnippetThatThrows_stopsTheScript_naming_itsLine_andTheFrames() throws Exception {
    int status = run("""
        dev.spm.cli.ShellProbe.SEEN.add("before");
        void fail(String why) {
          throw new IllegalStateException(why);
        }

        fail("on purpose");
        dev.spm.cli.ShellProbe.SEEN.add("after");
        """);
    assertThat(status).isEqualTo(ExitCodes.SNIPPET_FAILED);
    assertThat(SEEN).containsExactly("before");
    assertThat(err()).startsWith("spm shell: test.jsh:6: the snippet threw java.lang.IllegalStateException: on purpose\n")
        .contains("at fail(test.jsh:3)").contains("at snippet(test.jsh:6)");
  }

  @Test
  void aCompileError_stopsTheScript_namingItsLine() throws Exception {
    int status = run("""
        int a = 1;
        String s = "x" +
            undefinedName;
        dev.spm.cli.ShellProbe.SEEN.add("after");
        """);
    assertThat(status).isEqualTo(ExitCodes.SNIPPET_FAILED);
    assertThat(SEEN).isEmpty();
    assertThat(err()).startsWith("spm shell: test.jsh:3: error: cannot find symbol").contains("undefinedName");
  }

  @Test
  void exitWithAStatus_endsTheScript_andOtherCommandsAreRefused() throws Exception {
    assertThat(run("dev.spm.cli.ShellProbe.SEEN.add(1);\n/exit 3\nSEEN.add(2);\n")).isEqualTo(3);
    assertThat(SEEN).containsExactly(1);
    assertThat(run("/list\n")).isEqualTo(ExitCodes.SNIPPET_FAILED);
    assertThat(err()).contains("test.jsh:1: the command /list is not supported in a script");
  }

  @Test
  void aFunctionDefinedInTheShell_runsOnSpokes_withAValueClassDefinedThere() throws Exception {
    int status = run("""
        record Span(long from, long to) {}
        long cubes(Span s) {
          long total = 0;
          for (long i = s.from(); i < s.to(); i++) total += i * i * i;
          return total;
        }
        Session.open("local:1x2");
        var m = ListManager.<Long>declare("shell-cubes", r -> {
          dev.spm.cli.ShellProbe.SEEN.add(r.value());
          dev.spm.cli.ShellProbe.SEEN.add(r.origin().pid());
        });
        for (long i = 0; i < 4; i++) m.submit(Task.of("c" + i, (Span s) -> cubes(s), new Span(i * 10, i * 10 + 10)));
        m.manage(Pools.intraAll(), ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());
        dev.spm.cli.ShellProbe.SEEN.add(Session.current().orElseThrow().id());
        """);
    assertThat(status).as(err()).isZero();
    String sessionId = (String) SEEN.getLast();
    long total = 0;
    for (int i = 0; i < 8; i += 2) {
      total += (Long) SEEN.get(i);
      assertThat((Long) SEEN.get(i + 1)).as("pid of the spoke that ran it").isNotEqualTo(ProcessHandle.current().pid());
    }
    assertThat(total).isEqualTo(((39L * 40) / 2) * ((39L * 40) / 2)); // 0^3 + ... + 39^3
    Session.current().orElseThrow().close();
    Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> ProcessTrees.findByEnv(ProcessTrees.SESSION_ENV, sessionId).isEmpty());
  }
}
