package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.hub.ListEngine;
import dev.spm.internal.hub.Outcome;
import dev.spm.internal.hub.TaskSpec;
import dev.spm.internal.task.Values;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Partition/DAG task manager: tasks with dependencies, as in a parallel make. A task runs when
 * every task it depends on has succeeded; it can receive their results. It shares the List
 * manager's machinery (spokes, deadlines, relaunching, exactly-once reports) and adds the order.
 *
 * <pre>{@code
 * DagManager<String> build = DagManager.declare("build", report -> ...);
 * build.add(Task.of("a.o", Cc::compile, "a.c"));
 * build.add(Task.of("b.o", Cc::compile, "b.c"));
 * build.add(Task.of("app", Cc::link, "app", DagManager.inputs()), "a.o", "b.o");
 * build.manage(Pools.intraAll(), ManageOptions.defaults());
 * }</pre>
 *
 * <p>Each task is named by its label, unique within the manager. A task whose arguments include
 * {@link #inputs()} gets, in its place, a {@code Map<String, Object>} from each dependency's label
 * to its result.
 *
 * <p>When a task fails, every task that depends on it, directly or not, is reported
 * {@link TaskDropped}, naming the dependency that failed. What else happens is set by
 * {@link OnFailure}. Cycles and missing dependencies are rejected when {@code manage} starts,
 * before anything runs.
 *
 * @param <R> the result type of its tasks
 */
public final class DagManager<R> {

  /** What happens to the rest of the graph when a task fails. */
  public enum OnFailure {
    /** Go on with every task that does not depend on the failure ({@code make -k}). */
    KEEP_GOING,
    /** Start nothing new, let running tasks finish, report the rest dropped (make's default). */
    FINISH_RUNNING,
    /** Start nothing new and kill the running tasks at once; report the rest dropped. */
    STOP_NOW
  }

  /** The placeholder for a task's dependency results; see {@link DagManager#inputs()}. */
  public static final class Inputs implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Inputs INSTANCE = new Inputs();

    private Inputs() {}

    @Override
    public String toString() {
      return "DagManager.inputs()";
    }
  }

  private static final class Node {
    final TaskSpec spec;
    final List<String> dependsOn;
    final List<Node> dependents = new ArrayList<>();
    final boolean wantsInputs;
    /** Whether a dependent wants this task's result among its inputs, so that it must be kept. */
    boolean resultWanted;
    int waiting;
    /** For the cycle search: 0 unseen, 1 on the current path, 2 finished. */
    int visit;
    boolean released;
    boolean done;
    /** Its result, encoded, when a dependent wants it: each dependent decodes a copy of its own. */
    byte[] result;

    Node(TaskSpec spec, List<String> dependsOn, boolean wantsInputs) {
      this.spec = spec;
      this.dependsOn = dependsOn;
      this.wantsInputs = wantsInputs;
    }
  }

  private final String name;
  private final StatusHandler<R> handler;
  private final Map<String, Node> nodes = new HashMap<>();
  /** The nodes in the order added: the task id of {@code added.get(i)} is {@code firstId + i}. */
  private final List<Node> added = new ArrayList<>();
  private long firstId = 1;
  private OnFailure onFailure = OnFailure.FINISH_RUNNING;
  private java.util.function.Consumer<String> onRelease = label -> { };
  private ListEngine engine;
  /** Whether this manage has applied its stopping policy: once is enough (drops that follow are its own). */
  private boolean stopped;

  private DagManager(String name, StatusHandler<R> handler) {
    this.name = name;
    this.handler = handler;
  }

  /**
   * Declares a DAG manager, only while offline, with a name unique in this process.
   *
   * @throws SpmUsageException if the name is taken, or a manager is online
   */
  public static <R> DagManager<R> declare(String name, StatusHandler<R> handler) {
    Objects.requireNonNull(handler, "handler");
    Roles.declare("manager", name);
    return new DagManager<>(name, handler);
  }

  /** The argument that stands for the results of a task's dependencies. */
  public static Object inputs() {
    return Inputs.INSTANCE;
  }

  /** Sets the failure policy ({@link OnFailure#FINISH_RUNNING} by default); returns this. */
  public DagManager<R> onFailure(OnFailure policy) {
    this.onFailure = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Sets what to call, on the manage thread, when a task is handed to the pool: its dependencies
   * have all succeeded, and it runs as soon as a spoke is free (as make echoes a recipe line when
   * it starts it). Returns this.
   */
  public DagManager<R> onRelease(java.util.function.Consumer<String> listener) {
    this.onRelease = Objects.requireNonNull(listener, "listener");
    return this;
  }

  public String name() {
    return name;
  }

  /** Adds a task that depends on the tasks with the given labels; see {@link #add(Task, Collection)}. */
  public void add(Task<? extends R> task, String... dependsOn) {
    add(task, Arrays.asList(dependsOn));
  }

  /**
   * Adds a task, named by its label, that runs once every task in {@code dependsOn} has
   * succeeded. Dependencies may be added later, but before {@code manage}.
   *
   * @throws SpmInputException if the label is already taken in this manager
   * @throws SpmUsageException if called while this manager is online
   */
  public void add(Task<? extends R> task, Collection<String> dependsOn) {
    Objects.requireNonNull(task, "task");
    if (engine != null) {
      throw new SpmUsageException("DAG '" + name + "' is online; add its tasks before manage");
    }
    if (nodes.containsKey(task.label())) {
      throw new SpmInputException("task label '" + task.label() + "' is already in DAG '" + name
          + "'; labels name the tasks of a DAG, so they must be unique");
    }
    TaskSpec spec = new TaskSpec(firstId + added.size(), task.label(), task.functionRef(), task.encodedArgs(),
        task.timeoutNanos());
    Node node = new Node(spec, List.copyOf(dependsOn), wantsInputs(spec.args()));
    nodes.put(spec.label(), node);
    added.add(node);
  }

  private static boolean wantsInputs(byte[] args) {
    if (args.length == 0) {
      return false;
    }
    for (Object arg : Values.decodeArgs(args)) {
      if (arg instanceof Inputs) {
        return true;
      }
    }
    return false;
  }

  /** {@link #manage(Pool, ManageOptions)} with {@link ManageOptions#defaults()}. */
  public ManageResult manage(Pool pool) {
    return manage(pool, ManageOptions.defaults());
  }

  /**
   * Runs the graph over the pool and returns when every task has had its one final report: a
   * sequence point, as for {@link ListManager#manage(Pool, ManageOptions)}. A manage that runs
   * uses up the tasks added so far, whether it ends normally or with a {@link ManageException}: a
   * later {@code manage} runs only tasks added after it, and their labels may be used again. A
   * graph rejected before anything runs (a missing dependency, a cycle) keeps its tasks, so that
   * it can be completed and managed again.
   *
   * @throws SpmInputException if a dependency is missing or the tasks form a cycle (naming it),
   *     before anything runs, or if there are no tasks
   * @throws ManageException as {@link ListManager#manage(Pool, ManageOptions)}
   */
  public ManageResult manage(Pool pool, ManageOptions options) {
    link(); // before going online: a rejected graph loses nothing
    return Managers.manage(name, CommMode.DAG, pool, options, nodes.isEmpty(), this::deliver, engine -> {
      this.engine = engine;
      this.stopped = false;
      // A failure must stop what has not started (docs/RUNTIME.md): a spoke starts nothing sent
      // before the failure was taken in, and holds no dear task ahead, which would only come back.
      engine.fenceFailures(onFailure != OnFailure.KEEP_GOING);
      engine.holdAhead(onFailure == OnFailure.KEEP_GOING);
      engine.notYetSubmitted(() -> added.stream().filter(n -> !n.done && !n.released).map(n -> n.spec).toList());
      for (Node node : added) {
        if (node.waiting == 0) {
          release(node);
        }
      }
    }, () -> {
      this.engine = null;
      nodes.clear();
      firstId += added.size(); // a late report of this manage names no node of the next
      added.clear();
    });
  }

  /** Links dependents, counts what each waits for, and rejects missing dependencies and cycles. */
  private void link() {
    for (Node node : added) {
      node.dependents.clear();
      node.resultWanted = false;
    }
    boolean forward = true; // each dependency added before its dependent: then there is no cycle
    for (Node node : added) {
      node.waiting = 0;
      for (String label : node.dependsOn) {
        Node dependency = nodes.get(label);
        if (dependency == null) {
          throw new SpmInputException("task '" + node.spec.label() + "' of DAG '" + name + "' depends on '" + label
              + "', which was not added");
        }
        dependency.dependents.add(node);
        dependency.resultWanted |= node.wantsInputs;
        forward &= dependency.spec.id() < node.spec.id();
        node.waiting++;
      }
    }
    List<String> cycle = forward ? null : findCycle();
    if (cycle != null) {
      String shown = cycle.size() <= 21 ? String.join(" -> ", cycle) // a long one: its two ends, and its length
          : String.join(" -> ", cycle.subList(0, 10)) + " -> ... " + (cycle.size() - 21) + " more ... -> "
              + String.join(" -> ", cycle.subList(cycle.size() - 11, cycle.size())) + " (" + (cycle.size() - 1)
              + " tasks)";
      throw new SpmInputException("the tasks of DAG '" + name + "' form a cycle: " + shown);
    }
  }

  /** A cycle as labels, first repeated last, or null. Iterative, so deep graphs do not overflow. */
  private List<String> findCycle() {
    for (Node node : added) {
      node.visit = 0;
    }
    for (Node root : added) {
      if (root.visit != 0) {
        continue;
      }
      ArrayDeque<Node> path = new ArrayDeque<>();
      ArrayDeque<Integer> next = new ArrayDeque<>();
      path.push(root);
      next.push(0);
      root.visit = 1;
      while (!path.isEmpty()) {
        Node node = path.peek();
        int i = next.pop();
        if (i < node.dependents.size()) {
          next.push(i + 1);
          Node child = node.dependents.get(i);
          int s = child.visit;
          if (s == 0) {
            child.visit = 1;
            path.push(child);
            next.push(0);
          } else if (s == 1) {
            List<String> cycle = new ArrayList<>();
            List<Node> onPath = new ArrayList<>(path);
            java.util.Collections.reverse(onPath);
            for (int k = onPath.indexOf(child); k < onPath.size(); k++) {
              cycle.add(onPath.get(k).spec.label());
            }
            cycle.add(child.spec.label());
            return cycle;
          }
        } else {
          node.visit = 2;
          path.pop();
        }
      }
    }
    return null;
  }

  private void release(Node node) {
    node.released = true;
    TaskSpec spec = node.spec;
    if (node.wantsInputs) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      for (String label : node.dependsOn) {
        inputs.put(label, Values.decode(nodes.get(label).result)); // a copy of its own: not the handler's object
      }
      Object[] args = Values.decodeArgs(spec.args());
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof Inputs) {
          args[i] = inputs;
        }
      }
      spec = new TaskSpec(spec.id(), spec.label(), spec.function(), Values.encodeArgs("task '" + spec.label() + "'",
          args), spec.timeoutNanos());
    }
    engine.submit(spec);
    onRelease.accept(spec.label());
  }

  /** The node of a task id of this manage, or null. */
  private Node byId(long taskId) {
    long i = taskId - firstId;
    return i >= 0 && i < added.size() ? added.get((int) i) : null;
  }

  private void deliver(Outcome outcome) throws Exception {
    Node node = byId(outcome.task().id());
    Report<R> report = Managers.report(outcome);
    if (node != null && !node.done) {
      node.done = true;
      if (report.succeeded()) {
        if (node.resultWanted) {
          node.result = outcome.value();
        }
        handler.onReport(report);
        for (Node dependent : node.dependents) {
          if (--dependent.waiting == 0 && !dependent.done) {
            release(dependent);
          }
        }
        return;
      }
      handler.onReport(report);
      failed(node, report.failure().get());
      return;
    }
    handler.onReport(report);
  }

  /** Drops what depends on a failed task, then applies the policy to the rest. */
  private void failed(Node node, TaskException failure) {
    String why = "its dependency '" + node.spec.label() + "' failed (" + failure.getClass().getSimpleName() + ")";
    ArrayDeque<Node> work = new ArrayDeque<>(node.dependents);
    while (!work.isEmpty()) {
      Node dependent = work.poll();
      if (!dependent.done) {
        dependent.done = true;
        engine.drop(dependent.spec, why);
        work.addAll(dependent.dependents);
      }
    }
    if (onFailure == OnFailure.KEEP_GOING || stopped) {
      return;
    }
    stopped = true;
    String stop = "was not started: task '" + node.spec.label() + "' failed and DAG '" + name + "' stops on failure";
    for (TaskSpec waiting : engine.stopStarting()) {
      Node n = byId(waiting.id());
      if (n != null) {
        // Taken back unsent: this manager reports it below, and until then lists it as unreported
        // (notYetSubmitted), should the handler throw on a drop before it.
        n.released = false;
      }
    }
    for (Node other : added) {
      if (!other.done && !other.released) {
        other.done = true;
        engine.drop(other.spec, stop);
      }
    }
    if (onFailure == OnFailure.STOP_NOW) {
      engine.killRunning("task '" + node.spec.label() + "' failed and DAG '" + name + "' stops at once");
    }
  }
}
