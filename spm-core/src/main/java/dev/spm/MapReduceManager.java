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
 * <p>Keys meet by {@code equals}. Every spoke gives a key the same partition, from a hash that does
 * not depend on the JVM: {@code hashCode} for strings, numbers and classes that define it, and
 * for enum constants (whose {@code hashCode} is their identity) and records, lists, sets and maps
 * holding them, a hash of their names and parts. A key whose {@code hashCode} is its identity (an
 * array, a class without {@code equals} and {@code hashCode}) fails its map task, saying so.
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
   * Folds two values of one key into one; must be associative and commutative, must not return
   * null (a task whose reducer or combiner does fails), and should have no side effects: the
   * runtime may apply it to the same pair more than once (a fold it starts on the encoded bytes
   * and finishes on maps, when a result is not of the values' compact type).
   */
  @FunctionalInterface
  public interface Reducer<V> extends Serializable {
    V reduce(V a, V b) throws Exception;
  }

  /**
   * Receives a mapper's pairs. A null value throws a {@code NullPointerException}, which fails the
   * map task. Not thread-safe: one per map task.
   */
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
  /** Inputs submitted offline, each encoded as it was submitted. */
  private final ArrayDeque<byte[]> inputs = new ArrayDeque<>();
  private final ArrayDeque<Iterator<? extends I>> sources = new ArrayDeque<>();
  private long inputsSubmitted;
  /** The manage in progress, if any. */
  private Run online;
  private Map<K, V> result;
  private long failedTasks;
  /** Why the hub could not aggregate the last manage (centralized), or null. */
  private String aggregationFailure;

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

  /**
   * Adds one input, mapped by one task. Offline, it waits for the next {@code manage}; from the
   * status handler, while map tasks still run, it joins the run in progress.
   *
   * @throws SpmInputException if the input cannot be serialized (it is not added; nothing else changes)
   * @throws SpmUsageException if called during a manage whose map phase is over (the reduce tasks
   *     have their inputs already)
   */
  public void submit(I input) {
    byte[] encoded = Values.encode(inputName(inputsSubmitted + 1), input);
    Run run = online;
    if (run != null && run.started) {
      run.submitDuring(encoded);
    } else {
      inputs.addLast(encoded);
    }
    inputsSubmitted++;
  }

  /** How an error names the n-th input of this manager, counted from 1. */
  private String inputName(long n) {
    return "input " + n + " of map-reduce '" + name + "'";
  }

  /**
   * Adds inputs read lazily, as slots free up. An exception thrown by the iterator, or an input it
   * gives that cannot be serialized, ends {@code manage} as {@link ListManager#submitAll} says.
   */
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
    aggregationFailure = null;
    ManageResult outcome = Managers.manage(name, CommMode.MAP_REDUCE, pool, options, inputs.isEmpty() && sources.isEmpty(), run::deliver,
        engine -> {
          run.engine = engine;
          online = run;
          engine.hooks(live -> run.start(live.size()));
        }, () -> online = null);
    failedTasks = outcome.failed();
    aggregationFailure = run.aggregationFailure;
    result = run.gathered;
    return outcome;
  }

  /**
   * The aggregate of the last {@code manage}: each key with its reduced value.
   *
   * @throws SpmUsageException if there was no manage yet, or some task of it failed, or the hub
   *     could not aggregate a map task's output (centralized: the reducer threw or returned null)
   */
  public Map<K, V> result() {
    if (result == null) {
      throw new SpmUsageException("map-reduce '" + name + "' has no result: call manage first");
    }
    if (aggregationFailure != null) {
      throw new SpmUsageException("map-reduce '" + name + "' could not aggregate its last manage on the hub, so its "
          + "result is incomplete: " + aggregationFailure);
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
    boolean started;
    /** The first failure of the hub's aggregation (centralized); after it, outputs are no longer folded. */
    String aggregationFailure;

    void start(int liveSlots) {
      started = true;
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
      for (byte[] input : inputs) {
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
          return mapTask(Values.encode(inputName(++inputsSubmitted), current.next()));
        }
      });
    }

    /** An input submitted from the status handler: a map task of this run, while maps still run. */
    void submitDuring(byte[] input) {
      if (reduceTaskFirstId != Long.MAX_VALUE) {
        throw new SpmUsageException("map-reduce '" + name + "' has ended its map phase, so an input submitted now "
            + "would be left out; submit it from the report of a map task, or before manage");
      }
      engine.submit(mapTask(input));
    }

    TaskSpec mapTask(byte[] input) {
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
            aggregate(out, report.label());
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

    /**
     * Folds a map task's output into the result on the hub (centralized). A reducer that throws
     * fails the aggregation, not the manage: the map task's report still reaches the handler, and
     * {@link #result()} says what went wrong.
     */
    @SuppressWarnings("unchecked")
    void aggregate(byte[][] out, String label) {
      if (aggregationFailure != null) {
        return; // the result is incomplete already
      }
      try {
        for (byte[] part : out) {
          MapReduceTasks.fold(hubReducer, reducer, combiner != null, part, (Map<Object, Object>) gathered);
        }
      } catch (RuntimeException e) {
        aggregationFailure = "the reducer " + reducer.display() + " failed on the output of " + label + ": " + e;
      }
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
      (Fn.F4<FunctionRef, FunctionRef, byte[], Integer, byte[][]>) MapReduceTasks::map);
  private static final FunctionRef REDUCE = Functions.ofLambda(
      (Fn.F3<FunctionRef, Boolean, List<byte[]>, byte[]>) MapReduceTasks::reduce);
}
