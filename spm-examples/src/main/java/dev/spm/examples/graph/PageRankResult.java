package dev.spm.examples.graph;

import java.util.List;

/**
 * What {@link PageRank#run} gives one member.
 *
 * @param top the best {@value PageRank#TOP} nodes of the whole graph in output order (fewer if
 *     the graph has fewer nodes); the same on every member
 * @param iterations the iterations run
 * @param change the L1 change of the last iteration
 * @param nodes N, the nodes of the whole graph
 * @param first the dense index of this member's first node
 * @param ranks this member's ranks, by dense index minus {@code first}; not to be modified
 * @param loopNanos the time of the iterations on this member, from the first to the last
 */
public record PageRankResult(List<RankedNode> top, int iterations, double change, int nodes, int first,
    double[] ranks, long loopNanos) {
  /** The output: one {@code node rank} line per node of {@link #top()}. */
  public List<String> lines() {
    return top.stream().map(RankedNode::line).toList();
  }
}
