package dev.spm;

import java.io.Serializable;

/**
 * The shapes a task function may take: a static method with zero to four parameters, written as a
 * method reference ({@code Primes::countRange}).
 *
 * <p>A task function is resolved <em>by name</em> on the spoke, so what travels is the method's
 * class, name and descriptor, never code. That is why these interfaces are {@link Serializable}:
 * it lets spm read the name off a method reference. A lambda that captures values, or a method
 * of a class the spokes cannot load, is rejected when the task is made, with a message saying
 * what to do instead. For a function with state or more arguments, implement
 * {@link TaskFunction}.
 */
public final class Fn {
  private Fn() {}

  /** A task function of no arguments. */
  @FunctionalInterface
  public interface F0<R> extends Serializable {
    R apply() throws Exception;
  }

  /** A task function of one argument. */
  @FunctionalInterface
  public interface F1<A, R> extends Serializable {
    R apply(A a) throws Exception;
  }

  /** A task function of two arguments. */
  @FunctionalInterface
  public interface F2<A, B, R> extends Serializable {
    R apply(A a, B b) throws Exception;
  }

  /** A task function of three arguments. */
  @FunctionalInterface
  public interface F3<A, B, C, R> extends Serializable {
    R apply(A a, B b, C c) throws Exception;
  }

  /** A task function of four arguments. */
  @FunctionalInterface
  public interface F4<A, B, C, D, R> extends Serializable {
    R apply(A a, B b, C c, D d) throws Exception;
  }
}
