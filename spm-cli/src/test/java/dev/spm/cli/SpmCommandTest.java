package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad input, checked in process: one line on stderr, exit status 255, and no session opened. */
class SpmCommandTest {
  private record Outcome(int status, String err) {}

  private static Outcome execute(String... args) {
    CommandLine cl = SpmCommand.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int status = cl.execute(args);
    return new Outcome(status, err.toString());
  }

  @Test
  void unknownFlag_isOneLine_status255() {
    Outcome o = execute("run", "--bogus", "echo", ":::", "a");
    assertThat(o.status()).isEqualTo(255);
    assertThat(o.err()).isEqualTo("spm: Unknown option: '--bogus'" + System.lineSeparator());
  }

  @Test
  void badDuration_namesTheValue() {
    Outcome o = execute("run", "--timeout", "2x", "echo", ":::", "a");
    assertThat(o.status()).isEqualTo(255);
    assertThat(o.err()).contains("'2x'").hasLineCount(1);
  }

  @Test
  void badPool_andBadCloud_nameTheValue() {
    Outcome pool = execute("run", "--pool", "nope", "echo", ":::", "a");
    assertThat(pool.status()).isEqualTo(255);
    assertThat(pool.err()).contains("'nope'").hasLineCount(1);
    Outcome cloud = execute("demo", "primes", "--from", "1", "--to", "10", "--cloud", "mars");
    assertThat(cloud.status()).isEqualTo(255);
    assertThat(cloud.err()).contains("'mars'").hasLineCount(1);
  }

  @Test
  void badJobCount_isRejected() {
    Outcome o = execute("run", "-j", "0", "echo", ":::", "a");
    assertThat(o.status()).isEqualTo(255);
    assertThat(o.err()).contains("-j").hasLineCount(1);
  }

  @Test
  void noInput_exitsZero() {
    assertThat(execute("run", "echo", ":::").status()).isZero();
  }

  @Test
  void flagsAfterTheCommand_belongToTheCommand() {
    CommandLine cl = SpmCommand.commandLine();
    CommandLine.ParseResult parsed = cl.parseArgs("run", "-j", "2", "ls", "-l", "--bogus", ":::", "x");
    RunCommand run = parsed.subcommand().commandSpec().commandLine().getCommand();
    assertThat(run.jobs).isEqualTo(2);
    assertThat(run.words).containsExactly("ls", "-l", "--bogus", ":::", "x");
  }

  @Test
  void missingSubcommand_isOneLine_status255() {
    Outcome o = execute();
    assertThat(o.status()).isEqualTo(255);
    assertThat(o.err()).hasLineCount(1);
  }

  @Test
  void benchWordcount_badUsage_isOneLine_status255() {
    for (String[] args : new String[][] {{"bench", "wordcount"}, {"bench", "wordcount", "/nonexistent/f"},
        {"bench", "wordcount", "/tmp"}, {"bench", "wordcount", "f", "--rounds", "0"},
        {"bench", "wordcount", "f", "--chunk-mb", "0"}, {"bench", "wordcount", "f", "--peer-threads", "-1"},
        {"bench", "wordcount", "f", "--bogus"}}) {
      Outcome o = execute(args);
      assertThat(o.status()).as("%s", List.of(args)).isEqualTo(255);
      assertThat(o.err()).as("%s", List.of(args)).hasLineCount(1);
    }
  }

  @Test
  void demoWordcount_badUsage_isOneLine_status255() {
    for (String[] args : new String[][] {{"demo", "wordcount"}, {"demo", "wordcount", "f", "--aggregation", "up"},
        {"demo", "wordcount", "f", "--chunk-mb", "0"}, {"demo", "wordcount", "f", "--runs", "0"},
        {"demo", "wordcount", "f", "--runs", "101"}, {"demo", "wordcount", "f", "--pool", "nope"},
        {"demo", "wordcount", "f", "--bogus"}}) {
      Outcome o = execute(args);
      assertThat(o.status()).as("%s", List.of(args)).isEqualTo(255);
      assertThat(o.err()).as("%s", List.of(args)).hasLineCount(1).startsWith("spm: ");
    }
  }

  @Test
  void demoMake_badUsage_isOneLine_status255() {
    for (String[] args : new String[][] {{"demo", "make"}, {"demo", "make", "dir", "-j", "0"},
        {"demo", "make", "dir", "-j", "two"}, {"demo", "make", "dir", "--pool", "nope"},
        {"demo", "make", "dir", "--bogus"}}) {
      Outcome o = execute(args);
      assertThat(o.status()).as("%s", List.of(args)).isEqualTo(255);
      assertThat(o.err()).as("%s", List.of(args)).hasLineCount(1).startsWith("spm: ");
    }
  }

  @Test
  void demoMake_optionsAndTargets_reachTheDemo() {
    CommandLine.ParseResult parsed = SpmCommand.commandLine().parseArgs("demo", "make", "dir", "-j4", "-k", "all",
        "clean");
    MakeCommand make = parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
    assertThat(make.dir).isEqualTo("dir");
    assertThat(make.jobs).isEqualTo(4);
    assertThat(make.keepGoing).isTrue();
    assertThat(make.targets).containsExactly("all", "clean");
  }

  @Test
  void demoHelp_isStatusZero() {
    for (String demo : List.of("wordcount", "make")) {
      CommandLine cl = SpmCommand.commandLine();
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      assertThat(cl.execute("demo", demo, "--help")).isZero();
      assertThat(out.toString()).startsWith("Usage: spm demo " + demo);
    }
  }

  /** Every description formats (picocli warns on stderr about a stray '%'); the training command is hidden. */
  @Test
  void help_formatsEveryCommand_andHidesTheTrainingRun() {
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    try {
      System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
      CommandLine cl = SpmCommand.commandLine();
      cl.setOut(new PrintWriter(out));
      assertThat(cl.execute("--help")).isZero();
    } finally {
      System.setErr(stderr);
    }
    assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString()).contains("{%}", "  run ", "  agent ").doesNotContain("train-startup");
  }
}
