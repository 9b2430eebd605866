package dev.spm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.internal.JvmLauncher;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import dev.spm.internal.wire.Wire;
import dev.spm.testing.HubMain;
import dev.spm.testing.ProcessLeaks;
import dev.spm.testing.Sessions;
import dev.spm.testing.TestFunctions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sessions: clouds, pools over virtual servers, self-cleaning, authentication. */
class SessionTest {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static String name() {
    return "session-" + NAMES.incrementAndGet();
  }

  @Test
  void poolsSelectTheSeedsFourShapes_onThreeVirtualServers() {
    try (Session session = Session.open("local:3x1")) {
      assertThat(session.servers()).hasSize(3);
      session.awaitSpokes(Duration.ofSeconds(60));
      assertThat(serversUsedBy(Pools.inter())).hasSize(3);
      assertThat(serversUsedBy(Pools.interOnePerServer())).hasSize(3);
      assertThat(serversUsedBy(Pools.interOnePerServer().limit(2))).hasSize(2);
      assertThat(serversUsedBy(Pools.inter().limit(2))).hasSize(2);
      assertThat(serversUsedBy(Pools.intraAll())).containsExactly(session.servers().get(0));
      assertThat(serversUsedBy(Pools.intraOnePerServer())).containsExactly(session.servers().get(0));
    }
  }

  private static Set<String> serversUsedBy(Pool pool) {
    Set<String> servers = new HashSet<>();
    ListManager<Long> m = ListManager.declare(name(), r -> servers.add(r.origin().server()));
    for (int i = 0; i < 60; i++) {
      m.submit(Task.of("t" + i, TestFunctions::sleepThenPid, 5L));
    }
    ManageResult result = m.manage(pool, ManageOptions.builder().nSpokesMin(1).build());
    assertThat(result.slots()).hasSizeLessThanOrEqualTo(3);
    return servers;
  }

  @Test
  void closingTheSession_leavesNoProcessBehind() {
    Session session = Session.open("local:2x1");
    session.awaitSpokes(Duration.ofSeconds(60));
    String id = session.id();
    assertThat(ProcessTrees.findByEnv(ProcessTrees.SESSION_ENV, id)).hasSize(4); // 2 agents, 2 spokes
    session.close();
    ProcessLeaks.assertNoneLeft(ProcessTrees.SESSION_ENV, id, Duration.ofSeconds(2));
  }

  @Test
  void killingTheHubWithSigkill_leavesNoProcessBehind() throws Exception {
    Process hub = new ProcessBuilder(JvmLauncher.command(List.of("-Xmx128m"), HubMain.class.getName(),
        List.of("local:2x1"))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(hub.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).startsWith("session ");
      String id = line.substring("session ".length());
      assertThat(ProcessTrees.findByEnv(ProcessTrees.SESSION_ENV, id)).hasSize(4);
      new ProcessBuilder("kill", "-KILL", Long.toString(hub.pid())).start().waitFor();
      assertThat(hub.waitFor(10, TimeUnit.SECONDS)).isTrue();
      ProcessLeaks.assertNoneLeft(ProcessTrees.SESSION_ENV, id, Duration.ofSeconds(2));
    } finally {
      hub.destroyForcibly();
    }
  }

  @Test
  void aSpokeJvmThatCrashes_leavesItsErrorReportBesideItsLog_notInTheWorkingDirectory() throws Exception {
    java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
    Set<java.nio.file.Path> before = hsErrFiles(cwd);
    Session session = Session.builder("local:1x1") // and no core file, wherever the machine would put one
        .spokeJvmOptions(List.of("-XX:+UseSerialGC", "-XX:-CreateCoredumpOnCrash")).open();
    try {
      List<Report<Object>> reports = new ArrayList<>();
      ListManager<Object> m = ListManager.declare(name(), reports::add);
      m.submit(Task.of("crash", TestFunctions::crashJvm));
      m.manage(Pools.intraAll(), ManageOptions.builder().maxAttempts(1).timeoutWaitForSpokes(Duration.ofSeconds(60))
          .build());
      assertThat(reports).singleElement().satisfies(r -> assertThat(r.failure()).get().isInstanceOf(TaskEvalFatal.class));
      assertThat(hsErrFiles(session.logDir())).as("error reports in " + session.logDir()).hasSize(1);
      assertThat(hsErrFiles(cwd)).isEqualTo(before);
    } finally {
      Sessions.closeLeavingNothing(session);
    }
  }

