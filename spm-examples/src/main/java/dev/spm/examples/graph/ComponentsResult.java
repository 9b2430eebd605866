package dev.spm.examples.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Components#run} gives every member alike.
 *
 * @param count the number of weakly connected components
 * @param largest the sizes (nodes) of the {@value Components#TOP} largest, descending; all of them
 *     if fewer
 * @param rounds the rounds of label exchange it took
 */
public record ComponentsResult(long count, List<Integer> largest, int rounds) {
  /**
   * The output: {@code components=K}, then one line per size of {@link #largest()}, descending.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("components=" + count);
    largest.forEach(s -> lines.add(Integer.toString(s)));
    return lines;
  }
}
