package dev.spm.internal.task;

import dev.spm.SpmInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;

/**
 * Encodes user values (task arguments, results) as bytes, with Apache Fory. Unlike the protocol's
 * own records, user classes are not registered in advance, so any class on the class path of both
 * ends will do, and so will a class of the {@link ShippedClasses} (those of {@code spm shell}). The
 * same encoding is used by the serial pool, so a value that works there works on a cluster.
 *
 * <p>Thread-safe: a pool of Fory instances serves any thread.
 */
public final class Values {
  private Values() {}

  public static final byte[] NONE = new byte[0];

  static {
    org.apache.fory.logging.LoggerFactory.disableLogging(); // its INFO lines would reach users' stderr
  }

  /** Fory instances bound to a class loader: the class path's (null), or a generation of shipped classes. */
  private record Binding(ClassLoader loader, ThreadSafeFory fory) {}

  private static volatile Binding binding = new Binding(null, build(null));

  private static ThreadSafeFory build(ClassLoader loader) {
    var builder = Fory.builder()
        .withLanguage(Language.JAVA)
        .requireClassRegistration(false)
        .suppressClassRegistrationWarnings(true)
        .withRefTracking(true)
        // As for the wire (Codec): agents and spokes do not compile serializers for user classes in
        // the background, which took CPU from the task that had just received them.
        .withCodegen(!Boolean.getBoolean("spm.wire.interpreted"))
        .withAsyncCompilation(true);
    if (loader != null) {
      builder.withClassLoader(loader);
    }
    return builder.buildThreadSafeForyPool(1, 64);
  }

  /**
   * The encoder for the current generation of {@link ShippedClasses}: Fory caches classes by name,
   * and a new generation may reuse a name, so each generation gets instances of its own.
   */
  private static ThreadSafeFory fory() {
    Binding b = binding;
    ClassLoader shipped = ShippedClasses.loader(null);
    if (b.loader() != shipped) {
      synchronized (Values.class) {
        b = binding;
        if (b.loader() != shipped) {
          b = new Binding(shipped, build(shipped));
          binding = b;
        }
      }
    }
    return b.fory();
  }

  /**
   * Encodes task arguments.
   *
   * @throws SpmInputException naming the argument that cannot be encoded
   */
  public static byte[] encodeArgs(String what, Object[] args) {
    if (args.length == 0) {
      return NONE;
    }
    try {
      return fory().serialize(args);
    } catch (RuntimeException | StackOverflowError e) {
      for (int i = 0; i < args.length; i++) {
        encode("argument " + (i + 1) + " of " + what, args[i]);
      }
      throw new SpmInputException("the arguments of " + what + " cannot be serialized: " + rootMessage(e), e);
    }
  }

  /**
   * Encodes one value, such as a map-reduce input; read it with {@link #decode}.
   *
   * @throws SpmInputException naming {@code what} and the value's type, if it cannot be encoded
   */
  public static byte[] encode(String what, Object value) {
    try {
      return encode(value);
    } catch (RuntimeException | StackOverflowError e) {
      throw new SpmInputException(what + " (" + typeOf(value) + ") cannot be serialized: " + rootMessage(e), e);
    }
  }

  /**
   * Builds the encoder and its serializers for the values every task carries (function
   * references, numbers, strings, byte arrays and lists of them), so that the first task does not
   * pay for it: 10-20 ms in a cold JVM, more on a busy core.
   */
  public static void warmUp() {
    FunctionRef f = new FunctionRef(false, "Warm", "up", "()V", 0);
    Object[] args = {f, null, "up", 1, 1L, true, new byte[][] {{1}}, new ArrayList<>(List.of(new byte[] {1}))};
    decodeArgs(encodeArgs("the warm-up", args));
    decode(encode(new byte[] {1}));
  }

  public static Object[] decodeArgs(byte[] bytes) {
    return bytes.length == 0 ? new Object[0] : (Object[]) fory().deserialize(bytes);
  }

  /** Encodes a result; a null result is encoded as no bytes. Throws the encoder's exception. */
  public static byte[] encode(Object value) {
    return value == null ? NONE : fory().serialize(value);
  }

  public static Object decode(byte[] bytes) {
    return bytes.length == 0 ? null : fory().deserialize(bytes);
  }

  static String typeOf(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