  private static Set<java.nio.file.Path> hsErrFiles(java.nio.file.Path dir) throws java.io.IOException {
    try (var files = java.nio.file.Files.list(dir)) {
      return new HashSet<>(files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList());
    }
  }

  @Test
  void aConnectionWithoutTheToken_isRefused_andTheHubKeepsServing() throws Exception {
    try (Session session = Session.open("local:1x1")) {
      for (byte[] token : List.of(new byte[32], new byte[0])) {
        try (Connection intruder = new Connection(new Socket("127.0.0.1", session.hubPort()))) {
          intruder.send(new Message.Hello(Wire.PROTOCOL, Wire.buildId(), token, Message.Role.SPOKE,
              session.servers().get(0), 0, 99, 1, 0, 0));
          assertThat(intruder.receive()).isEqualTo(new Message.Refused("bad session token"));
        }
      }
      List<Long> pids = new ArrayList<>();
      ListManager<Long> m = ListManager.declare(name(), r -> pids.add(r.value()));
      m.submit(Task.of("t", TestFunctions::pid));
      m.manage(Pools.intraAll());
      assertThat(pids).hasSize(1);
    }
  }

  @Test
  void aPeerOfAnotherBuild_isRefusedWithAClearMessage() throws Exception {
    try (Session session = Session.open("local:1x1")) {
      byte[] token = java.util.HexFormat.of().parseHex(
          java.nio.file.Files.readString(session.logDir().getParent().resolve("token")).trim());
      try (Connection other = new Connection(new Socket("127.0.0.1", session.hubPort()))) {
        other.send(new Message.Hello(Wire.PROTOCOL, "0.0.1-old", token, Message.Role.AGENT, "x", -1, 0, 1, 1, 0));
        Message answer = other.receive();
        assertThat(answer).isInstanceOfSatisfying(Message.Refused.class, r -> assertThat(r.reason())
            .contains("build " + Wire.buildId()).contains("0.0.1-old").contains("same build"));
      }
    }
  }

  @Test
  void badCloudSpecs_areClearErrors() {
    for (String spec : List.of("", "cloud", "local:3", "local:0x2", "local:2x-1", "local:999x999")) {
      assertThatThrownBy(() -> Session.open(spec)).isInstanceOf(SpmInputException.class)
          .hasMessageContaining("bad cloud spec").hasMessageContaining("local:SxN");
    }
  }

  @Test
  void aPoolThatNeedsACloud_withoutASession_isAClearError() {
    ListManager<String> m = ListManager.declare(name(), r -> { });
    m.submit(Task.of("t", TestFunctions::echo, "x"));
    assertThatThrownBy(() -> m.manage(Pools.inter())).isInstanceOf(SpmSessionException.class)
        .hasMessageContaining("no session is open");
  }

  @Test
  void theSeedsFourPoolsGiveTheSamePrimeCount() {
    try (Session session = Session.open("local:3x1")) {
      for (Pool pool : List.of(Pools.serial(), Pools.intraAll(), Pools.intraOnePerServer(), Pools.inter(),
          Pools.interOnePerServer())) {
        long[] total = {0};
        ListManager<Long> m = ListManager.declare(name(), r -> total[0] += r.value());
        for (long a = 3; a < 502_347; a += 50_235) {
          m.submit(Task.of("b" + a, TestFunctions::countPrimes, a, Math.min(a + 50_235, 502_347)));
        }
        m.manage(pool, ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());
        assertThat(total[0]).as("pool %s", pool).isEqualTo(41_714);
      }
    }
  }
}
