package dev.spm;

import dev.spm.internal.hub.Backend;
import dev.spm.internal.hub.CloudSpec;
import dev.spm.internal.hub.Hub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A session: the hub, its always-online tracker, and a cloud of servers whose agents keep warm
 * spokes until the session closes. At most one session is open in a process; pools resolve
 * against it when {@code manage} starts. The serial pool needs none.
 *
 * <pre>{@code
 * try (Session session = Session.open("local")) {
 *   manager.manage(Pools.intraAll(), ManageOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Clouds: {@code local} is this machine with one slot per core; {@code local:SxN} is S virtual
 * servers of N slots, each with its own agent, all on this machine.
 *
 * <p>Every process the session starts carries {@code SPM_SESSION=<id>} in its environment. When
 * the session closes, or this JVM dies (even by SIGKILL), every agent, spoke and program of the
 * session is killed. Agent and spoke logs go to {@link #logDir()}.
 */
public final class Session implements AutoCloseable {
  private static final Object LOCK = new Object();
  private static Session current;
  /** A session being opened by {@link Builder#openAsync()}, until it is open or has failed. */
  private static CompletableFuture<Session> opening;

  private final CloudSpec cloud;
  private final Hub hub;

  private Session(CloudSpec cloud, Hub hub) {
    this.cloud = cloud;
    this.hub = hub;
  }

  /**
   * Opens a session on a cloud with default settings: each spoke JVM gets a 256 MiB heap.
   *
   * @throws SpmInputException if the cloud spec is bad
   * @throws SpmUsageException if a session is already open in this process
   * @throws SpmSessionException if the agents do not start
   */
  public static Session open(String cloud) {
    return builder(cloud).open();
  }

  /**
   * Starts opening a session on a cloud with default settings, and returns at once: the seed's
   * {@code createVirtualCloud -async}. See {@link Builder#openAsync()}.
   *
   * @throws SpmInputException if the cloud spec is bad
   * @throws SpmUsageException if a session is already open, or being opened, in this process
   */
  public static CompletableFuture<Session> openAsync(String cloud) {
    return builder(cloud).openAsync();
  }

  /** A builder for a session on a cloud; the spec is checked at once. */
  public static Builder builder(String cloud) {
    return new Builder(CloudSpec.parse(cloud));
  }

  /**
   * The open session of this process, if any. If one is being opened asynchronously, waits until
   * it is open; if that open fails, there is none.
   */
  public static Optional<Session> current() {
    try {
      return Optional.of(awaitCurrent());
    } catch (SpmException e) {
      return Optional.empty();
    }
  }

  /**
   * The open session, after waiting for one being opened asynchronously.
   *
   * @throws SpmException if there is none: SpmSessionException, or what the pending open threw
   */
  private static Session awaitCurrent() {
    CompletableFuture<Session> pending;
    synchronized (LOCK) {
      if (current != null) {
        return current;
      }
      pending = opening;
    }
    if (pending == null) {
      throw new SpmSessionException("no session is open");
    }
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpmSessionException("interrupted while waiting for the session being opened", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof SpmException cause ? cause
          : new SpmSessionException("the session being opened failed: " + e.getCause(), e.getCause());
    }
  }

  /** The session's id, which every process it starts carries as {@code SPM_SESSION}. */
  public String id() {
    return hub.sessionId();
  }

  /** Where the agents and spokes write their logs. */
  public Path logDir() {
    return hub.logDir();
  }

  /** The loopback port the hub listens on; agents and spokes connect there. */
  public int hubPort() {
    return hub.port();
  }

  /** The cloud spec it was opened with. */
  public String cloud() {
    return cloud.text();
  }

  /**
   * The file another agent reads to join this session ({@code spm agent --connection FILE}):
   * the hub's address and the session's token, readable by this user alone. Deleted at close.
   */
  public java.nio.file.Path connectionFile() {
    return hub.connectionFile();
  }

  /** The servers' names; the first is the hub's server. */
  public List<String> servers() {
    List<String> names = new ArrayList<>();
    hub.tracker().serverNames(names);
    return names;
  }

  /**
   * Waits until every slot of the cloud has a live spoke.
   *
   * @throws SpmSessionException if that does not happen within the timeout
   */
  public void awaitSpokes(Duration timeout) {
    try {
      if (!hub.tracker().awaitAllSpokes(System.nanoTime() + timeout.toNanos())) {
        throw new SpmSessionException("not every spoke of cloud '" + cloud.text() + "' came up within " + timeout
            + "; see the logs in " + logDir());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpmSessionException("interrupted while waiting for spokes", e);
    }
  }

  /**
   * Closes the session: stops every agent, spoke and program it started and confirms they are
   * gone. Idempotent.
   *
   * @throws SpmUsageException if a manager is online
   */
  @Override
  public void close() {
    Spm.requireOffline();
    synchronized (LOCK) {
      if (current == this) {
        current = null;
      }
    }
    hub.close();
  }

  static String hubServerName() {
    synchronized (LOCK) {
      return current != null ? current.hub.tracker().hubServer() : Hub.hostName();
    }
  }

  /** The backend of the open session; waits for a session being opened asynchronously. */
  static Backend backend(Pool pool) {
    synchronized (LOCK) {
      if (current == null && opening == null) {
        throw new SpmSessionException("pool " + pool + " needs a cloud, but no session is open; open one first, "
            + "e.g. Session.open(\"local\"), or use Pools.serial()");
      }
    }
    return awaitCurrent().hub.tracker();
  }

  /** Settings of the processes a session starts. */
  public static final class Builder {
    private final CloudSpec cloud;
    private String spokeHeap = "256m";
    private List<String> spokeJvmOptions = List.of("-XX:+UseSerialGC");
    private Path baseDir;
    private String listen;

    private Builder(CloudSpec cloud) {
      this.cloud = cloud;
    }

    /**
     * The heap limit of each spoke JVM, as for {@code -Xmx} (256m by default).
     *
     * @throws SpmInputException if it is not a size such as 512m or 2g
     */
    public Builder spokeHeap(String size) {
      if (size == null || !size.matches("[1-9][0-9]*[kKmMgG]?")) {
        throw new SpmInputException("spokeHeap must be a size such as 256m or 2g, but was " + size);
      }
      this.spokeHeap = size;
      return this;
    }

    /** Further options of each spoke JVM ({@code -XX:+UseSerialGC} by default). */
    public Builder spokeJvmOptions(List<String> options) {
      this.spokeJvmOptions = List.copyOf(Objects.requireNonNull(options, "options"));
      return this;
    }

    /** Where session folders (logs, token) are made; the temporary folder by default. */
    public Builder baseDir(Path dir) {
      this.baseDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Listens for agents of other servers on this address too (not only on loopback), over TLS:
     * the session makes a certificate, and its {@link Session#connectionFile()} then names this
     * address and the certificate's fingerprint, which agents pin. Every spoke then reaches the
     * hub, and gang members reach each other beyond loopback, over TLS.
     *
     * @throws SpmInputException if the address is not an IP address or host name of this machine
     */
    public Builder listen(String address) {
      Objects.requireNonNull(address, "address");
      try {
        java.net.InetAddress resolved = java.net.InetAddress.getByName(address);
        if (!resolved.isAnyLocalAddress() && java.net.NetworkInterface.getByInetAddress(resolved) == null) {
          throw new SpmInputException("cannot listen on " + address + ": it is not an address of this machine");
        }
      } catch (java.io.IOException e) {
        throw new SpmInputException("cannot listen on " + address + ": " + e.getMessage(), e);
      }
      this.listen = address;
      return this;
    }

    /**
     * Opens the session and waits for its agents; spokes come up in the background.
     *
     * @throws SpmUsageException if a session is already open in this process
     * @throws SpmSessionException if the agents do not start
     */
    public Session open() {
      Spm.requireHub();
      synchronized (LOCK) {
        requireNone();
        Hub hub = Hub.start(cloud, new Hub.SessionSettings(spokeHeap, spokeJvmOptions, baseDir, listen));
        current = new Session(cloud, hub);
        return current;
      }
    }

    /**
     * Starts opening the session on a thread of its own and returns at once: the seed's
     * {@code createVirtualCloud -async}. Meanwhile the caller may declare managers and submit
     * tasks; a {@code manage} on a pool that needs the cloud, and {@link Session#current()}, wait
     * for the open to end, and {@code manage} then waits for spokes as always (up to
     * timeoutWaitForSpokes). The future completes with the open session, or exceptionally with the
     * {@link SpmSessionException} that {@link #open()} would have thrown; then {@code manage}
     * throws it too, and another session may be opened.
     *
     * @throws SpmUsageException if a session is already open, or being opened, in this process
     */
    public CompletableFuture<Session> openAsync() {
      Spm.requireHub();
      CompletableFuture<Session> future = new CompletableFuture<>();
      synchronized (LOCK) {
        requireNone();
        opening = future;
      }
      Thread.ofPlatform().name("spm-session-open").daemon().start(() -> {
        try {
          Hub hub = Hub.start(cloud, new Hub.SessionSettings(spokeHeap, spokeJvmOptions, baseDir, listen));
          Session session;
          synchronized (LOCK) {
            session = new Session(cloud, hub);
            current = session;
            opening = null;
          }
          future.complete(session);
        } catch (RuntimeException | Error e) {
          synchronized (LOCK) {
            opening = null;
          }
          future.completeExceptionally(e);
        }
      });
      return future;
    }

    /** Holds LOCK. */
    private static void requireNone() {
      if (current != null) {
        throw new SpmUsageException("a session is already open (" + current.id() + " on cloud '" + current.cloud()
            + "'); close it before opening another");
      }
      if (opening != null) {
        throw new SpmUsageException("a session is being opened (Session.openAsync); close it before opening another");
      }
    }
  }
}
