package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of spm run that need no process: resume logs, results paths, quotes, the bar, input. */
class RunPiecesTest {
  private static Job job(long seq, String... args) {
    return new Job(seq, List.of(args), "cmd", 1);
  }

  @Test
  void resumeLog_isKeyedBySeq_andResumeFailedKeepsOnlySucceeded(@TempDir Path tmp) throws Exception {
    Path log = Files.writeString(tmp.resolve("log"), JobLog.HEADER + "\n"
        + "1\t:\t1.000\t0.001\t0\t2\t0\t0\techo a\n"
        + "3\t:\t1.000\t0.001\t0\t2\t1\t0\techo c\n"
        + "4\t:\t1.000\t0.001\t0\t0\t-1\t15\tsleep 9\n");
    ResumeLog.Done all = ResumeLog.read(log, false);
    ResumeLog.Done succeeded = ResumeLog.read(log, true);

    assertThat(List.of(1L, 2L, 3L, 4L).stream().filter(all::contains)).containsExactly(1L, 3L, 4L);
    assertThat(all.count()).isEqualTo(3);
    assertThat(List.of(1L, 2L, 3L, 4L).stream().filter(succeeded::contains)).containsExactly(1L);
    assertThat(ResumeLog.read(tmp.resolve("missing"), false).count()).isZero();
  }

  @Test
  void resumeLog_aRowThatIsNotARow_isRejectedAsGnuParallelDoes(@TempDir Path tmp) throws Exception {
    Path log = Files.writeString(tmp.resolve("log"), JobLog.HEADER + "\nnonsense\n");

    assertThatThrownBy(() -> ResumeLog.read(log, false)).hasMessage("Format of '" + log + "' is wrong: nonsense");
  }

  @Test
  void results_layoutEscapesEachArgument_andTemplatesNameFilesOrDirectories() {
    Results plain = new Results("res", 2);
    assertThat(plain.of(job(2, "a/b", "t\tu\\")).stdout()).isEqualTo(Path.of("res/1/a\\_b/2/t\\tu\\\\/stdout"));
    assertThat(plain.of(job(2, "x", "")).seq()).isEqualTo(Path.of("res/1/x/2/seq"));

    Results file = new Results("out_{}", 1);
    assertThat(file.of(job(1, "a")).stderr()).isEqualTo(Path.of("out_a.err"));
    Results dir = new Results("d_{#}/", 1);
    assertThat(dir.of(job(7, "a")).stdout()).isEqualTo(Path.of("d_7/stdout"));
  }

  @Test
  void shellSyntax_findsTheFirstOpenQuote() {
    assertThat(ShellSyntax.unbalancedQuote("echo 'a b' \"c\" `d` \\' x")).isNull();
    assertThat(ShellSyntax.unbalancedQuote("echo \"it's\"")).isNull();
    assertThat(ShellSyntax.unbalancedQuote("echo 'a")).contains("single quote").contains("character 6");
    assertThat(ShellSyntax.unbalancedQuote("echo \"a \\\" b")).contains("double quote");
    assertThat(ShellSyntax.unbalancedQuote("echo `date")).contains("backquote");
  }

  @Test
  void progressLine_showsShareAndEta_whenTheTotalIsKnown() {
    assertThat(ProgressBar.line(5, 2, 1, 20, 1_000_000_000L))
        .isEqualTo("[#######.......................]  25% 5/20 eta 3s, 2 running, 1 failed");
    assertThat(ProgressBar.line(5, 2, 0, -1, 0)).isEqualTo("5 done, 2 running");
  }

  @Test
  void jobEnd_exitvalAndSignal_asGnuParallelLogsThem() {
    Job j = job(1, "a");
    assertThat(new JobEnd(j, 0, 0, 143, 15, true, JobOutput.NONE, JobOutput.NONE).exitval()).isEqualTo(-1);
    assertThat(new JobEnd(j, 0, 0, 7, -1, true, JobOutput.NONE, JobOutput.NONE).exitval()).isEqualTo(7);
    assertThat(new JobEnd(j, 0, 0, 143, 15, false, JobOutput.NONE, JobOutput.NONE).exitval()).isZero();
    assertThat(new JobEnd(j, 0, 0, 143, -1, false, JobOutput.NONE, JobOutput.NONE).failed()).isTrue();
  }

  @Test
  void tuples_readTheFirstSourceLazily_andRepeatTheOthers() {
    long[] served = {0};
    InputStream endless = new InputStream() { // "0\n1\n2\n..." forever
      private byte[] line = new byte[0];
      private int at;
      private long n;

      @Override
      public int read() {
        if (at == line.length) {
          line = (n++ + "\n").getBytes(StandardCharsets.UTF_8);
          at = 0;
        }
        served[0]++;
        return line[at++];
      }
    };
    InputSources.Tuples t = InputSources.tuples(List.of(new InputSources.FileSource(Path.of("-")),
        new InputSources.Args(List.of("a", "b"))), endless);
    assertThat(t.knownTotal()).isEqualTo(-1);
    assertThat(List.of(t.next(), t.next(), t.next()))
        .containsExactly(List.of("0", "a"), List.of("0", "b"), List.of("1", "a"));
    assertThat(served[0]).as("bytes read from an endless stdin").isLessThan(100_000);

    InputSources.Tuples args = InputSources.tuples(List.of(new InputSources.Args(List.of("x", "y")),
        new InputSources.Args(List.of("1", "2", "3"))), endless);
    assertThat(args.knownTotal()).isEqualTo(6);
  }
}
