package dev.spm.internal.mapreduce;

import dev.spm.MapReduceManager;
import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.task.Functions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** Maps one input, folds with the combiner if there is one, and partitions by key. */
  public static byte[][] map(FunctionRef mapper, FunctionRef combiner, Object input, int partitions) throws Exception {
    Functions.Invoker map = resolve(mapper);
    List<Map<Object, Object>> parts = new ArrayList<>(partitions);
    for (int i = 0; i < partitions; i++) {
      parts.add(new HashMap<>());
    }
    MapReduceManager.Emitter<Object, Object> emitter;
    if (combiner != null) {
      Functions.Invoker combine = resolve(combiner);
      emitter = (key, value) -> parts.get(partition(key, partitions)).merge(key, value, (a, b) -> apply(combine, a, b));
    } else {
      emitter = (key, value) -> {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) parts.get(partition(key, partitions))
            .computeIfAbsent(key, k -> new ArrayList<>());
        values.add(value);
      };
    }
    map.invoke(new Object[] {input, emitter});
    byte[][] encoded = new byte[partitions][];
    for (int i = 0; i < partitions; i++) {
      encoded[i] = PartitionCodec.encode(parts.get(i));
    }
    return encoded;
  }

  /**
   * Reduces one partition: the encoded maps of every map task, folded by key with the reducer;
   * returns the result encoded as they were (read it with {@link #gather}).
   */
  public static byte[] reduce(FunctionRef reducer, boolean combined, List<byte[]> parts) throws Exception {
    Functions.Invoker reduce = resolve(reducer);
    if (combined) { // counts and the like: folded on their bytes, when every part is compact
      byte[] folded = PartitionCodec.foldCompact(parts, (a, b) -> apply(reduce, a, b));
      if (folded != null) {
        return folded;
      }
    }
    HashMap<Object, Object> out = new HashMap<>();
    for (byte[] part : parts) {
      fold(reduce, combined, part, out);
    }
    return PartitionCodec.encode(out);
  }

  /** Puts every entry of a reduce task's result into {@code into}. */
  public static void gather(byte[] reduced, Map<Object, Object> into) {
    PartitionCodec.forEach(reduced, into::put);
  }

  /** Folds one encoded partition into {@code into}; used on spokes, and on the hub when centralized. */
  @SuppressWarnings("unchecked")
  public static void fold(Functions.Invoker reduce, boolean combined, byte[] part, Map<Object, Object> into) {
    BiFunction<Object, Object, Object> reducer = (a, b) -> apply(reduce, a, b);
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
    return Math.floorMod(key == null ? 0 : key.hashCode() * 0x9E3779B9, partitions);
  }

  private static Object apply(Functions.Invoker f, Object a, Object b) {
    try {
      return f.invoke(new Object[] {a, b});
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
