/**
 * Graph analytics on an edge list, as SPMD kernels: PageRank as networkx computes it, and weakly
 * connected components. The seed's cmdD.
 *
 * <p>Input: {@link dev.spm.examples.graph.EdgeList} reads one directed edge {@code src dst} per
 * line (integer ids; blank lines and {@code #} comments allowed) with a byte-level parser that
 * stops at the first bad line with an {@link dev.spm.examples.graph.EdgeListException} naming the
 * file and line. The nodes are the ids that appear in an edge; {@code DenseIds} numbers them in
 * ascending id order, so every member that reads the same file numbers them alike.
 *
 * <p>Partition: {@link dev.spm.examples.graph.GraphPart#load} gives member {@code r} of
 * {@code P} a contiguous range of dense indices, balanced by edges ({@code Partitioning}), and the
 * out-edges of its nodes, duplicates removed, in CSR. Each member reads the whole file and keeps
 * its part, without talking to the others.
 *
 * <p>Kernels: {@link dev.spm.examples.graph.PageRank#run} and
 * {@link dev.spm.examples.graph.Components#run} take a member's part and an
 * {@link dev.spm.examples.graph.Exchange}: point-to-point messages of primitive arrays and a sum
 * over all members. Before the first iteration, the members agree on which of their edges' targets
 * live elsewhere ({@code Boundary}); then each iteration sends one array to each peer, directly,
 * and sums two numbers. Only each member's 10 best are gathered at the end. Three exchanges exist:
 * {@link dev.spm.examples.graph.Exchange#solo()} (the serial drivers, {@code PageRank.serial} and
 * {@code Components.serial}), {@link dev.spm.examples.graph.ThreadGang} (members on threads, for
 * tests and measurements), and a gang member's, which adapts its gang's send, receive and
 * all-reduce. {@link dev.spm.examples.graph.TimedExchange} measures any of them.
 *
 * <p>Output: {@link dev.spm.examples.graph.PageRankResult#lines()} ({@code node rank}, the 10 best,
 * rank descending then id ascending, 12 significant digits) and
 * {@link dev.spm.examples.graph.ComponentsResult#lines()} ({@code components=K}, then the 10 largest
 * sizes, one per line, descending). {@link dev.spm.examples.graph.GraphDemo} runs either on this
 * process; {@link dev.spm.examples.graph.GraphGen} writes test and benchmark graphs.
 *
 * <p>The tests compare with networkx (Debian's {@code python3-networkx}, run by
 * {@code /usr/bin/python3}); the code never calls it.
 */
package dev.spm.examples.graph;
