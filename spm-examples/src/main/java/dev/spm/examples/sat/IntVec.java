package dev.spm.examples.sat;

import java.util.Arrays;

/** A growable array of ints, for the solver's lists and scratch space. Not thread-safe. */
final class IntVec {
  int[] data;
  int size;

  IntVec() {
    this(16);
  }

  IntVec(int capacity) {
    data = new int[Math.max(capacity, 4)];
  }

  void push(int x) {
    if (size == data.length) {
      data = Arrays.copyOf(data, size * 2);
    }
    data[size++] = x;
  }

  int pop() {
    return data[--size];
  }

  int get(int i) {
    return data[i];
  }

  void set(int i, int x) {
    data[i] = x;
  }

  int last() {
    return data[size - 1];
  }

  void clear() {
    size = 0;
  }

  void shrinkTo(int n) {
    size = n;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
