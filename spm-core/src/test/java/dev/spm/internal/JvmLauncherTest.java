package dev.spm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmLauncherTest {

  @Test
  void theJvmsWeStart_exitAtOnce_onJdksThatCan() {
    List<String> command = JvmLauncher.command(List.of("-Xmx64m"), "Main", List.of("a"));

    if (Runtime.version().feature() >= 22) {
      assertThat(command).containsSubsequence(JvmLauncher.QUICK_EXIT);
    } else {
      assertThat(command).doesNotContainAnyElementsOf(JvmLauncher.QUICK_EXIT);
    }
    assertThat(command.subList(command.size() - 2, command.size())).containsExactly("Main", "a");
  }

  @Test
  void aJvmStartedThatWay_acceptsItsFlags_andExitsWithItsStatus_whileAThreadWaitsInNativeCode() throws Exception {
    Process process = new ProcessBuilder(JvmLauncher.command(List.of("-Xmx64m", "-Xshare:auto"),
        BlockedThenExits.class.getName(), List.of())).redirectErrorStream(true).start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
      assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isEqualTo(7);
    } finally {
      process.destroyForcibly();
      process.onExit().get(10, TimeUnit.SECONDS);
    }
  }

  /** Exits with 7 while a virtual thread waits in accept (so the poller waits in epoll_wait). */
  public static final class BlockedThenExits {
    public static void main(String[] args) throws Exception {
      ServerSocket server = new ServerSocket(0);
      Thread waiting = Thread.ofVirtual().start(() -> {
        try {
          server.accept();
        } catch (Exception e) {
          // closed at exit
        }
      });
      while (waiting.getState() != Thread.State.WAITING) {
        Thread.onSpinWait(); // parked in accept, its socket registered with the poller
      }
      System.exit(7);
    }
  }
}
