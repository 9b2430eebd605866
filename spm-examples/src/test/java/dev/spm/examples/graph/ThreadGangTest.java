package dev.spm.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The in-process Exchange: delivery, sums, and how one member's failure ends the others. */
class ThreadGangTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @Test
  void messages_arriveInOrderPerSender_andSumsAreTheSameOnEveryMember() {
    List<String> results = ThreadGang.run(4, LONG, ex -> {
      for (int q = 0; q < ex.size(); q++) {
        if (q != ex.rank()) {
          ex.send(q, new int[] {ex.rank(), 1});
          ex.send(q, new long[] {ex.rank(), 2});
          ex.send(q, new double[] {ex.rank(), 3});
        }
      }
      StringBuilder got = new StringBuilder();
      for (int q = 0; q < ex.size(); q++) {
        if (q != ex.rank()) {
          int[] a = ex.receiveInts(q);
          long[] b = ex.receiveLongs(q);
          double[] c = ex.receiveDoubles(q);
          got.append(a[0]).append(a[1]).append(b[0]).append(b[1]).append((int) c[0]).append((int) c[1]).append(' ');
        }
      }
      double s = ex.allReduceSum(0.1 * (ex.rank() + 1));
      double[] v = ex.allReduceSum(new double[] {ex.rank(), 1});
      return got.toString().strip() + " | " + s + " " + v[0] + " " + v[1];
    });
    double sum = 0;
    for (int r = 0; r < 4; r++) {
      sum += 0.1 * (r + 1); // in rank order, as the implementation adds
    }
    String sums = " | " + sum + " 6.0 4.0";
    assertThat(results).containsExactly(
        "111213 212223 313233" + sums,
        "010203 212223 313233" + sums,
        "010203 111213 313233" + sums,
        "010203 111213 212223" + sums);
  }

  @Test
  void memberThatThrows_endsTheOthersWaitingInReceiveAndInSum_andIsTheCause() {
    CountDownLatch othersWaiting = new CountDownLatch(2);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ThreadGang.run(3, LONG, ex -> {
      switch (ex.rank()) {
        case 0 -> {
          othersWaiting.countDown();
          return ex.receiveInts(1); // never sent
        }
        case 1 -> {
          othersWaiting.await();
          throw new IllegalStateException("member 1 broke");
        }
        default -> {
          othersWaiting.countDown();
          return ex.allReduceSum(1.0);
        }
      }
    }))
        .isInstanceOf(ExchangeException.class)
        .hasMessageStartingWith("member 1 of 3 failed: java.lang.IllegalStateException: member 1 broke")
        .cause().isInstanceOf(IllegalStateException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void receiveOfTheWrongType_failsTheGang_namingBothTypes() {
    assertThatThrownBy(() -> ThreadGang.run(2, LONG, ex -> {
      if (ex.rank() == 0) {
        ex.send(1, new int[] {1});
        return ex.receiveDoubles(1);
      }
      return ex.receiveDoubles(0);
    }))
        .hasMessageContaining("member 1 expected a double[] from member 0, but got a int[]");
  }

  @Test
  void waitPastTheDeadline_failsInsteadOfHanging() {
    assertThatThrownBy(() -> ThreadGang.run(2, Duration.ofMillis(200), ex -> ex.rank() == 0 ? ex.receiveInts(1) : null))
        .hasMessageContaining("member 0 waited past the deadline for a message from member 1");
  }

  @Test
  void sumsOfDifferentLengths_failOnEveryMember() {
    assertThatThrownBy(() -> ThreadGang.run(2, LONG, ex -> ex.allReduceSum(new double[ex.rank() + 1])))
        .hasMessageContaining("allReduceSum of arrays of different lengths: member 0 gave 1, member 1 gave 2");
  }

  @Test
  void talkingToOneself_orToNobody_isRefused() {
    assertThatThrownBy(() -> ThreadGang.run(2, LONG, ex -> {
      ex.send(ex.rank(), new int[0]);
      return null;
    })).hasMessageContaining("cannot talk to member");
    assertThatThrownBy(() -> Exchange.solo().send(1, new int[0]))
        .isInstanceOf(ExchangeException.class)
        .hasMessage("member 1 does not exist: a gang of one has only member 0");
    assertThat(Exchange.solo().allReduceSum(2.5)).isEqualTo(2.5);
  }

  @Test
  void timedExchange_countsMessagesBytesAndSums() {
    List<TimedExchange> timed = ThreadGang.run(2, LONG, plain -> {
      TimedExchange ex = new TimedExchange(plain);
      ex.send(1 - ex.rank(), new double[10]);
      ex.receiveDoubles(1 - ex.rank());
      ex.allReduceSum(1);
      return ex;
    });
    for (TimedExchange t : timed) {
      assertThat(t.messages()).isEqualTo(1);
      assertThat(t.bytes()).isEqualTo(80);
      assertThat(t.sums()).isEqualTo(1);
      assertThat(t.nanos()).isPositive();
    }
  }
}
