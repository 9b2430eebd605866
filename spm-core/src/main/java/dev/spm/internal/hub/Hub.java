package dev.spm.internal.hub;

import dev.spm.SpmSessionException;
import dev.spm.internal.JvmLauncher;
import dev.spm.internal.StartupCache;
import dev.spm.internal.proc.ProcessTrees;
import dev.spm.internal.task.Values;
import dev.spm.internal.wire.Codec;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.ConnectionFile;
import dev.spm.internal.wire.Message;
import dev.spm.internal.wire.Tls;
import dev.spm.internal.wire.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub's side of a session: a listening socket on loopback, the {@link Tracker}, and one agent
 * process per server of the cloud.
 *
 * <pre>
 * Overview.
 * Every connection gets a virtual thread that reads it. Its first frame must be a Hello that
 * carries this session's token (compared in constant time), this protocol and this build id;
 * anything else is answered with Refused and closed, and the hub goes on serving. An agent's
 * connection then carries SpokeExited and heartbeats; a spoke's, reports and heartbeats. A
 * watchdog asks an agent to kill any spoke silent for too long, and drops an agent that is.
 *
 * Self-cleaning: agents read their stdin, a pipe from this JVM; when this JVM dies, even by
 * SIGKILL, the pipe closes and each agent kills every process of the session and exits. Every
 * process the session starts carries SPM_SESSION=id in its environment, so close() can find and
 * kill anything left, even a daemon that left its process group.
 * </pre>
 */
public final class Hub {
  private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration AGENT_START_TIMEOUT = Duration.ofSeconds(60);
  private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final String sessionId;
  private final byte[] token;
  private final Path sessionDir;
  private final Path logDir;
  private final Path tokenFile;
  private final Path connectionFile;
  private final ClassPathShipping shipping;
  private final ServerSocket listener;
  /** With {@code listen}: the TLS listener beyond loopback, and the session's certificate. */
  private final ServerSocket tlsListener;
  private final Tls.SessionCert cert;
  private final Tracker tracker;
  private final List<Process> agents = new ArrayList<>();
  private final SessionSettings settings;
  private volatile boolean closed;

  /**
   * What a session may set about the processes it starts.
   *
   * @param listen an address to listen on beyond loopback, with TLS; null for loopback alone
   */
  public record SessionSettings(String spokeHeap, List<String> spokeJvmOptions, Path baseDir, String listen) {
    public static SessionSettings defaults() {
      return new SessionSettings("256m", List.of("-XX:+UseSerialGC", "-Xss1m"), null, null);
    }
  }

