package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.internal.JvmLauncher;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.testing.ProcessLeaks;
import dev.spm.testing.Sessions;
import dev.spm.testing.TestFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another server joins a running session with its own agent (what {@code spm agent} runs), started
 * here as a separate process: inter pools use it, its tasks move to the other servers when it
 * leaves, and it stops its spokes and exits when the session ends.
 */
class AgentJoinTest {
  @TempDir
  Path dir;

  private Process startAgent(Session session, String name) throws IOException {
    List<String> command = JvmLauncher.command(List.of("-Xmx64m", "-XX:+UseSerialGC"),
        "dev.spm.internal.agent.AgentMain", List.of("--standalone", "true", "--connection",
            session.connectionFile().toString(), "--slots", "1", "--server", name, "--log-dir", dir.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("agent-" + name + ".out").toFile()).start();
  }

  /** Waits, bounded, until the session's tracker lists the server. */
  private static void awaitServer(Session session, String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!session.servers().contains(name)) {
      assertThat(System.nanoTime()).as("server " + name + " joined within 60 s").isLessThan(deadline);
      LockSupport.parkNanos(20_000_000);
    }
  }

  @Test
  void aJoiningServerIsUsedByInterPools_andItsTasksMoveWhenItLeaves() throws Exception {
    Session session = Session.open("local:1x1");
    Process agent = startAgent(session, "joiner");
    try {
      awaitServer(session, "joiner");
      session.awaitSpokes(Duration.ofSeconds(60));
      List<Report<Long>> reports = new ArrayList<>();
      List<String> servers = new ArrayList<>();
      ListManager<Long> list = ListManager.declare("agent-join::moves", report -> {
        reports.add(report);
        servers.add(report.origin().server());
        if (report.origin().server().equals("joiner") && agent.isAlive()) {
          agent.destroyForcibly(); // the server leaves mid-run: SIGKILL to its agent
        }
      });
      for (int i = 0; i < 30; i++) {
        list.submit(Task.of("t" + i, TestFunctions::sleepThenPid, 50L));
      }
      ManageResult run = list.manage(Pools.inter(), ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60))
          .build());

      assertThat(run.slots()).hasSize(2);
      assertThat(servers).contains("joiner", session.servers().get(0));
      assertThat(reports).hasSize(30).allSatisfy(r -> assertThat(r.succeeded()).as(r.toString()).isTrue());
      assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(session.servers()).doesNotContain("joiner");
    } finally {
      agent.destroyForcibly();
      Sessions.closeLeavingNothing(session);
    }
  }

  @Test
  void aTakenName_isRefused_andTheAgentExitsWhenTheSessionEnds() throws Exception {
    Session session = Session.open("local:1x1");
    Process joiner = startAgent(session, "second");
    Process twin = null;
    try {
      awaitServer(session, "second");
      twin = startAgent(session, "second");
      assertThat(twin.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(twin.exitValue()).isNotZero();
      assertThat(Files.readString(dir.resolve("agent-second.out"))).contains("server name 'second' is taken");
      session.awaitSpokes(Duration.ofSeconds(60));
      String id = session.id();
      session.close();
      assertThat(joiner.waitFor(10, TimeUnit.SECONDS)).as("the agent exits when the session ends").isTrue();
      ProcessLeaks.assertNoneLeft(ProcessTrees.SESSION_ENV, id, Duration.ofSeconds(2));
    } finally {
      joiner.destroyForcibly();
      if (twin != null) {
        twin.destroyForcibly();
      }
      session.close();
    }
  }
}
