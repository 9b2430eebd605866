package dev.spm.internal.mapreduce;

import dev.spm.MapReduceManager;
import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.task.Functions;
import dev.spm.internal.task.Values;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The task functions of the map-reduce pattern, resolved by name on spokes like any other. The
 * user's mapper, combiner and reducer travel as {@link FunctionRef}s and are resolved on the spoke.
 *
 * <p>A map task's result is one encoded map per partition ({@link PartitionCodec}): key to value
 * when a combiner folded them on the spoke, key to a list of values otherwise. The hub never
 * decodes those bytes on the decentralized path; it only hands each partition to its reduce task,
 * whose result is encoded the same way.
 */
public final class MapReduceTasks {
  private MapReduceTasks() {}

  private static final Map<FunctionRef, Functions.Invoker> RESOLVED = new ConcurrentHashMap<>();

  static Functions.Invoker resolve(FunctionRef ref) throws ReflectiveOperationException {
    Functions.Invoker invoker = RESOLVED.get(ref);
    if (invoker == null) {
      invoker = Functions.resolve(ref);
      RESOLVED.put(ref, invoker);
    }
    return invoker;
  }

  /**
   * Maps one input (encoded by {@link Values#encode}), folds with the combiner if there is one,
   * and partitions by key.
   *
   * @throws NullPointerException if the mapper emits a null value, or the combiner returns null
   * @throws IllegalArgumentException if a key cannot be given a partition ({@link #stableHash})
   */
  public static byte[][] map(FunctionRef mapper, FunctionRef combiner, byte[] input, int partitions) throws Exception {
    Functions.Invoker map = resolve(mapper);
    List<Map<Object, Object>> parts = new ArrayList<>(partitions);
    for (int i = 0; i < partitions; i++) {
      parts.add(new HashMap<>());
    }
    MapReduceManager.Emitter<Object, Object> emitter;
    if (combiner != null) {
      Functions.Invoker combine = resolve(combiner);
      BiFunction<Object, Object, Object> folded = (a, b) -> apply(combine, combiner, a, b);
      emitter = (key, value) -> parts.get(partition(key, partitions)).merge(key, nonNull(value, key), folded);
    } else {
      emitter = (key, value) -> {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) parts.get(partition(key, partitions))
            .computeIfAbsent(key, k -> new ArrayList<>());
        values.add(nonNull(value, key));
      };
    }
    map.invoke(new Object[] {Values.decode(input), emitter});
    byte[][] encoded = new byte[partitions][];
    for (int i = 0; i < partitions; i++) {
      encoded[i] = PartitionCodec.encode(parts.get(i));
    }
    return encoded;
  }

  private static Object nonNull(Object value, Object key) {
    if (value == null) {
      String k = String.valueOf(key);
      throw new NullPointerException("the mapper emitted a null value for the key "
          + (k.length() > 100 ? k.substring(0, 100) + "..." : k) + "; emit a value, or leave the key out");
    }
    return value;
  }

  /**
   * Reduces one partition: the encoded maps of every map task, folded by key with the reducer;
   * returns the result encoded as they were (read it with {@link #gather}).
   */
  public static byte[] reduce(FunctionRef reducer, boolean combined, List<byte[]> parts) throws Exception {
    Functions.Invoker reduce = resolve(reducer);
    if (combined) { // counts and the like: folded on their bytes, when every part is compact
      byte[] folded = PartitionCodec.foldCompact(parts, (a, b) -> apply(reduce, reducer, a, b));
      if (folded != null) {
        return folded;
      }
    }
    HashMap<Object, Object> out = new HashMap<>();
    for (byte[] part : parts) {
      fold(reduce, reducer, combined, part, out);
    }
    return PartitionCodec.encode(out);
  }

  /** Puts every entry of a reduce task's result into {@code into}. */
  public static void gather(byte[] reduced, Map<Object, Object> into) {
    PartitionCodec.forEach(reduced, into::put);
  }

  /**
   * Folds one encoded partition into {@code into} with {@code reduce}, the resolved {@code ref};
   * used on spokes, and on the hub when centralized.
   *
   * @throws NullPointerException if the reducer returns null
   * @throws RuntimeException what the reducer throws (a checked exception in an IllegalStateException)
   */
  @SuppressWarnings("unchecked")
  public static void fold(Functions.Invoker reduce, FunctionRef ref, boolean combined, byte[] part,
      Map<Object, Object> into) {
    BiFunction<Object, Object, Object> reducer = (a, b) -> apply(reduce, ref, a, b);
    PartitionCodec.forEach(part, (key, value) -> {
      if (combined) {
        into.merge(key, value, reducer);
      } else {
        for (Object v : (List<Object>) value) {
          into.merge(key, v, reducer);
        }
      }
    });
  }

  static int partition(Object key, int partitions) {
    return Math.floorMod(stableHash(key) * 0x9E3779B9, partitions);
  }

  /**
   * A hash of {@code key} that is the same in every JVM, so that every spoke puts a key in the
   * same partition (a key in two partitions would reach two reduce tasks, and the hub would keep
   * one of their values). It is {@code hashCode} where that is computed from the key's contents:
   * strings, boxed primitives, and any class that overrides it. An enum constant's
   * {@code hashCode} is its identity in one JVM, so it is hashed by its class and name; records,
   * lists, sets, maps and map entries are hashed from their parts in the same way, so that one
   * holding an enum constant is stable too. (A record is hashed by its components, as its
   * generated {@code hashCode} is; one that overrides {@code equals} must keep that consistent.)
   *
   * @throws IllegalArgumentException for a key whose class keeps {@code Object}'s identity
   *     {@code hashCode} (an array, or a class without {@code equals} and {@code hashCode}):
   *     equal keys would not meet even in one JVM
   */
  static int stableHash(Object key) {
    if (key == null) {
      return 0;
    }
    if (key instanceof String s) { // by far the commonest: first
      return s.hashCode();
    }
    if (key instanceof Enum<?> e) {
      return 31 * e.getDeclaringClass().getName().hashCode() + e.name().hashCode();
    }
    if (key instanceof Record r) {
      int h = r.getClass().getName().hashCode();
      for (Object component : RecordParts.of(r)) {
        h = 31 * h + stableHash(component);
      }
      return h;
    }
    if (key instanceof List<?> list) {
      int h = 1;
      for (Object element : list) {
        h = 31 * h + stableHash(element);
      }
      return h;
    }
    if (key instanceof Set<?> set) {
      int h = 0;
      for (Object element : set) {
        h += stableHash(element);
      }
      return h;
    }
    if (key instanceof Map<?, ?> map) {
      int h = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        h += stableHash(entry);
      }
      return h;
    }
    if (key instanceof Map.Entry<?, ?> entry) {
      return stableHash(entry.getKey()) ^ stableHash(entry.getValue());
    }
    if (IDENTITY_HASH.get(key.getClass())) {
      throw new IllegalArgumentException("a key of " + key.getClass().getName() + " cannot be partitioned: its "
          + "hashCode is its identity, so equal keys from two map tasks would not meet; use a key with equals and "
          + "hashCode of its own (a String, a record)");
    }
    return key.hashCode();
  }

  /** Whether a class keeps {@code Object}'s identity {@code hashCode}. */
  private static final ClassValue<Boolean> IDENTITY_HASH = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      if (type.isArray()) {
        return true;
      }
      try {
        return type.getMethod("hashCode").getDeclaringClass() == Object.class;
      } catch (NoSuchMethodException e) {
        return false; // every class has one; an interface's proxy: trust it
      }
    }
  };

  /** The accessors of a record class's components, found once per class. */
  private static final class RecordParts {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
      @Override
      protected Method[] computeValue(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
          accessors[i] = components[i].getAccessor();
          accessors[i].trySetAccessible(); // a record need not be public
        }
        return accessors;
      }
    };

    static Object[] of(Record r) {
      Method[] accessors = ACCESSORS.get(r.getClass());
      Object[] parts = new Object[accessors.length];
      try {
        for (int i = 0; i < accessors.length; i++) {
          parts[i] = accessors[i].invoke(r);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read the components of the key " + r.getClass().getName() + ": " + e, e);
      }
      return parts;
    }
  }

  private static Object apply(Functions.Invoker f, FunctionRef ref, Object a, Object b) {
    Object result;
    try {
      result = f.invoke(new Object[] {a, b});
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (result == null) {
      throw new NullPointerException(ref.display() + " returned null; a reducer or combiner must return a value "
          + "(a null would drop the key)");
    }
    return result;
  }
}