  private Hub(CloudSpec cloud, SessionSettings settings) throws IOException {
    this.settings = settings;
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[6];
    random.nextBytes(id);
    this.sessionId = HexFormat.of().formatHex(id);
    this.token = new byte[32];
    random.nextBytes(token);
    Path base = settings.baseDir() != null ? settings.baseDir()
        : Path.of(System.getProperty("java.io.tmpdir"), "spm-" + System.getProperty("user.name"));
    this.sessionDir = base.resolve(sessionId);
    this.logDir = sessionDir.resolve("logs");
    Files.createDirectories(base);
    Files.createDirectory(sessionDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.createDirectories(logDir);
    this.tokenFile = sessionDir.resolve("token");
    Files.writeString(Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------"))), HexFormat.of().formatHex(token));
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    this.tracker = new Tracker(serverName(cloud, 0), logDir);
    this.connectionFile = sessionDir.resolve("connection");
    this.shipping = new ClassPathShipping(sessionDir);
    if (settings.listen() != null) {
      this.cert = Tls.create(sessionDir);
      this.tlsListener = Tls.serverContext(cert.pkcs12(), cert.password()).getServerSocketFactory()
          .createServerSocket(0, 128, InetAddress.getByName(settings.listen()));
      new ConnectionFile(hostPort(tlsListener), token, cert.fingerprint()).write(connectionFile);
      Thread.ofVirtual().name("spm-hub-accept-tls").start(() -> acceptLoop(tlsListener));
    } else {
      this.cert = null;
      this.tlsListener = null;
      new ConnectionFile(hostPort(listener), token, null).write(connectionFile);
    }
    Thread.ofVirtual().name("spm-hub-accept").start(() -> acceptLoop(listener));
    Thread.ofVirtual().name("spm-hub-watchdog").start(this::watchdog);
  }

  /**
   * Starts a hub and its agents, and waits for every agent to connect. Spokes come up in the
   * background; a manager waits for them by its own options.
   *
   * @throws SpmSessionException if an agent does not connect in time (the message names the logs)
   */
  public static Hub start(CloudSpec cloud, SessionSettings settings) {
    Hub hub;
    try {
      hub = new Hub(cloud, settings);
    } catch (IOException e) {
      throw new SpmSessionException("could not start the hub: " + e.getMessage(), e);
    }
    try {
      for (int i = 0; i < cloud.servers(); i++) {
        hub.startAgent(serverName(cloud, i), cloud.slotsPerServer());
      }
      // While agents and spokes start, a hub that encodes without generated serializers (the
      // demos' launchers) builds those of task traffic, which the first manage would otherwise
      // build (its first report reached the manager 60 ms late). With code generation, building
      // them would compile code in the background, on the cores the spokes start on.
      if (Boolean.getBoolean("spm.wire.interpreted")) {
        Thread.ofPlatform().name("spm-hub-warm-up").daemon().start(() -> {
          try {
            Codec.warmUpForTasks();
            Values.warmUp();
          } catch (Throwable t) {
            // only a warm-up: the first manage builds what this could not
          }
        });
      }
      if (!hub.tracker.awaitAgents(cloud.servers(), System.nanoTime() + AGENT_START_TIMEOUT.toNanos())) {
        throw new SpmSessionException("the agents of cloud '" + cloud.text() + "' did not connect within "
            + AGENT_START_TIMEOUT + "; see the logs in " + hub.logDir);
      }
      return hub;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      hub.close();
      throw new SpmSessionException("interrupted while starting cloud '" + cloud.text() + "'", e);
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
  }

  /** The name of the i-th server: the host's name, with a suffix for virtual servers. */
  static String serverName(CloudSpec cloud, int i) {
    String host = hostName();
    return cloud.virtual() ? host + "-v" + (i + 1) : host;
  }

  public static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private void startAgent(String server, int slots) {
    // A session that listens beyond loopback has every spoke reach the hub there, over TLS, so that
    // every spoke's door for its gang peers is on an address the other servers can reach.
    List<String> joining = tlsListener != null ? List.of("--connection", connectionFile.toString())
        : List.of("--hub", "127.0.0.1:" + listener.getLocalPort(), "--token-file", tokenFile.toString());
    List<String> args = new ArrayList<>(joining);
    args.addAll(List.of("--server", server, "--slots", Integer.toString(slots), "--log-dir", logDir.toString(),
        "--spoke-heap", settings.spokeHeap(), "--spoke-jvm-options", String.join(" ", settings.spokeJvmOptions())));
    boolean train = StartupCache.training();
    if (train) {
      args.addAll(List.of("--train-startup", "true"));
    }
    List<String> jvm = new ArrayList<>(List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dspm.role=agent", "-Dspm.wire.interpreted=true",
        "-XX:ErrorFile=" + logDir.resolve("hs_err-agent-" + server + "-pid%p.log"))); // as for spokes
    jvm.addAll(StartupCache.options("agent", System.getProperty("java.class.path"), train));
    List<String> command = JvmLauncher.command(jvm, "dev.spm.internal.agent.AgentMain", args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("agent-" + server + ".log").toFile()))
        .redirectErrorStream(true);
    builder.environment().put(ProcessTrees.SESSION_ENV, sessionId);
    try {
      agents.add(builder.start()); // stdin stays a pipe from this JVM: its EOF tells the agent we died
    } catch (IOException e) {
      throw new SpmSessionException("could not start the agent of " + server + ": " + e.getMessage(), e);
    }
  }

  public Tracker tracker() {
    return tracker;
  }

  public String sessionId() {
    return sessionId;
  }

  public Path logDir() {
    return logDir;
  }

  public Path tokenFile() {
    return tokenFile;
  }

  /** The file an agent reads to join this session: the hub's address and the token. */
  public Path connectionFile() {
    return connectionFile;
  }

  public int port() {
    return listener.getLocalPort();
  }

  // ---- connections ---------------------------------------------------------------------------

  /** Where others reach a listener: for one on every interface, this machine's first address beyond loopback. */
  private static String hostPort(ServerSocket socket) throws IOException {
    InetAddress address = socket.getInetAddress();
    if (address.isAnyLocalAddress()) {
      address = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
          .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
          .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && a instanceof java.net.Inet4Address)
          .findFirst().orElse(InetAddress.getLoopbackAddress());
    }
    String host = address.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getLocalPort();
  }

