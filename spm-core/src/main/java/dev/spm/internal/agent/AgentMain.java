package dev.spm.internal.agent;

import dev.spm.internal.JvmLauncher;
import dev.spm.internal.StartupCache;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.internal.proc.Reaper;
import dev.spm.internal.wire.Codec;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.ConnectionFile;
import dev.spm.internal.wire.Tls;
import dev.spm.internal.wire.Message;
import dev.spm.internal.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The agent: one per server. Starts a spoke JVM per slot, watches each, kills a spoke's whole
 * process tree when the hub asks (a deadline, a lost connection) and starts a fresh incarnation
 * in its place, and reports every exit to the hub only once the tree is confirmed dead.
 *
 * <pre>
 * Overview.
 * Threads: main reads the hub's connection; one virtual thread watches stdin (a pipe from the
 * hub's JVM: EOF means the hub died); one sends heartbeats; each spoke's exit is handled on a
 * virtual thread. Slots are guarded by their own lock. Every spoke carries SPM_SESSION (the
 * session) and SPM_SPOKE (its own incarnation) in its environment, so the tree of a spoke, and
 * everything of the session, can be found in /proc even after a program has left its process
 * group. When the hub goes away the agent kills everything of the session and exits.
 * </pre>
 */
public final class AgentMain {
  private static final long QUICK_DEATH_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int HUB_SILENCE_MILLIS = 15_000;

  private final Map<String, String> options;
  private final String server;
  private final int slots;
  /** Started by {@code spm agent} to join a running session, not by the hub: it learns the session from the hub. */
  private final boolean standalone;
  /** Whether slot 0's first spoke records the spokes' start-up cache (a training session). */
  private final boolean trainStartup;
  private String sessionId;
  private Path logDir;
  private final List<String> spokeCommandOptions;
  private final Slot[] slotTable;
  private final Map<Long, Boolean> ownPids = new ConcurrentHashMap<>();
  private volatile Connection hub;
  private volatile boolean stopping;
  /** The spokes' class path: this JVM's, or, for a standalone agent, the hub's jars fetched into the cache. */
  private String spokeClassPath = System.getProperty("java.class.path");

  /** One slot: its current spoke process. */
  private static final class Slot {
    final int index;
    int incarnation;
    Process process;
    String killReason;
    long startedNanos;
    int quickDeaths;
    /** Whether the spoke now in this slot records the start-up cache as it exits. */
    boolean training;

    Slot(int index) {
      this.index = index;
    }
  }

  private AgentMain(Map<String, String> options) {
    String connection = options.get("--connection");
    if (connection != null) { // a session's connection file: the hub's address and the token
      options.put("--hub", ConnectionFile.read(Path.of(connection)).hub());
      options.put("--token-file", connection);
    }
    this.options = options;
    this.server = options.get("--server");
    this.slots = Integer.parseInt(options.get("--slots"));
    this.standalone = Boolean.parseBoolean(options.getOrDefault("--standalone", "false"));
    this.trainStartup = Boolean.parseBoolean(options.getOrDefault("--train-startup", "false"));
    this.sessionId = System.getenv(ProcessTrees.SESSION_ENV);
    this.logDir = options.containsKey("--log-dir") ? Path.of(options.get("--log-dir")) : null;
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx" + options.getOrDefault("--spoke-heap", "256m"));
    String extra = options.getOrDefault("--spoke-jvm-options", "").trim();
    if (!extra.isEmpty()) {
      jvm.addAll(Arrays.asList(extra.split(" +")));
    }
    jvm.add("-Dspm.role=spoke");
    jvm.add("-Dspm.wire.interpreted=true"); // see Codec
    this.spokeCommandOptions = jvm;
    this.slotTable = new Slot[slots];
    for (int i = 0; i < slots; i++) {
      slotTable[i] = new Slot(i);
    }
  }

