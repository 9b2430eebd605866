package dev.spm.internal.task;

import dev.spm.SpmInputException;
import dev.spm.TaskFunction;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Turns what the user wrote (a method reference, a {@link TaskFunction} class) into a
 * {@link FunctionRef}, and checks at once that a spoke could resolve it. The check runs when the
 * task is made, so a bad function fails on the hub with advice, not later on a spoke.
 *
 * <p>Results are cached per lambda class, so making a million tasks from one call site reads the
 * method reference once.
 */
public final class Functions {
  private Functions() {}

  /** Per lambda class: its {@link FunctionRef}, or the {@link SpmInputException} saying why not. */
  private static final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> LAMBDAS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The ref of a method reference, or an {@link SpmInputException} saying why it cannot be one. */
  public static FunctionRef ofLambda(Serializable fn) {
    Object ref = LAMBDAS.computeIfAbsent(fn.getClass(), type -> {
      try {
        return describe(fn);
      } catch (SpmInputException e) {
        return e;
      }
    });
    if (ref instanceof SpmInputException e) {
      throw new SpmInputException(e.getMessage());
    }
    return (FunctionRef) ref;
  }

  private static FunctionRef describe(Serializable fn) {
    Class<?> lambdaClass = fn.getClass();
    SerializedLambda lambda = serializedForm(fn);
    if (lambda == null) {
      throw new SpmInputException("task function " + lambdaClass.getName() + " is not a method reference or lambda "
          + "that spm can name; write it as a static method reference (MyClass::myMethod) or implement "
          + "dev.spm.TaskFunction");
    }
    String className = lambda.getImplClass().replace('/', '.');
    if (lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
      throw new SpmInputException("task function " + className + "::" + lambda.getImplMethodName()
          + " is not a static method; spokes resolve functions by name, so use a static method reference "
          + "(MyClass::myMethod) or a dev.spm.TaskFunction class");
    }
    if (lambda.getCapturedArgCount() > 0) {
      throw capturing(className);
    }
    Class<?> implClass = loadAsSpokesWould(className, lambdaClass.getClassLoader());
    MethodType type = MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), implClass.getClassLoader());
    return FunctionRef.staticMethod(className, lambda.getImplMethodName(), lambda.getImplMethodSignature(),
        type.parameterCount());
  }

  private static SpmInputException capturing(String className) {
    return new SpmInputException("task function: a lambda in " + className
        + " captures values, which spokes cannot receive; pass them as task arguments and use a "
        + "static method reference (MyClass::myMethod)");
  }

  /** The ref of a {@link TaskFunction} class, checked for a public no-argument constructor. */
  public static FunctionRef ofClass(Class<?> type) {
    if (!TaskFunction.class.isAssignableFrom(type)) {
      throw new SpmInputException("task function class " + type.getName() + " does not implement dev.spm.TaskFunction");
    }
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
      throw new SpmInputException("task function class " + type.getName() + " must be public and concrete");
    }
    try {
      type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new SpmInputException("task function class " + type.getName() + " needs a public no-argument constructor");
    }
    loadAsSpokesWould(type.getName(), type.getClassLoader());
    return FunctionRef.taskFunctionClass(type.getName());
  }

  /**
   * Loads a class the way a spoke will: from the system class loader, which is built from the
   * same class path, or from the {@link ShippedClasses} that travel to the spokes (the classes of
   * {@code spm shell}). A class defined elsewhere (a custom loader, a JShell not run by spm) is
   * refused.
   */
  static Class<?> loadAsSpokesWould(String className, ClassLoader seenBy) {
    Class<?> loaded;
    try {
      loaded = Class.forName(className, false, ShippedClasses.loader(ClassLoader.getSystemClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SpmInputException("task function class " + className + " is not on the class path that spokes use ("
          + "it was loaded by " + seenBy + "); put it in a jar or folder on the class path");
    }
    Class<?> seen = loaded;
    if (seenBy != null) {
      try {
        seen = Class.forName(className, false, seenBy);
      } catch (ClassNotFoundException | LinkageError e) {
        seen = loaded;
      }
    }
    if (seen != loaded) {
      throw new SpmInputException("task function class " + className + " was defined by " + seen.getClassLoader()
          + ", not by the class path that spokes use; put it in a jar or folder on the class path");
    }
    return loaded;
  }


  private static SerializedLambda serializedForm(Serializable fn) {
    try {
      Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      return writeReplace.invoke(fn) instanceof SerializedLambda lambda ? lambda : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Resolves a ref to something callable; used on spokes and by the serial pool. */
  public static Invoker resolve(FunctionRef ref) throws ReflectiveOperationException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    Class<?> type = Class.forName(ref.className(), true,
        ShippedClasses.loader(context != null ? context : ClassLoader.getSystemClassLoader()));
    if (ref.isClass()) {
      TaskFunction<?> instance = (TaskFunction<?>) type.getConstructor().newInstance();
      return args -> instance.apply(java.util.Arrays.asList(args));
    }
    MethodType methodType = MethodType.fromMethodDescriptorString(ref.descriptor(), type.getClassLoader());
    java.lang.invoke.MethodHandle handle;
    try {
      handle = MethodHandles.publicLookup().findStatic(type, ref.methodName(), methodType);
    } catch (IllegalAccessException e) {
      // A private method, such as the body of a lambda: look it up with its class's own access.
      handle = MethodHandles.privateLookupIn(type, MethodHandles.lookup()).findStatic(type, ref.methodName(), methodType);
    }
    var spread = handle.asType(handle.type().generic()).asSpreader(Object[].class, ref.arity());
    return args -> {
      try {
        return spread.invokeExact(args);
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new RuntimeException(t);
      }
    };
  }

  /** A resolved task function. */
  @FunctionalInterface
  public interface Invoker {
    Object invoke(Object[] args) throws Exception;
  }
}
