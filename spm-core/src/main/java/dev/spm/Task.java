package dev.spm;

import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.task.Functions;
import dev.spm.internal.task.Values;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One serial task: a label, a function resolved by name on the spoke, its arguments, and an
 * optional deadline. The seed's {@code task.spm.meta}.
 *
 * <p>A task is checked when it is made: the function must be one a spoke can resolve (a static
 * method reference, or a {@link TaskFunction} class, on the class path), and the arguments are
 * encoded at once, so an argument that cannot travel fails here, on the hub, with its position.
 * Tasks are immutable and may be made on any thread.
 *
 * @param <R> the type of the function's result
 */
public final class Task<R> {
  private final String label;
  private final FunctionRef function;
  private final byte[] args;
  private final long timeoutNanos;

  private Task(String label, FunctionRef function, byte[] args, long timeoutNanos) {
    this.label = label;
    this.function = function;
    this.args = args;
    this.timeoutNanos = timeoutNanos;
  }

  /**
   * A task of a function of no arguments.
   *
   * @throws SpmInputException if the function is not one a spoke can resolve by name
   */
  public static <R> Task<R> of(String label, Fn.F0<R> fn) {
    return make(label, fn);
  }

  /**
   * A task of a function of one argument.
   *
   * @throws SpmInputException if the function cannot be resolved by name, or the argument cannot
   *     be serialized
   */
  public static <A, R> Task<R> of(String label, Fn.F1<A, R> fn, A a) {
    return make(label, fn, a);
  }

  /** A task of a function of two arguments; fails as {@link #of(String, Fn.F1, Object)} does. */
  public static <A, B, R> Task<R> of(String label, Fn.F2<A, B, R> fn, A a, B b) {
    return make(label, fn, a, b);
  }

  /** A task of a function of three arguments; fails as {@link #of(String, Fn.F1, Object)} does. */
  public static <A, B, C, R> Task<R> of(String label, Fn.F3<A, B, C, R> fn, A a, B b, C c) {
    return make(label, fn, a, b, c);
  }

  /** A task of a function of four arguments; fails as {@link #of(String, Fn.F1, Object)} does. */
  public static <A, B, C, D, R> Task<R> of(String label, Fn.F4<A, B, C, D, R> fn, A a, B b, C c, D d) {
    return make(label, fn, a, b, c, d);
  }

  /**
   * A task of a {@link TaskFunction} class, made anew on each spoke by its public no-argument
   * constructor.
   *
   * @throws SpmInputException if the class is not public, has no such constructor, is not on the
   *     spokes' class path, or an argument cannot be serialized
   */
  public static <R> Task<R> ofClass(String label, Class<? extends TaskFunction<R>> type, Object... args) {
    checkLabel(label);
    return new Task<>(label, Functions.ofClass(type), Values.encodeArgs("task '" + label + "'", args), 0);
  }

  /**
   * A task that runs a stand-alone program on a spoke: the seed's
   * {@code spm.util.coprocess.shell.policyA}. See {@link Coprocess#run(Coprocess)} for what
   * happens at the program's own timeout.
   */
  public static Task<CoprocessResult> coprocess(String label, Coprocess program) {
    return of(label, Coprocess::run, program);
  }

  private static <R> Task<R> make(String label, java.io.Serializable fn, Object... args) {
    checkLabel(label);
    Objects.requireNonNull(fn, "fn");
    return new Task<>(label, Functions.ofLambda(fn), Values.encodeArgs("task '" + label + "'", args), 0);
  }

  private static void checkLabel(String label) {
    if (label == null) {
      throw new SpmInputException("a task's label must not be null");
    }
  }

  /**
   * The same task with a deadline for each attempt. Past it, the attempt is killed, with every
   * process it started, and reported as {@link TaskEvalTimeout} (or {@link TaskLoadTimeout}).
   *
   * @throws SpmInputException if the timeout is not positive
   */
  public Task<R> withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new SpmInputException("timeout of task '" + label + "' must be positive, but was " + timeout);
    }
    return new Task<>(label, function, args, timeout.toNanos());
  }

  public String label() {
    return label;
  }

  /** The function, as the user would write it: {@code Primes::countRange}. */
  public String function() {
    return function.display();
  }

  public Optional<Duration> timeout() {
    return timeoutNanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(timeoutNanos));
  }

  FunctionRef functionRef() {
    return function;
  }

  byte[] encodedArgs() {
    return args;
  }

  long timeoutNanos() {
    return timeoutNanos;
  }

  @Override
  public String toString() {
    return "Task[" + label + ", " + function.display() + (timeoutNanos == 0 ? "" : ", timeout " + timeout().get()) + "]";
  }
}
