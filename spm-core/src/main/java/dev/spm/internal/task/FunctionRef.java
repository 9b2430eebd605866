package dev.spm.internal.task;

import java.util.Objects;

/**
 * The name of a task function, as it travels to a spoke: either a static method (class, name,
 * descriptor) or a {@link dev.spm.TaskFunction} class. Equal refs name the same function.
 */
public record FunctionRef(boolean isClass, String className, String methodName, String descriptor, int arity) {

  public FunctionRef {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(descriptor, "descriptor");
  }

  public static FunctionRef staticMethod(String className, String methodName, String descriptor, int arity) {
    return new FunctionRef(false, className, methodName, descriptor, arity);
  }

  public static FunctionRef taskFunctionClass(String className) {
    return new FunctionRef(true, className, "", "", -1);
  }

  /** How a user would write it: {@code Primes::countRange} or {@code my.Fn}. */
  public String display() {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return isClass ? className : simple + "::" + methodName;
  }
}