  public static void main(String[] args) throws Exception {
    // The wire's codec is built (about 250 ms in a cold JVM) while this thread starts the spokes.
    Thread.ofPlatform().name("spm-agent-codec").daemon().start(Codec::warmUp);
    Map<String, String> options = parse(args);
    new AgentMain(options).run();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private void run() throws IOException {
    // Spokes start first: a JVM takes most of a second to start, and the hub holds a spoke's
    // connection until this agent has joined. A standalone agent learns the session by joining.
    if (!standalone) {
      launchAll();
    }
    Message answer;
    try {
      ConnectionFile joining = ConnectionFile.read(Path.of(options.get("--token-file")));
      byte[] token = joining.token();
      hub = new Connection(Tls.connect(options.get("--hub"), joining.tls()));
      hub.send(new Message.Hello(Wire.PROTOCOL, Wire.buildId(), token, Message.Role.AGENT, server, -1, 0,
          ProcessHandle.current().pid(), slots, 0));
      do {
        answer = hub.receive(); // the hub may send a heartbeat before its Welcome
      } while (answer instanceof Message.Heartbeat);
      hub.setReadTimeoutMillis(HUB_SILENCE_MILLIS); // the hub sends a heartbeat every second
    } catch (IOException | RuntimeException e) {
      shutdown("could not join the hub: " + e);
      return;
    }
    if (answer instanceof Message.Refused refused) {
      System.err.println("spm agent: the hub refused this agent: " + refused.reason());
      shutdown("the hub refused this agent");
    }
    if (standalone) {
      sessionId = ((Message.Welcome) answer).sessionId();
      if (logDir == null) {
        logDir = Path.of(System.getProperty("java.io.tmpdir"), "spm-agent-" + System.getProperty("user.name"),
            sessionId + "-" + server);
      }
      Files.createDirectories(logDir);
      Thread.ofVirtual().name("spm-agent-heartbeat").start(this::heartbeat);
      if (!Boolean.parseBoolean(options.getOrDefault("--local-classpath", "false"))) {
        Path cache = options.containsKey("--cache-dir") ? Path.of(options.get("--cache-dir"))
            : Path.of(System.getProperty("user.home"), ".cache", "spm", "jars");
        JarCache.Fetched fetched;
        try {
          fetched = new JarCache(cache).fetch(hub);
        } catch (IOException e) {
          shutdown("could not fetch the hub's class path: " + e.getMessage());
          return;
        }
        spokeClassPath = fetched.classPath();
        log("the hub's class path: " + fetched.total() + " jar(s), " + fetched.fetched() + " fetched (" + fetched.bytes()
            + " bytes), the rest cached in " + cache);
      }
      launchAll();
    } else {
      Thread.ofVirtual().name("spm-agent-heartbeat").start(this::heartbeat);
    }
    boolean subreaper = ProcessTrees.becomeSubreaper();
    if (subreaper) {
      Reaper.start(pid -> ownPids.containsKey(pid)); // orphans of spokes' programs are reparented here
    }
    log("joined session " + sessionId + " as " + server + " with " + slots + " slot(s); subreaper: " + subreaper);
    if (!standalone) {
      Thread.ofVirtual().name("spm-agent-stdin").start(this::watchStdin); // a pipe from the hub's JVM
    }
    try {
      while (true) {
        Message message = hub.receive();
        switch (message) {
          case Message.KillSpoke kill -> kill(kill);
          case Message.Shutdown ignored -> shutdown("the hub asked");
          default -> { }
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      shutdown("the hub has been silent for " + HUB_SILENCE_MILLIS / 1000 + " s");
    } catch (IOException e) {
      shutdown("the connection to the hub was lost");
    }
  }

  private void launchAll() {
    for (Slot slot : slotTable) {
      synchronized (slot) {
        launch(slot);
      }
    }
  }

  private void launch(Slot slot) {
    if (stopping) {
      return;
    }
    slot.incarnation++;
    slot.killReason = null;
    String tag = sessionId + "/" + server + "/" + slot.index + "#" + slot.incarnation;
    List<String> args = List.of("--spoke", "--hub", options.get("--hub"), "--token-file", options.get("--token-file"),
        "--server", server, "--slot", Integer.toString(slot.index), "--incarnation",
        Integer.toString(slot.incarnation));
    slot.training = trainStartup && slot.index == 0 && slot.incarnation == 1;
    List<String> jvm = new ArrayList<>();
    // A JVM that crashes writes its report beside the spoke's log, not into the working directory
    // (first: a user's own -XX:ErrorFile among the options comes later and wins).
    jvm.add("-XX:ErrorFile=" + logDir.resolve("hs_err-spoke-" + server + "-slot" + slot.index + "-pid%p.log"));
    jvm.addAll(spokeCommandOptions);
    jvm.addAll(StartupCache.options("spoke", spokeClassPath, slot.training));
    ProcessBuilder builder = new ProcessBuilder(JvmLauncher.command(jvm, spokeClassPath,
        "dev.spm.internal.spoke.SpokeMain", args))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(
            logDir.resolve("spoke-" + server + "-slot" + slot.index + ".log").toFile()));
    builder.environment().put(ProcessTrees.SESSION_ENV, sessionId);
    builder.environment().put(ProcessTrees.SPOKE_ENV, tag);
    try {
      Process process = builder.start();
      slot.process = process;
      slot.startedNanos = System.nanoTime();
      ownPids.put(process.pid(), true);
      int incarnation = slot.incarnation;
      process.onExit().thenRun(() -> Thread.ofVirtual().start(() -> exited(slot, incarnation, process, tag)));
    } catch (IOException e) {
      log("could not start a spoke in slot " + slot.index + ": " + e);
    }
  }

  private void exited(Slot slot, int incarnation, Process process, String tag) {
    ProcessTrees.killTagged(ProcessTrees.SPOKE_ENV, tag, Duration.ZERO, Duration.ofSeconds(5));
    ownPids.remove(process.pid());
    int code = process.exitValue();
    int signal = code > 128 ? code - 128 : 0;
    String reason;
    synchronized (slot) {
      reason = slot.killReason != null ? slot.killReason : (signal > 0 ? "killed by signal " + signal
          : "exited with code " + code);
      if (slot.incarnation != incarnation) {
        return;
      }
      slot.process = null;
    }
    log("spoke " + tag + " (pid " + process.pid() + ") is gone: " + reason);
    Connection hub = this.hub;
    if (hub != null) {
      hub.trySend(new Message.SpokeExited(slot.index, incarnation, process.pid(), code, signal, reason));
    }
    synchronized (slot) {
      boolean quick = System.nanoTime() - slot.startedNanos < QUICK_DEATH_NANOS && slot.killReason == null;
      slot.quickDeaths = quick ? slot.quickDeaths + 1 : 0;
      if (slot.quickDeaths == 5) {
        log("slot " + slot.index + " keeps dying soon after start; relaunching it every 5 s. See this slot's log.");
      }
      if (slot.quickDeaths > 0) {
        try {
          slot.wait(Math.min(5000, 200L << slot.quickDeaths));
        } catch (InterruptedException e) {
          return;
        }
      }
      launch(slot);
    }
  }

  private void kill(Message.KillSpoke kill) {
    if (kill.slot() < 0 || kill.slot() >= slots) {
      return;
    }
    Slot slot = slotTable[kill.slot()];
    Process process;
    synchronized (slot) {
      if (slot.incarnation != kill.incarnation() || slot.process == null) {
        return;
      }
      slot.killReason = kill.reason();
      process = slot.process;
    }
    String tag = sessionId + "/" + server + "/" + slot.index + "#" + kill.incarnation();
    ProcessTrees.killTree(process.pid(), ProcessTrees.SPOKE_ENV, tag, Duration.ZERO, Duration.ofSeconds(5));
  }

  private void watchStdin() {
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // the hub never writes; a read returns only at EOF
      }
    } catch (IOException ignored) {
      // same as EOF
    }
    shutdown("the hub's process is gone");
  }

