package dev.spm.examples.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers built on {@link Exchange}'s messages: every member sends its few values to every other,
 * so every member ends with the same whole. For the small end-of-run results only (the top 10 of
 * each member): it costs {@code P*(P-1)} messages.
 */
final class Collectives {
  private Collectives() {}

  /** Everybody's nodes, by rank of the member that gave them. */
  static List<RankedNode> allGather(Exchange ex, List<RankedNode> mine) {
    long[] ids = new long[mine.size()];
    double[] ranks = new double[mine.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = mine.get(i).node();
      ranks[i] = mine.get(i).rank();
    }
    for (int q = 0; q < ex.size(); q++) {
      if (q != ex.rank()) {
        ex.send(q, ids.clone());
        ex.send(q, ranks.clone());
      }
    }
    List<RankedNode> all = new ArrayList<>();
    for (int q = 0; q < ex.size(); q++) {
      if (q == ex.rank()) {
        all.addAll(mine);
        continue;
      }
      long[] theirIds = ex.receiveLongs(q);
      double[] theirRanks = ex.receiveDoubles(q);
      if (theirIds.length != theirRanks.length) {
        throw new ExchangeException("member " + q + " sent " + theirIds.length + " nodes but " + theirRanks.length + " ranks");
      }
      for (int i = 0; i < theirIds.length; i++) {
        all.add(new RankedNode(theirIds[i], theirRanks[i]));
      }
    }
    return all;
  }

  /** Everybody's ints, concatenated in rank order. */
  static int[] allGather(Exchange ex, int[] mine) {
    for (int q = 0; q < ex.size(); q++) {
      if (q != ex.rank()) {
        ex.send(q, mine.clone());
      }
    }
    int[] all = new int[0];
    for (int q = 0; q < ex.size(); q++) {
      int[] part = q == ex.rank() ? mine : ex.receiveInts(q);
      int at = all.length;
      all = Arrays.copyOf(all, at + part.length);
      System.arraycopy(part, 0, all, at, part.length);
    }
    return all;
  }
}
