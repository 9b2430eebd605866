package dev.spm.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands on each job's output whole: at once, or with {@code -k} in job order, holding those that
 * end early until the jobs before them have ended.
 *
 * @param <T> a job's output
 */
final class OrderedOutput<T> {
  private final boolean keepOrder;
  private final Consumer<T> sink;
  private final Map<Long, T> waiting = new HashMap<>();
  private long next = 1;

  OrderedOutput(boolean keepOrder, Consumer<T> sink) {
    this.keepOrder = keepOrder;
    this.sink = sink;
  }

  /** Job {@code seq} (from 1) ended with this output. */
  void done(long seq, T output) {
    if (!keepOrder) {
      sink.accept(output);
      return;
    }
    waiting.put(seq, output);
    while (waiting.containsKey(next)) {
      sink.accept(waiting.remove(next++));
    }
  }

  /** Whether {@link #done} for this job would hold its output, waiting for earlier jobs. */
  boolean wouldHold(long seq) {
    return keepOrder && seq != next;
  }

  /** Everything held, in job order, removed without being handed on. */
  java.util.List<T> drain() {
    java.util.List<T> held = waiting.keySet().stream().sorted().map(waiting::get).toList();
    waiting.clear();
    return held;
  }

  /** Hands on what is still held, in job order (after a run that ended early). */
  void flush() {
    waiting.keySet().stream().sorted().toList().forEach(seq -> sink.accept(waiting.remove(seq)));
  }
}