  private void heartbeat() {
    while (!stopping) {
      if (!hub.trySend(new Message.Heartbeat())) {
        shutdown("the connection to the hub was lost");
        return;
      }
      try {
        Thread.sleep(1000); // the heartbeat period
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void shutdown(String why) {
    if (stopping) {
      return;
    }
    stopping = true;
    log("stopping: " + why);
    if (sessionId == null) {
      Runtime.getRuntime().halt(1); // never joined: nothing was started
    }
    Process recording = null;
    for (Slot slot : slotTable) {
      synchronized (slot) {
        if (slot.process != null && slot.training) {
          recording = slot.process;
        } else if (slot.process != null) {
          slot.process.destroyForcibly();
        }
      }
    }
    if (recording != null) {
      awaitRecording(recording);
    }
    boolean clean = ProcessTrees.killTagged(ProcessTrees.SESSION_ENV, sessionId, Duration.ZERO, Duration.ofSeconds(5));
    log(clean ? "every process of the session on " + server + " is gone" : "some processes would not die");
    if (hub != null) {
      hub.close();
    }
    Runtime.getRuntime().halt(standalone && !"the hub asked".equals(why) ? 1 : 0);
  }

  /**
   * Lets a spoke that records the start-up cache exit by itself (EOF on its stdin), which writes the
   * cache, and adopts it; kills it after two minutes.
   */
  private void awaitRecording(Process spoke) {
    log("letting spoke " + spoke.pid() + " write the spokes' start-up cache");
    try {
      spoke.getOutputStream().close();
      if (!spoke.waitFor(2, TimeUnit.MINUTES)) {
        spoke.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      spoke.destroyForcibly();
    }
    log(StartupCache.adopt("spoke", spokeClassPath) ? "the spokes' start-up cache is made"
        : "no start-up cache for spokes was made");
  }

  private void log(String line) {
    System.out.println(java.time.Instant.now() + " agent " + server + ": " + line);
    System.out.flush();
  }
}