  private void acceptLoop(ServerSocket listener) {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        Thread.ofPlatform().daemon().name("spm-hub-conn").start(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          System.getLogger("dev.spm").log(System.Logger.Level.WARNING, "accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    Connection connection;
    try {
      connection = new Connection(socket);
    } catch (IOException e) {
      closeQuietly(socket);
      return;
    }
    Message.Hello hello;
    try {
      connection.setReadTimeoutMillis((int) HELLO_TIMEOUT.toMillis());
      Message first = connection.receive();
      connection.setReadTimeoutMillis(0);
      if (!(first instanceof Message.Hello h)) {
        refuse(connection, "the first message must be Hello");
        return;
      }
      hello = h;
    } catch (IOException e) {
      connection.close();
      return;
    }
    String refusal = check(hello);
    if (refusal != null) {
      refuse(connection, refusal);
      return;
    }
    Tracker.Server server = null;
    if (hello.role() == Message.Role.AGENT) {
      if (hello.slots() < 1) {
        refuse(connection, "an agent needs at least one slot, but offered " + hello.slots());
        return;
      }
      server = tracker.agentJoined(hello.server(), connection, hello.slots());
      if (server == null) {
        refuse(connection, "server name '" + hello.server() + "' is taken in this session; give the agent another --name");
        return;
      }
    }
    Message.Welcome welcome = connection.isTls() ? new Message.Welcome(sessionId, cert.pkcs12(), cert.password())
        : new Message.Welcome(sessionId, null, null);
    if (!connection.trySend(welcome)) {
      if (server != null) {
        tracker.agentLost(server, "its connection closed");
      }
      return;
    }
    if (server != null) {
      serveAgent(connection, server);
    } else {
      serveSpoke(connection, hello);
    }
  }

  private String check(Message.Hello hello) {
    if (hello.token() == null || !MessageDigest.isEqual(hello.token(), token)) {
      return "bad session token";
    }
    if (hello.protocol() != Wire.PROTOCOL || !Wire.buildId().equals(hello.buildId())) {
      return "this hub is build " + Wire.buildId() + " (protocol " + Wire.PROTOCOL + "), but the "
          + hello.role().name().toLowerCase() + " is build " + hello.buildId() + " (protocol " + hello.protocol()
          + "); run the same build everywhere";
    }
    return null;
  }

  private static void refuse(Connection connection, String reason) {
    connection.trySend(new Message.Refused(reason));
    connection.close();
  }

  private void serveAgent(Connection connection, Tracker.Server server) {

    String why = "its connection closed";
    try {
      while (true) {
        Message message = connection.receive();
        server.lastHeard = System.nanoTime();
        switch (message) {
          case Message.SpokeExited exit -> tracker.spokeExited(server, exit);
          case Message.ClassPathRequest ignored -> connection.send(shipping.manifest());
          case Message.FetchJar fetch -> shipping.send(fetch.sha256(), connection,
              () -> server.lastHeard = System.nanoTime()); // its heartbeats wait while this thread sends
          default -> { } // heartbeats
        }
      }
    } catch (EOFException e) {
      why = "its connection closed";
    } catch (IOException e) {
      why = e.getMessage();
    } finally {
      connection.close();
      tracker.agentLost(server, why);
    }
  }

  private void serveSpoke(Connection connection, Message.Hello hello) {
    Tracker.Server server;
    try {
      server = tracker.awaitServer(hello.server(), System.nanoTime() + HELLO_TIMEOUT.toNanos());
    } catch (InterruptedException e) {
      server = null;
    }
    if (server == null) {
      connection.close(); // its agent never joined: the spoke exits, and its agent (if any) sees it
      return;
    }
    RemoteSpoke spoke = new RemoteSpoke(connection, server, hello.slot(), hello.incarnation(), hello.pid(),
        hello.peerPort());
    tracker.spokeUp(server, spoke);
    try {
      while (true) {
        Message message = connection.receive();
        spoke.lastHeard = System.nanoTime();
        switch (message) {
          case Message.ReportBatch batch -> tracker.route(new Event.Reports(spoke, batch));
          case Message.EvalStarted started -> tracker.route(new Event.Started(spoke, started.attempt()));
          case Message.ChannelMessage channel -> tracker.route(new Event.Channel(spoke, channel));
          case Message.GangResult result -> tracker.route(new Event.Declared(spoke, result));
          case Message.StopConfirmed stop -> tracker.route(new Event.StopConfirmed(spoke, stop.number()));
          default -> { } // heartbeats
        }
      }
    } catch (IOException e) {
      connection.close();
      if (!closed) {
        server.askKill(spoke, "its connection to the hub was lost");
      }
    }
  }

  private void watchdog() {
    while (!closed) {
      try {
        Thread.sleep(1000); // a periodic check, not a wait for an event
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Tracker.Server server : tracker.servers()) {
        server.agent().trySend(new Message.Heartbeat()); // so that an agent can tell a silent hub too
        if (now - server.lastHeard > SILENCE_NANOS) {
          server.agent().close(); // its reader ends, and the tracker loses the server
          continue;
        }
        for (RemoteSpoke spoke : tracker.spokesOf(server)) {
          if (now - spoke.lastHeard > SILENCE_NANOS) {
            spoke.lastHeard = now; // ask once per period
            server.askKill(spoke, "silent for " + Duration.ofNanos(SILENCE_NANOS).toSeconds() + " s");
          }
        }
      }
    }
  }

  /**
   * Stops every agent, spoke and program of the session, confirms they are gone, and stops
   * listening. Idempotent.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Tracker.Server server : tracker.servers()) {
      server.agent().trySend(new Message.Shutdown());
    }
    // A training session gives its JVMs the time to write their start-up caches as they exit.
    boolean train = StartupCache.training();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(train ? 120 : 3);
    for (Process agent : agents) {
      try {
        agent.getOutputStream().close(); // EOF on its stdin: the same signal as our death
      } catch (IOException ignored) {
        // already closed
      }
    }
    for (Process agent : agents) {
      try {
        if (!agent.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          agent.destroyForcibly();
          agent.waitFor(2, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        agent.destroyForcibly();
      }
    }
    ProcessTrees.killTagged(ProcessTrees.SESSION_ENV, sessionId, Duration.ZERO, Duration.ofSeconds(2));
    if (train) {
      StartupCache.adopt("agent", System.getProperty("java.class.path"));
    }
    closeQuietly(listener);
    if (tlsListener != null) {
      closeQuietly(tlsListener);
    }
    for (Tracker.Server server : tracker.servers()) {
      server.agent().close();
    }
    try {
      Files.deleteIfExists(tokenFile);
      Files.deleteIfExists(connectionFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing
    }
  }


}
