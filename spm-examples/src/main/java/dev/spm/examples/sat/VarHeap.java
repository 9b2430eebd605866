package dev.spm.examples.sat;

/**
 * A binary max-heap of variables ordered by activity, VSIDS's decision queue. It reads the
 * activities from the solver's array; after raising one, the solver calls {@link #increased}. Not
 * thread-safe.
 */
final class VarHeap {
  private final double[] activity;
  private final int[] heap;
  /** Where each variable sits in {@link #heap}, or -1 when it is not in the heap. */
  private final int[] index;
  private int size;

  VarHeap(double[] activity) {
    this.activity = activity;
    this.heap = new int[activity.length];
    this.index = new int[activity.length];
    java.util.Arrays.fill(index, -1);
  }

  boolean contains(int v) {
    return index[v] >= 0;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The variable at position {@code i}, for picking one at random. */
  int at(int i) {
    return heap[i];
  }

  void insert(int v) {
    index[v] = size;
    heap[size++] = v;
    up(index[v]);
  }

  /** Restores the order after the activity of {@code v}, which is in the heap, grew. */
  void increased(int v) {
    up(index[v]);
  }

  int removeMax() {
    int top = heap[0];
    int last = heap[--size];
    index[top] = -1;
    if (size > 0) {
      heap[0] = last;
      index[last] = 0;
      down(0);
    }
    return top;
  }

  private void up(int i) {
    int v = heap[i];
    double a = activity[v];
    while (i > 0) {
      int parent = (i - 1) >> 1;
      int p = heap[parent];
      if (activity[p] >= a) {
        break;
      }
      heap[i] = p;
      index[p] = i;
      i = parent;
    }
    heap[i] = v;
    index[v] = i;
  }

  private void down(int i) {
    int v = heap[i];
    double a = activity[v];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && activity[heap[child + 1]] > activity[heap[child]]) {
        child++;
      }
      int c = heap[child];
      if (activity[c] <= a) {
        break;
      }
      heap[i] = c;
      index[c] = i;
      i = child;
    }
    heap[i] = v;
    index[v] = i;
  }
}
