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
import java.util.Map;
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

  /**
   * Starts an agent as {@code spm agent} does, with a class path that lacks the tests' classes: its
   * spokes can run the tests' task functions only with the jars the hub ships.
   */
  private Process startAgent(Session session, String name) throws IOException {
    return startAgent(session, name, "agent-" + name + ".out");
  }

  /** Starts an agent for server {@code name} whose output goes to {@code outFile} in the test's folder. */
  private Process startAgent(Session session, String name, String outFile) throws IOException {
    String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.contains("test-classes")).collect(java.util.stream.Collectors.joining(
            java.io.File.pathSeparator));
    List<String> command = JvmLauncher.command(List.of("-Xmx64m", "-XX:+UseSerialGC"), classPath,
        "dev.spm.internal.agent.AgentMain", List.of("--standalone", "true", "--connection",
            session.connectionFile().toString(), "--slots", "1", "--server", name, "--log-dir", dir.toString(),
            "--cache-dir", dir.resolve("jar-cache").toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(outFile).toFile()).start();
  }

  /** Waits, bounded, until the session's tracker lists the server. */
  private static void awaitServer(Session session, String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!session.servers().contains(name)) {
      assertThat(System.nanoTime()).as("server " + name + " joined within 60 s").isLessThan(deadline);
      LockSupport.parkNanos(20_000_000);
    }
  }

  /** Waits, bounded, until the file has a line containing the text. */
  private static void awaitLine(Path file, String text) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file) || !Files.readString(file).contains(text)) {
      assertThat(System.nanoTime()).as(file + " says '" + text + "' within 60 s").isLessThan(deadline);
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
      assertThat(Files.readString(dir.resolve("agent-joiner.out"))).containsPattern("jar\\(s\\), [1-9][0-9]* fetched");

      Process again = startAgent(session, "again"); // the same server again: every jar is cached
      try {
        awaitServer(session, "again");
        awaitLine(dir.resolve("agent-again.out"), "the hub's class path");
        assertThat(Files.readString(dir.resolve("agent-again.out"))).contains(" 0 fetched (0 bytes)");
      } finally {
        again.destroyForcibly();
      }

      // A cached jar that no longer matches its hash (same size, one byte changed) is fetched again.
      Path cached;
      try (var jars = Files.list(dir.resolve("jar-cache"))) {
        cached = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
      }
      byte[] bytes = Files.readAllBytes(cached);
      bytes[bytes.length / 2] ^= 1;
      Files.write(cached, bytes);
      Process third = startAgent(session, "third");
      try {
        awaitServer(session, "third");
        awaitLine(dir.resolve("agent-third.out"), "the hub's class path");
        assertThat(Files.readString(dir.resolve("agent-third.out"))).containsPattern(" 1 fetched \\([1-9][0-9]* bytes\\)");
      } finally {
        third.destroyForcibly();
      }
    } finally {
      agent.destroyForcibly();
      Sessions.closeLeavingNothing(session);
    }
  }

  @Test
  void aRepeatingClone_whoseServerLeaves_filesThatServersLastReportUnderIt_andRepeatsOnTheRest() throws Exception {
    Session session = Session.open("local:1x1");
    Process agent = startAgent(session, "leaver");
    try {
      awaitServer(session, "leaver");
      session.awaitSpokes(Duration.ofSeconds(60));
      String hubServer = session.servers().getFirst();
      @SuppressWarnings("unchecked")
      CloneManager<Long>[] clone = new CloneManager[1];
      int[] hubRuns = {0};
      clone[0] = CloneManager.declare("agent-join::clone-leaves", report -> {
        if (report.origin().server().equals("leaver") && agent.isAlive()) {
          agent.destroyForcibly(); // the server leaves between two of its runs
        }
        if (report.origin().server().equals(hubServer) && ++hubRuns[0] == 10) {
          clone[0].stop();
        }
      });

      clone[0].repeat(Task.of("pid", TestFunctions::pid), Duration.ofMillis(100), Pools.inter(),
          ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());

      Map<String, List<Report<Long>>> byServer = clone[0].byServer();
      assertThat(byServer).as("no report is filed under a server named '-'").containsOnlyKeys(hubServer, "leaver");
      assertThat(byServer.get(hubServer)).hasSize(10).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
      List<Report<Long>> leaver = byServer.get("leaver");
      assertThat(leaver.getFirst().succeeded()).isTrue();
      assertThat(leaver.getLast().failure()).as("its run after it left").get().isInstanceOf(TaskDropped.class);
      assertThat(leaver.getLast().origin().spoke()).isEqualTo("leaver/slot-0");
      assertThat(agent.waitFor(10, TimeUnit.SECONDS)).as("the killed agent has ended").isTrue();
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
      // Its own output file: two processes writing one file overwrite each other's lines.
      twin = startAgent(session, "second", "agent-second-twin.out");
      assertThat(twin.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(twin.exitValue()).isNotZero();
      assertThat(Files.readString(dir.resolve("agent-second-twin.out"))).contains("server name 'second' is taken");
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

  @Test
  void beyondLoopback_everythingIsTlsPinnedToTheSessionsCertificate() throws Exception {
    String address = Sessions.outerAddress().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(address != null, "this machine has no address beyond loopback");
    Session session = Session.builder("local:1x1").listen(address).open();
    Process agent = null;
    try {
      dev.spm.internal.wire.ConnectionFile file = dev.spm.internal.wire.ConnectionFile.read(session.connectionFile());
      assertThat(file.hub()).startsWith(address + ":");
      assertThat(file.tls()).startsWith("sha256:");
      assertThat(Files.getPosixFilePermissions(session.connectionFile()))
          .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

      // A client pinned to another certificate refuses the hub.
      String wrong = "sha256:" + "00".repeat(32);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.spm.internal.wire.Tls.connect(file.hub(), wrong))
          .isInstanceOf(IOException.class);

      agent = startAgent(session, "outer");
      awaitServer(session, "outer");
      session.awaitSpokes(Duration.ofSeconds(60));
      List<Report<String>> reports = new ArrayList<>();
      GangManager<String> gang = GangManager.declare("agent-join::tls-gang", reports::add);
      ManageResult run = gang.manage(Task.of("c", dev.spm.testing.CommFunctions::collectives, "over tls"), Pools.inter(),
          ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());

      assertThat(run.succeeded()).isEqualTo(2);
      assertThat(reports).extracting(r -> r.origin().server()).contains("outer");
      assertThat(reports).extracting(Report::value).containsExactly(
          "0/2 sum=1 root=over tls left=from-1 big=1", "1/2 sum=1 root=over tls left=from-0 big=0");
    } finally {
      if (agent != null) {
        agent.destroyForcibly();
      }
      Sessions.closeLeavingNothing(session);
    }
  }
}
