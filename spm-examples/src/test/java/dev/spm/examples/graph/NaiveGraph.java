package dev.spm.examples.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The obvious implementations, with maps and sets of ids, as an independent reference that needs
 * no Python: PageRank written from networkx's {@code _pagerank_python}, and components by
 * breadth-first search over undirected adjacency.
 */
final class NaiveGraph {
  private final Map<Long, Set<Long>> out = new TreeMap<>();

  NaiveGraph(EdgeList edges) {
    for (int i = 0; i < edges.size(); i++) {
      out.computeIfAbsent(edges.src(i), k -> new TreeSet<>()).add(edges.dst(i));
      out.computeIfAbsent(edges.dst(i), k -> new TreeSet<>());
    }
  }

  /** Ranks by id after {@code iterations} power iterations from 1/N, as networkx iterates. */
  Map<Long, Double> pagerank(int iterations) {
    int n = out.size();
    Map<Long, Double> x = new HashMap<>();
    out.keySet().forEach(v -> x.put(v, 1.0 / n));
    for (int it = 0; it < iterations; it++) {
      Map<Long, Double> next = new HashMap<>();
      double dangling = 0;
      for (Map.Entry<Long, Set<Long>> e : out.entrySet()) {
        if (e.getValue().isEmpty()) {
          dangling += x.get(e.getKey());
        }
      }
      for (Long v : out.keySet()) {
        next.put(v, 0.0);
      }
      for (Map.Entry<Long, Set<Long>> e : out.entrySet()) {
        double share = x.get(e.getKey()) / e.getValue().size();
        for (Long t : e.getValue()) {
          next.merge(t, 0.85 * share, Double::sum);
        }
      }
      double add = 0.85 * dangling / n + 0.15 / n;
      next.replaceAll((v, r) -> r + add);
      x.clear();
      x.putAll(next);
    }
    return x;
  }

  /** The sizes of the weakly connected components, descending. */
  List<Integer> componentSizes() {
    Map<Long, Set<Long>> undirected = new HashMap<>();
    out.forEach((u, ts) -> {
      undirected.computeIfAbsent(u, k -> new HashSet<>());
      for (Long t : ts) {
        undirected.get(u).add(t);
        undirected.computeIfAbsent(t, k -> new HashSet<>()).add(u);
      }
    });
    Set<Long> seen = new HashSet<>();
    List<Integer> sizes = new ArrayList<>();
    for (Long start : undirected.keySet()) {
      if (!seen.add(start)) {
        continue;
      }
      int size = 0;
      Deque<Long> todo = new ArrayDeque<>(List.of(start));
      while (!todo.isEmpty()) {
        Long v = todo.pop();
        size++;
        for (Long w : undirected.get(v)) {
          if (seen.add(w)) {
            todo.push(w);
          }
        }
      }
      sizes.add(size);
    }
    sizes.sort(Comparator.reverseOrder());
    return sizes;
  }
}
