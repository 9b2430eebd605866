package dev.spm.internal.comm;

import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import dev.spm.internal.wire.Tls;

/**
 * A spoke's door for its gang peers: it listens on the address the spoke reached the hub from,
 * accepts connections that prove the session's token, and files what arrives in the mailbox of
 * the gang it names. A peer may connect before this spoke has heard of the gang; what it sends
 * waits in the mailbox. Connections for a gang this spoke has left are refused. It accepts only
 * once {@link #open} says whether it serves TLS.
 */
public final class PeerNet {
  private static final int HELLO_TIMEOUT_MILLIS = 10_000;

  private final ServerSocket listener;
  private final byte[] token;
  private final Map<Long, Inbound> gangs = new ConcurrentHashMap<>();
  private volatile long lastLeft = Long.MIN_VALUE;
  /** Set in a session that listens beyond loopback: peers beyond loopback talk TLS. */
  private volatile SSLContext tls;
  private volatile String fingerprint;

  private record Inbound(Mailbox mailbox, List<Connection> connections) {}

  public PeerNet(InetAddress bindTo, byte[] token) throws IOException {
    this.listener = new ServerSocket(0, 64, bindTo);
    this.token = token.clone();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /**
   * Starts accepting peers; until then they wait in the listener's backlog. With a session
   * certificate ({@code server} not null), peers beyond loopback are served over TLS with it, and
   * reached pinned to {@code fingerprint}; traffic on loopback stays in the clear.
   */
  public void open(SSLContext server, String fingerprint) {
    this.fingerprint = server == null ? null : fingerprint;
    this.tls = server;
    Thread.ofVirtual().name("spm-peer-accept").start(this::acceptLoop);
  }

  /** Opens a connection to a peer, over TLS when the session uses it and the peer is beyond loopback. */
  Socket connect(String hostPort) throws IOException {
    String fp = fingerprint;
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    boolean loopback = java.net.InetAddress.getByName(host).isLoopbackAddress();
    return Tls.connect(hostPort, fp == null || loopback ? null : fp);
  }

  byte[] token() {
    return token;
  }

  /** The mailbox of a gang this spoke takes part in now. */
  Mailbox mailbox(long gangId) {
    return inbound(gangId).mailbox();
  }

  private Inbound inbound(long gangId) {
    return gangs.computeIfAbsent(gangId, id -> new Inbound(new Mailbox(), new CopyOnWriteArrayList<>()));
  }

  /** Forgets a gang: closes the connections from its members and refuses new ones. */
  void leave(long gangId) {
    lastLeft = Math.max(lastLeft, gangId);
    Inbound inbound = gangs.remove(gangId);
    if (inbound != null) {
      inbound.connections().forEach(Connection::close);
    }
  }

  /** A gang member on this spoke. */
  public GangMember join(long gangId, int rank, String[] peers, TaskCommDeclare declare) {
    return new GangMember(gangId, rank, peers, this, declare);
  }

  /** How a member declares the gang's result: through its task's link to the hub. */
  @FunctionalInterface
  public interface TaskCommDeclare {
    void declare(byte[] value);
  }

  private void acceptLoop() {
    while (true) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // the spoke is exiting
      }
      Thread.ofVirtual().name("spm-peer-in").start(() -> serve(socket));
    }
  }

  private void serve(Socket socket) {
    Connection connection;
    Message.PeerHello hello;
    try {
      SSLContext server = tls;
      if (server != null && !socket.getInetAddress().isLoopbackAddress()) {
        socket.setSoTimeout(HELLO_TIMEOUT_MILLIS);
        socket = Tls.serve(server, socket);
      }
      connection = new Connection(socket);
      connection.setReadTimeoutMillis(HELLO_TIMEOUT_MILLIS);
      if (!(connection.receive() instanceof Message.PeerHello h) || h.token() == null
          || !MessageDigest.isEqual(h.token(), token) || h.gangId() <= lastLeft) {
        connection.close();
        return;
      }
      hello = h;
      connection.setReadTimeoutMillis(0);
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // refused anyway
      }
      return;
    }
    Inbound inbound = inbound(hello.gangId());
    inbound.connections().add(connection);
    if (hello.gangId() <= lastLeft) { // left while this connection was being accepted
      leave(hello.gangId());
      return;
    }
    try {
      while (true) {
        if (connection.receive() instanceof Message.PeerData data) {
          inbound.mailbox().add(hello.rank(), data.collective(), data.value());
        }
      }
    } catch (IOException e) {
      inbound.mailbox().gone(hello.rank());
      connection.close();
    }
  }
}
