package dev.spm.internal.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spm.testing.ProcessLeaks;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Starts small process trees marked with {@link #MARK} and finds and kills them. */
class ProcessTreesTest {
  private static final String MARK = "SPM_PROCESS_TREES_TEST";
  private static final long SELF = ProcessHandle.current().pid();
  private final String mark = UUID.randomUUID().toString();

  @AfterEach
  void noProcessLeft() {
    System.clearProperty(Signals.FORCE_FALLBACK);
    ProcessTrees.killTagged(MARK, mark, Duration.ZERO, Duration.ofSeconds(5));
    ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ofSeconds(5));
  }

  private Process start(String shellLine) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", shellLine)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put(MARK, mark);
    return builder.start();
  }

  private List<ProcInfo> sleeps() {
    return ProcessTrees.findByEnv(MARK, mark).stream()
        .filter(p -> p.commandLine().equals("sleep 100"))
        .toList();
  }

  @Test
  void findByEnv_findsExactlyTheMarkedProcesses() throws Exception {
    Process sh = start("exec sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> sleeps().size() == 1);

    ProcInfo sleep = sleeps().get(0);
    assertThat(sleep.pid()).isEqualTo(sh.pid());
    assertThat(sleep.ppid()).isEqualTo(SELF);
    assertThat(sleep.state()).isIn('S', 'R');
    assertThat(ProcessTrees.findByEnv(MARK, mark + "x")).isEmpty();
    assertThat(ProcessTrees.findByEnv(MARK, mark.substring(1))).isEmpty();

    assertThat(ProcessTrees.killTagged(MARK, mark, Duration.ZERO, Duration.ofSeconds(5))).isTrue();
    assertThat(sh.waitFor()).isEqualTo(128 + 9);
  }

  @Test
  void findByEnv_excludesThisProcess() {
    // surefire starts this JVM with SPM_TEST=1
    assertThat(System.getenv("SPM_TEST")).isEqualTo("1");
    assertThat(ProcessTrees.findByEnv("SPM_TEST", "1")).noneMatch(p -> p.pid() == SELF);
  }

  @Test
  void kernelThreads_areKnownByTheirFlag_notByTheirPid() {
    // The sweep reads no environment of a kernel thread; it once took pid 2 and its children for
    // kernel threads, which in a pid namespace (a container) are this JVM and what it starts.
    assertThat(ProcFs.stat(SELF).orElseThrow().kernelThread()).isFalse();
    ProcFs.Stat two = ProcFs.stat(2).orElseThrow();
    if (!two.comm().equals("kthreadd")) {
      return; // in a pid namespace, pid 2 is an ordinary process
    }
    assertThat(two.kernelThread()).isTrue();
    List<ProcFs.Stat> kernelThreads = java.util.Arrays.stream(ProcFs.pids()).mapToObj(ProcFs::stat)
        .flatMap(java.util.Optional::stream).filter(st -> st.ppid() == 2).toList();
    assertThat(kernelThreads).isNotEmpty().allMatch(ProcFs.Stat::kernelThread);
  }

  @Test
  void findByEnv_takesAFewMilliseconds() {
    int rounds = 50;
    ProcessTrees.findByEnv(MARK, mark); // warm up
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      ProcessTrees.findByEnv(MARK, mark);
    }
    Duration each = Duration.ofNanos((System.nanoTime() - start) / rounds);
    int processes = ProcFs.pids().length;

    assertThat(each).isLessThan(Duration.ofMillis(processes / 10 + 20));
  }

  @Test
  void descendants_followChildrenOfChildren() throws Exception {
    Process sh = start("sh -c 'sleep 100 & sleep 100' & sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> sleeps().size() == 3);

    List<Long> descendants = ProcessTrees.descendants(sh.pid());

    assertThat(descendants).hasSize(4).doesNotContain(sh.pid())
        .containsAll(sleeps().stream().map(ProcInfo::pid).toList());
    assertThat(ProcessTrees.killTree(sh.pid(), MARK, mark, Duration.ZERO, Duration.ofSeconds(5))).isTrue();
  }

  @ParameterizedTest(name = "fallback forced: {0}")
  @ValueSource(booleans = {false, true})
  void killTagged_killsAForkingTree(boolean fallback) throws Exception {
    System.setProperty(Signals.FORCE_FALLBACK, Boolean.toString(fallback));
    assertThat(ProcessTrees.signalsAreNative()).isEqualTo(!fallback);
    start("while :; do sleep 100 & sleep 0.01; done");
    await().atMost(Duration.ofSeconds(5)).until(() -> sleeps().size() >= 5);

    assertThat(ProcessTrees.killTagged(MARK, mark, Duration.ZERO, Duration.ofSeconds(5))).isTrue();
    assertThat(ProcessTrees.findByEnv(MARK, mark)).isEmpty();
  }

  @Test
  void killTagged_termFirst_killOnlyAfterGrace() throws Exception {
    start("sleep 100 & sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> sleeps().size() == 2);
    long start = System.nanoTime();
    assertThat(ProcessTrees.killTagged(MARK, mark, Duration.ofSeconds(30), Duration.ofSeconds(60))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("TERM sufficed").isLessThan(Duration.ofSeconds(5));

    start("trap '' TERM; sleep 100 & sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> sleeps().size() == 2);
    start = System.nanoTime();
    assertThat(ProcessTrees.killTagged(MARK, mark, Duration.ofMillis(300), Duration.ofSeconds(5))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("KILL after the grace")
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void killTagged_givesUpAfterConfirmWithin_whenTermIsIgnoredAndGraceIsLonger() throws Exception {
    start("trap '' TERM; sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessTrees.findByEnv(MARK, mark).size() == 2);

    assertThat(ProcessTrees.killTagged(MARK, mark, Duration.ofSeconds(10), Duration.ofMillis(200))).isFalse();
    assertThat(ProcessTrees.findByEnv(MARK, mark)).hasSize(2);
  }

  @Test
  void killTree_keepsTheInterruptFlag() throws Exception {
    start("sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> sleeps().size() == 1);

    Thread.currentThread().interrupt();
    boolean dead = ProcessTrees.killTagged(MARK, mark, Duration.ZERO, Duration.ofSeconds(5));

    assertThat(Thread.interrupted()).isTrue();
    assertThat(dead).isTrue();
  }
}
