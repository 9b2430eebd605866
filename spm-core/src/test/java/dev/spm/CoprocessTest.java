package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spm.internal.proc.ProcInfo;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.testing.ProcessLeaks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.apache.fory.logging.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs real programs. Each test marks its programs with an environment entry of its own
 * ({@link #MARK}), which every descendant inherits like {@code SPM_TAG}, and checks after the
 * run that no process carries it or the program's tag.
 */
class CoprocessTest {
  private static final String MARK = "SPM_COPROCESS_TEST";
  private static final Duration LEAK_BOUND = Duration.ofSeconds(5);
  private final String mark = UUID.randomUUID().toString();
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  @AfterEach
  void noProcessLeft() throws InterruptedException {
    runner.shutdownNow();
    assertThat(runner.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    System.clearProperty("spm.proc.forceFallback");
    ProcessLeaks.assertNoneLeft(MARK, mark, LEAK_BOUND);
  }

  private Coprocess marked(Coprocess coprocess) {
    return coprocess.env(Map.of(MARK, mark));
  }

  @Test
  void shell_capturesStdoutStderrAndExitCode() {
    CoprocessResult result = Coprocess.run(marked(Coprocess.shell("echo out; echo err >&2; exit 3")));

    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.signal()).isEmpty();
    assertThat(result.timedOut()).isFalse();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.wallTime()).isPositive();
  }

  @Test
  void argv_passesArgumentsWithoutShell() {
    CoprocessResult result = Coprocess.run(marked(Coprocess.argv("echo", "a  b", "$HOME")));

    assertThat(result.stdout()).isEqualTo("a  b $HOME\n");
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void stdin_isFedThenEndOfFile() {
    assertThat(Coprocess.run(marked(Coprocess.argv("cat").stdin("hello\nworld"))).stdout())
        .isEqualTo("hello\nworld");
    assertThat(Coprocess.run(marked(Coprocess.argv("cat"))).stdout()).isEmpty();
  }

  @Test
  void stdin_notReadByProgram_isNoError() {
    byte[] big = new byte[4 << 20];
    CoprocessResult result = Coprocess.run(marked(Coprocess.argv("true").stdin(big)));

    assertThat(result.exitCode()).isZero();
  }

  @Test
  void cwdAndEnv_apply(@TempDir Path dir) throws Exception {
    CoprocessResult result = Coprocess.run(marked(Coprocess.shell("pwd; echo $GREETING"))
        .cwd(dir).env(Map.of(MARK, mark, "GREETING", "hi there")));

    assertThat(result.stdout()).isEqualTo(dir.toRealPath() + "\nhi there\n");
  }

  @Test
  void cwd_missing_isAnInputError(@TempDir Path dir) {
    Coprocess coprocess = marked(Coprocess.argv("true")).cwd(dir.resolve("missing"));

    assertThatThrownBy(() -> Coprocess.run(coprocess))
        .isInstanceOf(SpmInputException.class)
        .hasMessageContaining("cwd must be a directory, but was " + dir.resolve("missing"));
  }

  @Test
  void programNotFound_exitsWith127LikeAShell() {
    CoprocessResult viaArgv = Coprocess.run(marked(Coprocess.argv("spm-no-such-program", "x")));
    CoprocessResult viaShell = Coprocess.run(marked(Coprocess.shell("spm-no-such-program x")));

    assertThat(viaArgv.exitCode()).isEqualTo(127);
    assertThat(viaArgv.stderr()).contains("spm-no-such-program");
    assertThat(viaShell.exitCode()).isEqualTo(127);
    assertThat(viaShell.stderr()).contains("spm-no-such-program");
  }

  @Test
  void deathBySignal_isReportedAsTheShellDoes() {
    CoprocessResult result = Coprocess.run(marked(Coprocess.shell("kill -KILL $$")));

    assertThat(result.exitCode()).isEqualTo(128 + 9);
    assertThat(result.signal()).hasValue(9);
    assertThat(result.timedOut()).isFalse();
  }

  @Test
  void program_leadsItsOwnSessionAndGroup_soSetsidDidNotFork() {
    // $$ is the pid that Java sees: sh was exec'd by setsid in place.
    CoprocessResult result = Coprocess.run(marked(Coprocess.shell("cat /proc/$$/stat")));

    String[] fields = result.stdout().substring(result.stdout().lastIndexOf(')') + 2).split(" ");
    long pid = Long.parseLong(result.stdout().substring(0, result.stdout().indexOf(' ')));
    assertThat(Long.parseLong(fields[2])).as("pgid").isEqualTo(pid);
    assertThat(Long.parseLong(fields[3])).as("sid").isEqualTo(pid);
  }

  @Test
  void bigOutput_isCapturedWhole() {
    CoprocessResult result = Coprocess.run(marked(Coprocess.shell("head -c 20000000 /dev/zero; echo end >&2")));

    assertThat(result.stdoutBytes()).hasSize(20_000_000);
    assertThat(result.stderr()).isEqualTo("end\n");
  }

  @Test
  void backgroundChildren_doNotOutliveANormalExit() {
    CoprocessResult result = Coprocess.run(marked(Coprocess.shell(
        "sleep 100 & setsid sh -c 'sleep 100' & echo $SPM_TAG")));

    assertThat(result.exitCode()).isZero();
    assertThat(result.timedOut()).isFalse();
    ProcessLeaks.assertNoneLeft(ProcessTrees.TAG_ENV, result.stdout().strip(), Duration.ZERO);
  }

  @ParameterizedTest(name = "{0}, fallback forced: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      grandchildren | sleep 100 & sleep 100                                          | 2 | 15 | false
      ignoresTerm   | trap '' TERM; sleep 100 & sleep 100                            | 2 | 9  | false
      daemonizes    | setsid sh -c 'sleep 100' & (sh -c 'sleep 100 &' &) ; sleep 100 | 3 | 15 | false
      grandchildren | sleep 100 & sleep 100                                          | 2 | 15 | true
      ignoresTerm   | trap '' TERM; sleep 100 & sleep 100                            | 2 | 9  | true
      daemonizes    | setsid sh -c 'sleep 100' & (sh -c 'sleep 100 &' &) ; sleep 100 | 3 | 15 | true
      """)
  void deadline_killsTheWholeTree(String name, String line, int sleeps, int signal, boolean fallback)
      throws Exception {
    if (fallback) {
      System.setProperty("spm.proc.forceFallback", "true");
    }
    assertThat(ProcessTrees.signalsAreNative()).isEqualTo(!fallback);
    Coprocess coprocess = marked(Coprocess.shell("echo $SPM_TAG; " + line))
        .timeout(Duration.ofSeconds(1))
        .grace(Duration.ofMillis(200));

    Future<CoprocessResult> run = runner.submit(() -> Coprocess.run(coprocess));
    await().atMost(Duration.ofSeconds(5)).until(() -> sleepsMarked() == sleeps);
    CoprocessResult result = run.get(30, TimeUnit.SECONDS);

    assertThat(result.timedOut()).isTrue();
    assertThat(result.signal()).hasValue(signal);
    assertThat(result.exitCode()).isEqualTo(128 + signal);
    assertThat(result.wallTime()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    ProcessLeaks.assertNoneLeft(ProcessTrees.TAG_ENV, result.stdout().strip(), Duration.ZERO);
    ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ZERO);
  }

  @Test
  void interrupt_killsTheTreeAndKeepsTheFlag() throws Exception {
    Coprocess coprocess = marked(Coprocess.shell("sleep 100 & sleep 100")).grace(Duration.ZERO);
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread thread = Thread.ofPlatform().start(() -> {
      try {
        Coprocess.run(coprocess);
        thrown.complete(null);
      } catch (Throwable t) {
        thrown.complete(Thread.currentThread().isInterrupted() ? t : new AssertionError("flag lost", t));
      }
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> sleepsMarked() == 2);

    thread.interrupt();

    assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ZERO);
    thread.join();
  }

  @Test
  void options_rejectBadValues_namingThem() {
    Coprocess echo = Coprocess.argv("echo");

    assertThatThrownBy(() -> echo.timeout(Duration.ofSeconds(-1)))
        .isInstanceOf(SpmInputException.class)
        .hasMessage("timeout must be positive, but was PT-1S");
    assertThatThrownBy(() -> echo.timeout(Duration.ZERO)).hasMessage("timeout must be positive, but was PT0S");
    assertThatThrownBy(() -> echo.grace(Duration.ofMillis(-5)))
        .isInstanceOf(SpmInputException.class)
        .hasMessage("grace must not be negative, but was PT-0.005S");
    assertThatThrownBy(() -> Coprocess.argv(List.of())).isInstanceOf(SpmInputException.class);
    assertThatThrownBy(() -> Coprocess.shell(" ")).isInstanceOf(SpmInputException.class);
    assertThatThrownBy(() -> echo.env(Map.of("SPM_TAG", "x"))).isInstanceOf(SpmInputException.class);
    assertThatThrownBy(() -> echo.env(Map.of("A=B", "x"))).isInstanceOf(SpmInputException.class);
  }

  @Test
  void values_areImmutableAndSerializeWithJavaAndFory() throws Exception {
    Coprocess coprocess = Coprocess.shell("cat").cwd(Path.of("/tmp")).env(Map.of("A", "1"))
        .stdin("in").timeout(Duration.ofMinutes(2)).grace(Duration.ZERO);
    CoprocessResult result = new CoprocessResult("o".getBytes(), "e".getBytes(), 143, 15, true, 42);
    LoggerFactory.disableLogging();
    Fory fory = Fory.builder().withLanguage(Language.JAVA).requireClassRegistration(false).build();

    assertThat(fory.deserialize(fory.serialize(coprocess))).isEqualTo(coprocess);
    assertThat(fory.deserialize(fory.serialize(result))).isEqualTo(result);
    assertThat(javaRoundTrip(coprocess)).isEqualTo(coprocess);
    assertThat(javaRoundTrip(result)).isEqualTo(result);
    assertThat(coprocess.timeout()).hasValue(Duration.ofMinutes(2));
    assertThat(Coprocess.argv("x").grace()).isEqualTo(Duration.ofSeconds(1));
    result.stdoutBytes()[0] = 'X';
    assertThat(result.stdout()).isEqualTo("o");
  }

  private long sleepsMarked() {
    return ProcessTrees.findByEnv(MARK, mark).stream()
        .map(ProcInfo::commandLine)
        .filter(command -> command.equals("sleep 100"))
        .count();
  }

  private static Object javaRoundTrip(Object value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
