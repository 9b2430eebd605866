package dev.spm.bench;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy source of {@code count} tasks: the same immutable task handed out again and again, so
 * that millions of tasks cost no memory. The manager gives each one its own id and attempt.
 */
final class RepeatedTasks<T> implements Iterator<T> {
  private final T task;
  private long left;

  RepeatedTasks(T task, long count) {
    this.task = task;
    this.left = count;
  }

  @Override
  public boolean hasNext() {
    return left > 0;
  }

  @Override
  public T next() {
    if (left <= 0) {
      throw new NoSuchElementException();
    }
    left--;
    return task;
  }
}
