package dev.spm.internal.spoke;

import dev.spm.internal.Roles;
import dev.spm.internal.task.ErrorData;
import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.task.Functions;
import dev.spm.internal.task.ShippedClasses;
import dev.spm.internal.task.Values;
import dev.spm.internal.wire.Message.ReportBatch;
import dev.spm.internal.wire.ReportStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Evaluates one task the way every spoke does (the seed's Demo D): offline, resolve the function
 * and decode the arguments (failures here are Load errors); online, apply the function (failures
 * here are Eval errors); offline again, encode the result. Used by spoke processes and by the
 * serial pool alike. Not thread-safe: one per thread that runs tasks.
 */
public final class Evaluator {
  private final Map<FunctionRef, Functions.Invoker> invokers = new HashMap<>();
  /** The generation of shipped classes that {@link #invokers} were resolved in. */
  private ShippedClasses.Generation generation;

  /**
   * Evaluates and appends the report to {@code reports}; returns whether the task succeeded.
   * Never throws for a task's failure.
   */
  public boolean evaluate(long attempt, FunctionRef function, byte[] args, ReportBatch.Builder reports) {
    return evaluate(attempt, function, args, reports, () -> true);
  }

  /**
   * {@link #evaluate(long, FunctionRef, byte[], ReportBatch.Builder)}, except that a task that
   * {@code mayStart} does not let start, asked once the task is loaded and just before its
   * function is called, is reported NOT_STARTED (and counts as no failure): so that a stop that
   * arrives while a task loads still keeps it from starting.
   */
  public boolean evaluate(long attempt, FunctionRef function, byte[] args, ReportBatch.Builder reports,
      BooleanSupplier mayStart) {
    long start = System.nanoTime();
    Functions.Invoker invoker;
    Object[] decoded;
    try {
      invoker = invoker(function);
      decoded = Values.decodeArgs(args);
    } catch (Throwable t) {
      reports.add(attempt, ReportStatus.LOAD_UNCAUGHT, Values.NONE, System.nanoTime() - start, ErrorData.of(unwrap(t)));
      return false;
    }
    if (!mayStart.getAsBoolean()) {
      reports.add(attempt, ReportStatus.NOT_STARTED, Values.NONE, 0, null);
      return true;
    }
    Object result;
    boolean spoke = Roles.isSpoke();
    try {
      if (spoke) {
        Roles.enterOnline("task of " + function.display());
      }
      result = invoker.invoke(decoded);
    } catch (Throwable t) {
      reports.add(attempt, ReportStatus.EVAL_UNCAUGHT, Values.NONE, System.nanoTime() - start, ErrorData.of(t));
      return false;
    } finally {
      if (spoke) {
        Roles.exitOnline();
      }
    }
    byte[] value;
    try {
      value = Values.encode(result);
    } catch (Throwable t) {
      reports.add(attempt, ReportStatus.EVAL_UNCAUGHT, Values.NONE, System.nanoTime() - start,
          ErrorData.message("dev.spm.SpmInputException", "the result of " + function.display() + " ("
              + result.getClass().getName() + ") cannot be serialized: " + t));
      return false;
    }
    reports.add(attempt, ReportStatus.OK, value, System.nanoTime() - start, null);
    return true;
  }

  private Functions.Invoker invoker(FunctionRef function) throws ReflectiveOperationException {
    ShippedClasses.Generation shipped = ShippedClasses.current();
    if (shipped != generation) {
      invokers.clear(); // a new generation of shipped classes may reuse a function's name
      generation = shipped;
    }
    Functions.Invoker invoker = invokers.get(function);
    if (invoker == null) {
      invoker = Functions.resolve(function);
      invokers.put(function, invoker);
    }
    return invoker;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
  }
}
