package dev.spm.internal.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spm.testing.ProcessLeaks;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatchdogTest {
  private static final String MARK = "SPM_WATCHDOG_TEST";
  private final String mark = UUID.randomUUID().toString();

  private Process marked(String line) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("setsid", "sh", "-c", line);
    builder.environment().put(MARK, mark);
    return builder.start();
  }

  @Test
  void whenItsJvmIsGone_itKillsEveryMarkedProcess() throws Exception {
    // The watchdog's stdin closing is what this JVM's death looks like to it.
    Watchdog watchdog = Watchdog.start(MARK, mark);
    Process a = marked("sleep 100");
    Process b = marked("sleep 100 & sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessTrees.findByEnv(MARK, mark).size() >= 3);

    watchdog.closePipeForTest();

    ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ofSeconds(10));
    assertThat(a.waitFor()).isEqualTo(128 + 9);
    assertThat(b.waitFor()).isEqualTo(128 + 9);
    assertThat(watchdog.awaitForTest()).isZero();
  }

  @Test
  void viaProcessBuilder_too() throws Exception {
    System.setProperty("spm.proc.forceFallback", "true");
    try {
      whenItsJvmIsGone_itKillsEveryMarkedProcess();
    } finally {
      System.clearProperty("spm.proc.forceFallback");
    }
  }

  @Test
  void close_endsItWithoutKilling() throws Exception {
    Watchdog watchdog = Watchdog.start(MARK, mark);
    Process a = marked("sleep 100");
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessTrees.findByEnv(MARK, mark).size() >= 1);

    watchdog.close();

    assertThat(watchdog.aliveForTest()).isFalse();
    assertThat(a.isAlive()).isTrue();
    assertThat(ProcessTrees.killTagged(MARK, mark, Duration.ZERO, Duration.ofSeconds(5))).isTrue();
    a.waitFor();
    ProcessLeaks.assertNoneLeft(MARK, mark, Duration.ofSeconds(5));
  }
}
