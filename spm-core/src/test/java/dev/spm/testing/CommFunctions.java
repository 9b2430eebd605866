package dev.spm.testing;

import dev.spm.Gang;
import dev.spm.HubChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Task functions that talk: to the hub's channels, and to their gang. Static, so spokes resolve them by name. */
public final class CommFunctions {
  private CommFunctions() {}

  /** Asks the channel with {@code n}, tells it {@code -n}, and returns the reply. */
  public static Long askAndTell(HubChannel<Long, Long> channel, long n) {
    Long reply = channel.ask(n, Duration.ofSeconds(30));
    channel.tell(-n);
    return reply;
  }

  /** Asks once with no deadline of its own worth speaking of. */
  public static String askOnce(HubChannel<String, String> channel, String message) {
    return channel.ask(message, Duration.ofSeconds(30));
  }

  /** Each member: sum of ranks by all-reduce, the root's word by broadcast, a ring pass, a barrier. */
  public static String collectives(String word) {
    Gang gang = Gang.current();
    int rank = gang.rank();
    int size = gang.size();
    int sum = gang.allReduce(rank, Integer::sum);
    String root = gang.broadcast(0, rank == 0 ? word : null);
    gang.send((rank + 1) % size, "from-" + rank);
    String fromLeft = gang.receive((rank + size - 1) % size);
    gang.barrier();
    long[] big = new long[100_000];
    big[big.length - 1] = rank;
    gang.send((rank + 1) % size, big);
    long[] got = gang.receive((rank + size - 1) % size);
    return rank + "/" + size + " sum=" + sum + " root=" + root + " left=" + fromLeft + " big=" + got[got.length - 1];
  }

  /** Member {@code failing} throws; the others wait forever to receive from it. */
  public static String throwOrWait(int failing) {
    Gang gang = Gang.current();
    if (gang.rank() == failing) {
      throw new IllegalStateException("member " + failing + " gives up");
    }
    return gang.receive(failing);
  }

  /** Member {@code dying} halts its JVM; the others wait in a barrier. */
  public static String dieOrBarrier(int dying) {
    Gang gang = Gang.current();
    if (gang.rank() == dying) {
      Runtime.getRuntime().halt(7);
    }
    gang.barrier();
    return "passed";
  }

  /** Member {@code slow} sleeps far past any test deadline; the others wait for it. */
  public static String sleepOrWait(int slow) throws InterruptedException {
    Gang gang = Gang.current();
    if (gang.rank() == slow) {
      Thread.sleep(Duration.ofMinutes(10)); // ended by its deadline
    }
    return gang.receive(slow);
  }

  /** Rank 0 declares the result and returns; the others wait for a message that never comes. */
  public static String declareOrWait(String result) {
    Gang gang = Gang.current();
    if (gang.rank() == 0) {
      gang.declareResult(result);
      return "declared";
    }
    Optional<Object> never = gang.receive(0, Duration.ofMinutes(10));
    return "got " + never;
  }

  /** Member 1 fails while the marker file does not exist, creating it: the gang's first run fails. */
  public static String failFirstRun(String marker) throws Exception {
    Gang gang = Gang.current();
    Path path = Path.of(marker);
    if (gang.rank() == gang.size() - 1 && !Files.exists(path)) {
      Files.writeString(path, "failed once");
      throw new IllegalStateException("first run fails");
    }
    gang.barrier();
    return "ok " + gang.rank();
  }

  /** A member that asks the hub for its share, through a channel. */
  public static Long memberAsks(HubChannel<Integer, Long> channel) {
    Gang gang = Gang.current();
    long share = channel.ask(gang.rank(), Duration.ofSeconds(30));
    return gang.allReduce(share, Long::sum);
  }

  /** Member {@code early} returns at once; the others wait for a message from it that never comes. */
  public static String returnEarlyOrWait(int early) {
    Gang gang = Gang.current();
    if (gang.rank() == early) {
      return "returned";
    }
    return gang.receive(early);
  }

  /** Member {@code thrower} sends to every other member, then throws; they take that message and wait for more. */
  public static String talkThenThrow(int thrower) {
    Gang gang = Gang.current();
    if (gang.rank() == thrower) {
      for (int r = 0; r < gang.size(); r++) {
        if (r != thrower) {
          gang.send(r, "hello");
        }
      }
      throw new IllegalStateException("member " + thrower + " talked, then failed");
    }
    gang.<String>receive(thrower);
    return gang.receive(thrower);
  }

  /** Always fails on the last member. */
  public static String lastAlwaysFails() {
    Gang gang = Gang.current();
    if (gang.rank() == gang.size() - 1) {
      throw new IllegalStateException("the last member always fails");
    }
    gang.barrier();
    return "unreachable";
  }

  /** Tries to use the gang from a task that is not a member. */
  public static int notAMember() {
    return Gang.current().rank();
  }
}
