package dev.spm.cli;

import dev.spm.Pool;
import dev.spm.Pools;
import dev.spm.Session;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cloud arithmetic for the command line: how many slots a pool gets on a cloud, and a cloud
 * grown so that a pool gets at least N slots (for {@code spm run -j N} beyond the slots).
 */
final class Clouds {
  private static final Pattern VIRTUAL = Pattern.compile("local:(\\d+)x(\\d+)");
  /** The most slots a cloud on one machine may have (as the core's cloud spec allows). */
  static final int MAX_SLOTS = 256;

  private Clouds() {}

  /** Servers and slots per server of a (valid) cloud spec. */
  record Shape(int servers, int slotsPerServer) {
    static Shape of(String cloud) {
      Matcher m = VIRTUAL.matcher(cloud.trim());
      if (m.matches()) {
        return new Shape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      return new Shape(1, Runtime.getRuntime().availableProcessors());
    }

    String spec() {
      return "local:" + servers + "x" + slotsPerServer;
    }
  }

  /** How many spokes the pool selects on the cloud: 1 for serial (the hub itself). */
  static int slots(Pool pool, Shape shape) {
    int n = switch (pool.kind()) {
      case SERIAL -> 1;
      case INTRA_ALL -> shape.slotsPerServer();
      case INTRA_ONE_PER_SERVER -> 1;
      case INTER -> shape.servers() * shape.slotsPerServer();
      case INTER_ONE_PER_SERVER -> shape.servers();
      case SLOTS -> pool.slots().size();
    };
    return pool.cap() > 0 ? Math.min(n, pool.cap()) : n;
  }

  /**
   * The cloud to open so that the pool has at least {@code jobs} slots: the given one when it has
   * enough; else the same number of servers with more slots each (for the pools that take every
   * slot of a server). A pool of one slot per server, or the serial pool, cannot grow this way;
   * then the given cloud is returned and the jobs are capped at its slots.
   */
  static String grownFor(String cloud, Pool pool, int jobs) {
    Shape shape = Shape.of(cloud);
    if (slots(pool, shape) >= jobs) {
      return cloud;
    }
    int perServer = switch (pool.kind()) {
      case INTRA_ALL -> jobs;
      case INTER -> (jobs + shape.servers() - 1) / shape.servers();
      default -> shape.slotsPerServer();
    };
    perServer = Math.min(perServer, MAX_SLOTS / shape.servers());
    if (perServer <= shape.slotsPerServer()) {
      return cloud;
    }
    return new Shape(shape.servers(), perServer).spec();
  }

  /**
   * Whether {@code spm run} runs the jobs from its own process: on this machine's own cloud
   * ({@code local}, not a virtual one) with a pool of this machine (intra pools and serial).
   */
  static boolean isLocal(String cloud, Pool pool) {
    return !VIRTUAL.matcher(cloud.trim()).matches() && switch (pool.kind()) {
      case SERIAL, INTRA_ALL, INTRA_ONE_PER_SERVER -> true;
      default -> false;
    };
  }

  /** Opens a session for the pool, or none (null) for the serial pool. */
  static Session openFor(Pool pool, String cloud) {
    return openFor(pool, cloud, null);
  }

  /** As {@link #openFor(Pool, String)}, with these spoke JVM options (null: the default ones). */
  static Session openFor(Pool pool, String cloud, List<String> spokeJvmOptions) {
    if (pool.isSerial()) {
      return null;
    }
    Session.Builder builder = Session.builder(cloud);
    if (spokeJvmOptions != null) {
      builder.spokeJvmOptions(spokeJvmOptions);
    }
    if (listen != null) {
      builder.listen(listen);
    }
    Session session = builder.open();
    if (listen != null) {
      System.err.println("spm: other servers may join this session with: spm agent --connection "
          + session.connectionFile());
    }
    session.awaitSpokes(Duration.ofSeconds(60));
    return session;
  }

  /** The address given with --listen, for the session this command opens; null for loopback alone. */
  private static String listen;

  static void listen(String address) {
    listen = address;
  }

  static Pool defaultPool() {
    return Pools.intraAll();
  }
}
