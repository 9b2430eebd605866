package dev.spm.internal.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spm.Coprocess;
import dev.spm.CoprocessResult;
import dev.spm.testing.ProcessLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native launch (posix_spawn, pidfd, waitpid), which the build's JDK 25 with native access
 * uses; {@code CoprocessTest} covers the policy on both launch paths.
 */
class NativeCoprocessTest {
  private static final String MARK = "SPM_NATIVE_COPROCESS_TEST";
  private final String mark = UUID.randomUUID().toString();

  @AfterEach
  void noProcessLeft() {
    ProcessTrees.stopBeingSubreaper();
    ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ofSeconds(5));
  }

  private Coprocess marked(String line) {
    return Coprocess.shell(line).env(Map.of(MARK, mark));
  }

  @Test
  void programsStartNatively_onThisJdk() {
    assertThat(CoprocessRunner.spawnsNatively()).isTrue();
  }

  @Test
  void anExitStatusAbove128_isNotTakenForASignal() {
    CoprocessResult exited = Coprocess.run(marked("exit 143"));
    CoprocessResult killed = Coprocess.run(marked("kill -TERM $$"));

    assertThat(exited.exitCode()).isEqualTo(143);
    assertThat(exited.signal()).isEmpty();
    assertThat(killed.exitCode()).isEqualTo(143);
    assertThat(killed.signal()).hasValue(15);
  }

  @Test
  void termseq_sendsItsSignalsInTurn_andKillsWhatSurvives() {
    requireDefaultSigint();
    CoprocessResult interrupted = Coprocess.run(marked("sleep 100")
        .timeout(Duration.ofMillis(200)).termseq("INT,500,KILL,25"));
    CoprocessResult stubborn = Coprocess.run(marked("trap '' INT TERM; sleep 100")
        .timeout(Duration.ofMillis(200)).termseq("INT,100,TERM,100"));

    assertThat(interrupted.timedOut()).isTrue();
    assertThat(interrupted.signal()).hasValue(2);
    assertThat(stubborn.signal()).hasValue(9);
    assertThat(stubborn.wallTime()).isBetween(Duration.ofMillis(400), Duration.ofSeconds(5));
  }

  @Test
  void onlyTheThreeStandardDescriptors_areOpenInTheProgram() {
    CoprocessResult result = Coprocess.run(marked("ls /proc/$$/fd"));

    assertThat(result.stdout().lines().toList()).containsExactly("0", "1", "2");
  }

  @Test
  void stdinAndOutputFiles(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Files.writeString(out, "old content that is longer");
    ProgramExit exit = CoprocessRunner.runToFiles(marked("cat; echo e >&2").stdin("in\n"), out, dir.resolve("err"));

    assertThat(exit.exitCode()).isZero();
    assertThat(Files.readString(out)).isEqualTo("in\n");
    assertThat(Files.readString(dir.resolve("err"))).isEqualTo("e\n");
    assertThat(exit.startMillis()).isPositive();
  }

  @Test
  void asASubreaper_leftoversThatLeftTheGroup_areStillKilled() {
    assertThat(ProcessTrees.becomeSubreaper()).isTrue();
    try (Reaper reaper = Reaper.start(pid -> false)) {
      CoprocessResult result = Coprocess.run(marked("setsid sleep 100 & (setsid sh -c 'sleep 100 &' &); echo $SPM_TAG"));

      assertThat(result.exitCode()).isZero();
      assertThat(ProcessTrees.findByEnv(ProcessTrees.TAG_ENV, result.stdout().strip())).isEmpty();
      ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ofSeconds(2)); // the reaper reaps the killed orphans
    }
  }

  /**
   * A chain of forks and execs still under way when the program exits: the sweep once took a
   * moment when the last of them was between exec's steps (its environment unreadable) for the
   * moment nothing was left, and about one run in a hundred left a sleep behind.
   */
  @Test
  void leftoversStillForking_areKilledEveryTime_withAndWithoutASubreaper() {
    for (boolean subreaper : new boolean[] {false, true}) {
      if (subreaper) {
        assertThat(ProcessTrees.becomeSubreaper()).isTrue();
      }
      try (Reaper reaper = subreaper ? Reaper.start(pid -> false) : null) {
        for (int i = 0; i < 150; i++) {
          CoprocessResult result = Coprocess.run(marked("setsid sleep 100 & (setsid sh -c 'sleep 100 &' &); echo $SPM_TAG"));
          assertThat(ProcessTrees.findByEnv(ProcessTrees.TAG_ENV, result.stdout().strip()))
              .as("left by run %d (subreaper: %s)", i, subreaper).isEmpty();
        }
        ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ofSeconds(5)); // the reaper reaps the killed orphans
      }
    }
  }

  /**
   * A relay of processes, each starting the next and ending at once, hundreds long, still running
   * when the program exits: a sweep whose scans each saw a generation that had already handed on
   * to the next one found nothing twice and stopped, leaving the relay to end in a sleep.
   */
  @Test
  void aRelayOfProcessesThatForkAndEnd_isChasedToItsEnd() {
    String relay = "relay() { if [ \"$1\" -gt 0 ]; then (relay $(($1 - 1)) &); else exec sleep 100; fi; }; ";
    for (int i = 0; i < 20; i++) {
      CoprocessResult result = Coprocess.run(marked(relay + "relay 400 & echo $SPM_TAG"));
      assertThat(ProcessTrees.findByEnv(ProcessTrees.TAG_ENV, result.stdout().strip()))
          .as("left by run %d", i).isEmpty();
    }
  }

  /** Skips a test of SIGINT (fails it under CI) where this JVM ignores SIGINT: its programs would too. */
  static void requireDefaultSigint() {
    if (ProcessTrees.ignores(2)) {
      String message = "SIGINT is ignored in this JVM (its shell started it in the background, or under nohup), and the programs it starts inherit that; run the tests in the foreground, or under env --default-signal=INT";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  /** Debian's python3, for programs that do what a shell cannot; skipped (failed under CI) without it. */
  private static Path python() {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      String message = python + " is missing; install the Debian package 'python3'";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return python;
  }

  /**
   * A program whose main thread has ended while another thread runs on: {@code /proc} shows it as
   * a zombie, with no environment, yet it runs and forks. The sweep at its timeout once took it
   * for dead, signalled nothing, and the reap then waited for it for good.
   */
  @Test
  void aProgramWhoseMainThreadEnded_isStillKilledAtItsTimeout() {
    Path python = python();
    String program = String.join("\n",
        "import ctypes, subprocess, threading, time",
        "def worker():",
        "    subprocess.Popen(['sleep', '100'])",
        "    while True:",
        "        time.sleep(1)",
        "threading.Thread(target=worker).start()",
        "ctypes.CDLL(None).pthread_exit(None)");
    CoprocessResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Coprocess.run(
        Coprocess.argv(python.toString(), "-c", program).env(Map.of(MARK, mark)).timeout(Duration.ofMillis(500))));

    assertThat(result.timedOut()).isTrue();
  }

  /**
   * A daemon (a grandchild in a session of its own, whose group leader has exited) whose main
   * thread has ended while another runs on: only its tag can find it, and its own
   * {@code /proc/PID/environ} cannot be read. The sweep once counted it as unreadable, gave up
   * being unsure, and left it running; it reads a live thread's environment now.
   */
  @Test
  void aDaemonWhoseMainThreadEnded_isFoundByItsTag_andKilled() {
    Path python = python();
    String program = String.join("\n",
        "import ctypes, os, threading, time",
        "r, w = os.pipe()",
        "if os.fork() == 0:",
        "    os.setsid()",
        "    pid = os.fork()",
        "    if pid == 0:",
        "        threading.Thread(target=time.sleep, args=(100,)).start()",
        "        ctypes.CDLL(None).pthread_exit(None)",
        "    os.write(w, b'%d' % pid)",
        "    os._exit(0)",
        "os.wait()",
        "pid = int(os.read(r, 32))",
        "def state(pid):",
        "    with open('/proc/%d/stat' % pid) as f:",
        "        return f.read().rsplit(')', 1)[1].split()[0]",
        "for _ in range(1000):  # up to 10 s for its main thread to end",
        "    if state(pid) == 'Z':",
        "        break",
        "    time.sleep(0.01)",
        "print(pid, state(pid))");
    CoprocessResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Coprocess.run(
        Coprocess.argv(python.toString(), "-c", program).env(Map.of(MARK, mark)).timeout(Duration.ofSeconds(20))));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    String[] printed = result.stdout().strip().split(" ");
    assertThat(printed[1]).as("the daemon's main thread had ended").isEqualTo("Z");
    long daemon = Long.parseLong(printed[0]);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(() -> ProcFs.stat(daemon).map(st -> !st.alive()).orElse(true));
  }

  @Test
  void asASubreaper_anotherRunsOrphan_isLeftToItsOwnRun() {
    assertThat(ProcessTrees.becomeSubreaper()).isTrue();
    byte[] mine = ProcessTrees.envEntry(ProcessTrees.TAG_ENV, "mine");
    assertThat(Adoptees.mayHold(mine)).isFalse();
  }
}
