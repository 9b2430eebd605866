package dev.spm.cli;

import dev.spm.internal.task.ShippedClasses;
import java.io.File;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * How {@code spm shell} runs JShell's snippets: in this JVM (JShell's local execution), so that
 * the session a snippet opens lives here, in the hub, and with every class JShell compiles
 * declared in a generation of {@link ShippedClasses}, so that it reaches the spokes. A function
 * written in the shell thus runs on any pool without a jar.
 *
 * <p>JShell finds this provider by its name, {@value #NAME}, through {@link java.util.ServiceLoader}
 * ({@code jshell --execution spm}). Each JShell instance (and each {@code /reset}, which makes a
 * new one and reuses class names) gets a generation of its own; closing it ends the generation.
 *
 * <p>Failures: a class that cannot be defined fails JShell's load, which reports the snippet as
 * not loaded. A class path added at run time ({@code /env --class-path}) is refused unless it is
 * already on spm's class path, since the spokes could not load from it.
 */
public final class ShellExecution implements ExecutionControlProvider {
  static final String NAME = "spm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    ShippedClasses.Generation generation = ShippedClasses.begin();
    return new LocalExecutionControl(new Shipping(generation)) {
      @Override
      public void close() {
        try {
          super.close();
        } finally {
          ShippedClasses.end(generation);
        }
      }
    };
  }

  /** Declares each class JShell loads in the generation, and loads it from there. */
  private record Shipping(ShippedClasses.Generation generation) implements LoaderDelegate {
    private static final Set<String> CLASS_PATH =
        new HashSet<>(Arrays.asList(System.getProperty("java.class.path", "").split(File.pathSeparator)));

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
      for (ClassBytecodes c : classes) {
        generation.declare(c.name(), c.bytecodes());
      }
      boolean[] loaded = new boolean[classes.length];
      try {
        for (int i = 0; i < classes.length; i++) {
          generation.loader().loadClass(classes[i].name()).getDeclaredMethods(); // link it now, as JShell does
          loaded[i] = true;
        }
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ClassInstallException("spm shell could not load a snippet's class: " + e, loaded);
      }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
      // Never called: local execution cannot redefine a class, so JShell gives a changed one a new name.
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty() && !CLASS_PATH.contains(entry)) {
          throw new InternalException("spm shell cannot add " + entry + " to the class path at run time: the "
              + "spokes could not load from it; only spm's own class path reaches them");
        }
      }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
      return generation.loader().loadClass(name);
    }
  }
}
