package dev.spm.internal.task;

import dev.spm.SpmInputException;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;

/**
 * Encodes user values (task arguments, results) as bytes, with Apache Fory. Unlike the protocol's
 * own records, user classes are not registered in advance, so any class on the class path of both
 * ends will do. The same encoding is used by the serial pool, so a value that works there works
 * on a cluster.
 *
 * <p>Thread-safe: a pool of Fory instances serves any thread.
 */
public final class Values {
  private Values() {}

  public static final byte[] NONE = new byte[0];

  static {
    org.apache.fory.logging.LoggerFactory.disableLogging(); // its INFO lines would reach users' stderr
  }

  private static final ThreadSafeFory FORY = Fory.builder()
      .withLanguage(Language.JAVA)
      .requireClassRegistration(false)
      .suppressClassRegistrationWarnings(true)
      .withRefTracking(true)
      .withAsyncCompilation(true)
      .buildThreadSafeForyPool(1, 64);

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
      return FORY.serialize(args);
    } catch (RuntimeException | StackOverflowError e) {
      for (int i = 0; i < args.length; i++) {
        try {
          FORY.serialize(args[i]);
        } catch (RuntimeException | StackOverflowError inner) {
          throw new SpmInputException("argument " + (i + 1) + " of " + what + " (" + typeOf(args[i])
              + ") cannot be serialized: " + rootMessage(inner), inner);
        }
      }
      throw new SpmInputException("the arguments of " + what + " cannot be serialized: " + rootMessage(e), e);
    }
  }

  public static Object[] decodeArgs(byte[] bytes) {
    return bytes.length == 0 ? new Object[0] : (Object[]) FORY.deserialize(bytes);
  }

  /** Encodes a result; a null result is encoded as no bytes. Throws the encoder's exception. */
  public static byte[] encode(Object value) {
    return value == null ? NONE : FORY.serialize(value);
  }

  public static Object decode(byte[] bytes) {
    return bytes.length == 0 ? null : FORY.deserialize(bytes);
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
