package dev.spm.examples.sat;

import dev.spm.Gang;
import dev.spm.HubChannel;
import java.util.Optional;

/**
 * A portfolio member's {@link ClauseExchange} over an spm gang: a {@link PackedExchange} whose
 * packets go to every other member, spoke to spoke, and whose inbox is filled from the gang at
 * each restart, without waiting. What it shipped is told to the hub on a channel, so that the hub
 * knows the total even for members that are stopped before they return.
 */
final class GangClauseExchange implements ClauseExchange {
  /** At most this many ints wait to be shipped; more exports are dropped (and counted). */
  private static final int MAX_BUFFERED_INTS = 1 << 20;

  /** What a member tells the hub at each packet: the clauses and bytes it shipped. */
  record Shipped(long clauses, long bytes) {}

  private final Gang gang;
  private final PackedExchange packed;

  GangClauseExchange(Gang gang, HubChannel<Shipped, Void> tally) {
    this.gang = gang;
    this.packed = new PackedExchange(packet -> {
      if (gang.size() == 1) {
        return;
      }
      long clauses = 0;
      for (int at = 0; at < packet.length; at += 2 + packet[at]) {
        clauses++;
      }
      for (int r = 0; r < gang.size(); r++) {
        if (r != gang.rank()) {
          gang.send(r, packet);
        }
      }
      tally.tell(new Shipped(clauses, 4L * packet.length * (gang.size() - 1)));
    }, MAX_BUFFERED_INTS);
  }

  @Override
  public void export(int[] clause, int lbd) {
    if (gang.size() > 1) {
      packed.export(clause, lbd);
    }
  }

  @Override
  public void importInto(Sink sink) {
    for (Optional<Gang.Received<int[]>> next = gang.poll(); next.isPresent(); next = gang.poll()) {
      packed.offer(next.get().value());
    }
    packed.importInto(sink);
  }

  long shippedClauses() {
    return packed.shippedClauses();
  }
}
