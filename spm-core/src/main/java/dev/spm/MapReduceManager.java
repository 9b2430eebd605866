package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.hub.ListEngine;
import dev.spm.internal.hub.Outcome;
import dev.spm.internal.hub.TaskSpec;
import dev.spm.internal.mapreduce.MapReduceTasks;
import dev.spm.internal.task.FunctionRef;
import dev.spm.internal.task.Functions;
import dev.spm.internal.task.Values;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The PartitionAggregate task manager, map-reduce: map tasks over inputs, a partition of what
 * they emit by key, then an aggregation by key with an associative, commutative reducer. It runs
 * on the List manager's machinery, so it has the same pools, deadlines, relaunching and
 * exactly-once reports.
 *
 * <pre>{@code
 * MapReduceManager<String, String, Long> wc =
 *     MapReduceManager.declare("wordcount", WordCount::map, Long::sum).combiner(Long::sum);
 * chunks.forEach(wc::submit);
 * wc.manage(Pools.intraAll(), ManageOptions.defaults());
 * Map<String, Long> counts = wc.result();
 * }</pre>
 *
 * <p>{@link Aggregation#DECENTRALIZED} (the default): after every map task has ended, one reduce
 * task per partition aggregates that partition on a spoke, and the hub gathers the partitions.
 * {@link Aggregation#CENTRALIZED}: the hub aggregates each map task's output as it arrives. A
 * combiner, when set, folds values by key on the spoke before they travel.
 *
 * <p>Mapper, reducer and combiner are resolved by name on the spokes, like any task function: use
 * static method references.
 *
 * @param <I> the type of an input
 * @param <K> the type of a key
 * @param <V> the type of a value
 */
public final class MapReduceManager<I, K, V> {

  /** Where the aggregation by key happens. */
  public enum Aggregation { CENTRALIZED, DECENTRALIZED }

  /** Maps one input to key-value pairs. */
  @FunctionalInterface
  public interface Mapper<I, K, V> extends Serializable {
    void map(I input, Emitter<K, V> out) throws Exception;
  }

  /**
   * Folds two values of one key into one; must be associative and commutative, and should have no
   * side effects: the runtime may apply it to the same pair more than once (a fold it starts on
   * the encoded bytes and finishes on maps, when a result is not of the values' compact type).
   */
  @FunctionalInterface
  public interface Reducer<V> extends Serializable {
    V reduce(V a, V b) throws Exception;
  }

  /** Receives a mapper's pairs. Not thread-safe: one per map task. */
  @FunctionalInterface
  public interface Emitter<K, V> {
    void emit(K key, V value);
  }

  private final String name;
  private final FunctionRef mapper;
  private final FunctionRef reducer;
  private FunctionRef combiner;
  private Aggregation aggregation = Aggregation.DECENTRALIZED;
  private int partitions;
  private StatusHandler<Object> handler = report -> { };
  private final ArrayDeque<I> inputs = new ArrayDeque<>();
  private final ArrayDeque<Iterator<? extends I>> sources = new ArrayDeque<>();
  private Map<K, V> result;
  private long failedTasks;

  private MapReduceManager(String name, FunctionRef mapper, FunctionRef reducer) {
    this.name = name;
    this.mapper = mapper;
    this.reducer = reducer;
  }

  /**
   * Declares a map-reduce manager, only while offline, with a name unique in this process.
   *
   * @throws SpmUsageException if the name is taken, or a manager is online
   * @throws SpmInputException if the mapper or reducer is not a function spokes can resolve
   */
  public static <I, K, V> MapReduceManager<I, K, V> declare(String name, Mapper<I, K, V> mapper, Reducer<V> reducer) {
    FunctionRef map = Functions.ofLambda(Objects.requireNonNull(mapper, "mapper"));
    FunctionRef reduce = Functions.ofLambda(Objects.requireNonNull(reducer, "reducer"));
    Roles.declare("manager", name);
    return new MapReduceManager<>(name, map, reduce);
  }

  /** Folds values by key on the spoke, before they travel; returns this. */
  public MapReduceManager<I, K, V> combiner(Reducer<V> combiner) {
    this.combiner = Functions.ofLambda(Objects.requireNonNull(combiner, "combiner"));
    return this;
  }

  /** Where to aggregate ({@link Aggregation#DECENTRALIZED} by default); returns this. */
  public MapReduceManager<I, K, V> aggregation(Aggregation aggregation) {
    this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
    return this;
  }

  /**
   * The number of partitions, and so of reduce tasks (by default, one per slot of the pool).
   *
   * @throws SpmInputException if n is not positive
   */
  public MapReduceManager<I, K, V> partitions(int n) {
    if (n < 1) {
      throw new SpmInputException("partitions must be positive, but was " + n);
    }
    this.partitions = n;
    return this;
  }

  /**
   * Receives the report of every map and reduce task, on the manage thread; returns this. A
   * report's label and failure are for the caller; its value is the runtime's encoding of what the
   * task made (partitions, or a reduced partition), which may change between versions.
   */
  public MapReduceManager<I, K, V> onReport(StatusHandler<Object> handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** Adds one input, mapped by one task. */
  public void submit(I input) {
    inputs.addLast(input);
  }

  /** Adds inputs read lazily, as slots free up. */
  public void submitAll(Iterator<? extends I> source) {
    sources.addLast(Objects.requireNonNull(source, "source"));
  }

  /** {@link #manage(Pool, ManageOptions)} with {@link ManageOptions#defaults()}. */
  public ManageResult manage(Pool pool) {
    return manage(pool, ManageOptions.defaults());
  }

  /**
   * Maps every input, then aggregates by key; returns when every task has had its final report.
   * If a map task fails for good, no reduce task starts (the result would be incomplete), the
   * remaining map tasks finish, and {@link #result()} then throws.
   *
   * @throws ManageException as {@link ListManager#manage(Pool, ManageOptions)}
   */
  public ManageResult manage(Pool pool, ManageOptions options) {
    Run run = new Run();
    result = null;
    ManageResult outcome = Managers.manage(name, CommMode.MAP_REDUCE, pool, options, inputs.isEmpty() && sources.isEmpty(), run::deliver,
        engine -> {
          run.engine = engine;
          engine.hooks(live -> run.start(live.size()));
        }, () -> { });
    failedTasks = outcome.failed();
    result = run.gathered;
    return outcome;
  }

  /**
   * The aggregate of the last {@code manage}: each key with its reduced value.
   *
   * @throws SpmUsageException if there was no manage yet, or some task of it failed
   */
  public Map<K, V> result() {
    if (result == null) {
      throw new SpmUsageException("map-reduce '" + name + "' has no result: call manage first");
    }
    if (failedTasks > 0) {
      throw new SpmUsageException("map-reduce '" + name + "' had " + failedTasks
          + " failed task(s) in its last manage, so its result is incomplete; see the reports");
    }
    return result;
  }

  /** The state of one manage: which phase, what is gathered. */
  private final class Run {
    ListEngine engine;
    int parts;
    long mapsSent;
    long mapsDone;
    boolean inputsExhausted;
    boolean mapFailed;
    long reduceTaskFirstId = Long.MAX_VALUE;
    List<List<byte[]>> partitioned;
    Map<K, V> gathered = new HashMap<>();
    Functions.Invoker hubReducer;
    long nextId = 1;

    void start(int liveSlots) {
      parts = partitions > 0 ? partitions : Math.max(1, liveSlots);
      partitioned = new ArrayList<>();
      for (int i = 0; i < parts; i++) {
        partitioned.add(new ArrayList<>());
      }
      if (aggregation == Aggregation.CENTRALIZED) {
        try {
          hubReducer = Functions.resolve(reducer);
        } catch (ReflectiveOperationException e) {
          throw new SpmInputException("reducer " + reducer.display() + " cannot be resolved on the hub: " + e, e);
        }
      }
      for (I input : inputs) {
        engine.submit(mapTask(input));
      }
      inputs.clear();
      Iterator<Iterator<? extends I>> all = new ArrayDeque<>(sources).iterator();
      sources.clear();
      engine.submitAll(new Iterator<>() {
        Iterator<? extends I> current = all.hasNext() ? all.next() : null;

        @Override
        public boolean hasNext() {
          while (current != null && !current.hasNext()) {
            current = all.hasNext() ? all.next() : null;
          }
          if (current == null) {
            inputsExhausted = true;
            afterMaps();
            return false;
          }
          return true;
        }

        @Override
        public TaskSpec next() {
          return mapTask(current.next());
        }
      });
    }

    TaskSpec mapTask(I input) {
      mapsSent++;
      long id = nextId++;
      Object[] args = {mapper, combiner, input, parts};
      return new TaskSpec(id, "map-" + id, MAP, Values.encodeArgs("map task " + id + " of '" + name + "'", args), 0);
    }

    @SuppressWarnings("unchecked")
    void deliver(Outcome outcome) throws Exception {
      Report<Object> report = Managers.report(outcome);
      boolean isReduce = outcome.task().id() >= reduceTaskFirstId;
      if (!isReduce) {
        mapsDone++;
        if (!report.succeeded()) {
          mapFailed = true;
        } else {
          byte[][] out = (byte[][]) report.value();
          if (aggregation == Aggregation.CENTRALIZED) {
            for (byte[] part : out) {
              MapReduceTasks.fold(hubReducer, combiner != null, part, (Map<Object, Object>) gathered);
            }
          } else {
            for (int i = 0; i < parts; i++) {
              partitioned.get(i).add(out[i]);
            }
          }
        }
      } else if (report.succeeded()) {
        MapReduceTasks.gather((byte[]) report.value(), (Map<Object, Object>) gathered);
      }
      handler.onReport(report);
      afterMaps();
    }

    /** Once every map task has ended, starts the reduce tasks (decentralized). */
    void afterMaps() {
      if (!inputsExhausted || mapsDone < mapsSent || reduceTaskFirstId != Long.MAX_VALUE) {
        return;
      }
      reduceTaskFirstId = nextId;
      if (aggregation == Aggregation.CENTRALIZED || mapFailed) {
        return;
      }
      for (int i = 0; i < parts; i++) {
        long id = nextId++;
        Object[] args = {reducer, combiner != null, partitioned.get(i)};
        engine.submit(new TaskSpec(id, "reduce-" + i, REDUCE, Values.encodeArgs("reduce task " + i, args), 0));
        partitioned.set(i, List.of());
      }
    }
  }

  private static final FunctionRef MAP = Functions.ofLambda(
      (Fn.F4<FunctionRef, FunctionRef, Object, Integer, byte[][]>) MapReduceTasks::map);
  private static final FunctionRef REDUCE = Functions.ofLambda(
      (Fn.F3<FunctionRef, Boolean, List<byte[]>, byte[]>) MapReduceTasks::reduce);
}
