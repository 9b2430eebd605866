package dev.spm.internal.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classes that exist only as bytes in the hub's process, such as those JShell compiles in
 * {@code spm shell}, and that travel to the spokes so that a task function defined there runs on
 * them, as Spark's shell ships its classes.
 *
 * <pre>
 * Overview.
 * A Generation is one class loader and the classes it defines, by name. On the hub, a shell
 * begins a generation when its JShell starts (and again at each /reset, since JShell then reuses
 * its class names), and declares each class JShell loads; the declared bytes are appended to the
 * generation's list, which only grows. Each spoke connection remembers the generation and the
 * count it has sent and, before a batch, sends what was declared since (Message.DefineClasses):
 * the classes reach a spoke once, before the first task that may need them.
 *
 * On a spoke, a DefineClasses of a new generation id replaces the generation; its classes are
 * defined lazily, when a function or a value names them. Resolving functions (Functions) and
 * decoding values (Values) go through the current generation's loader, whose parent is the class
 * path's loader, so classes of the class path resolve as before.
 *
 * Generation ids grow; at most one generation is current in a process. Reading the current
 * generation is one volatile read, so the hot path pays nothing when no shell runs.
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class ShippedClasses {
  private ShippedClasses() {}

  private static final Object LOCK = new Object();
  private static volatile Generation current;
  private static int lastId;

  /** The current generation, or null if this process has none (no shell, no shipped class yet). */
  public static Generation current() {
    return current;
  }

  /**
   * The loader through which functions and values resolve: the current generation's, or
   * {@code fallback} when there is none.
   */
  public static ClassLoader loader(ClassLoader fallback) {
    Generation g = current;
    return g == null ? fallback : g.loader;
  }

  /**
   * Begins a new generation on the hub: classes declared from now on are defined by a fresh
   * loader, and every spoke receives the new generation before its next batch.
   */
  public static Generation begin() {
    synchronized (LOCK) {
      Generation g = new Generation(++lastId);
      current = g;
      return g;
    }
  }

  /**
   * Ends a generation on the hub (its shell closed): nothing more is shipped, and functions and
   * values resolve from the class path alone again. Does nothing if {@code g} is not current.
   */
  public static void end(Generation g) {
    synchronized (LOCK) {
      if (current == g) {
        current = null;
      }
    }
  }

  /**
   * On a spoke: classes the hub sent. A generation id other than the current one replaces it (the
   * hub's shell was reset); the classes are defined when first used.
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void received(int generation, String[] names, byte[][] bytes) {
    if (names.length != bytes.length) {
      throw new IllegalArgumentException(names.length + " class names but " + bytes.length + " class files");
    }
    Generation g;
    synchronized (LOCK) {
      g = current;
      if (g == null || g.id != generation) {
        g = new Generation(generation);
        lastId = Math.max(lastId, generation);
        current = g;
      }
    }
    for (int i = 0; i < names.length; i++) {
      g.declare(names[i], bytes[i]);
    }
  }

  /** Names and class files, in the order they were declared. */
  public record Slice(String[] names, byte[][] bytes) {
    public int size() {
      return names.length;
    }
  }

  /** One class loader and the classes it defines from declared bytes. */
  public static final class Generation {
    private final int id;
    private final Loader loader;
    private final Map<String, byte[]> byName = new ConcurrentHashMap<>();
    /** Declared names in order, for shipping; guarded by itself. */
    private final List<String> order = new ArrayList<>();
    private volatile int size;

    private Generation(int id) {
      this.id = id;
      this.loader = new Loader(this);
    }

    public int id() {
      return id;
    }

    /** The loader of this generation's classes; its parent is the class path's loader. */
    public ClassLoader loader() {
      return loader;
    }

    /** How many classes were declared; only grows. */
    public int size() {
      return size;
    }

    /**
     * Declares a class by its binary name; it is defined when first loaded. A name declared twice
     * keeps its first bytes (a class cannot be defined twice by one loader).
     */
    public void declare(String name, byte[] classFile) {
      synchronized (order) {
        if (byName.putIfAbsent(name, classFile.clone()) == null) {
          order.add(name);
          size = order.size();
        }
      }
    }

    /** Whether a class of this name was declared here. */
    public boolean declares(String name) {
      return byName.containsKey(name);
    }

    /** The classes declared from index {@code from} (inclusive) on, in order. */
    public Slice since(int from) {
      synchronized (order) {
        List<String> names = order.subList(Math.min(from, order.size()), order.size());
        byte[][] bytes = new byte[names.size()][];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = byName.get(names.get(i));
        }
        return new Slice(names.toArray(String[]::new), bytes);
      }
    }

    @Override
    public String toString() {
      return "shipped classes, generation " + id;
    }
  }

  /** Defines a generation's classes from their declared bytes; everything else is the parent's. */
  private static final class Loader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Generation generation;

    Loader(Generation generation) {
      super("spm-shipped-" + generation.id, ShippedClasses.class.getClassLoader());
      this.generation = generation;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = generation.byName.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name + " (neither on the class path nor among the " + generation + ")");
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
