package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.CommMode;
import dev.spm.internal.hub.ListEngine;
import dev.spm.internal.hub.Outcome;
import dev.spm.internal.hub.TaskSpec;
import dev.spm.internal.task.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fine grain (general) task manager: every spoke of the pool runs one member of a gang, as
 * one unit (SPMD). Members talk to each other directly through {@link Gang#current()}, and to the
 * hub through the {@link HubChannel}s named when it is declared.
 *
 * <pre>{@code
 * GangManager<Double> pagerank = GangManager.declare("pagerank", report -> ...);
 * pagerank.manage(Task.of("pr", PageRank::member, file), Pools.inter(), ManageOptions.defaults());
 * }</pre>
 *
 * <p>Size: the gang has one member per spoke of the pool. {@code manage} waits for every slot
 * of the pool to have a spoke; if some are not up within {@code timeoutWaitForSpokes}, the gang
 * is made of those that are, when they are at least {@code nSpokesMin}. Member {@code r} is
 * reported under the task's label followed by {@code #r}.
 *
 * <p>Failure, the seed's rule for fine grain (general): the premature end of any member is the
 * premature end of all. If a member throws, dies or passes its deadline, every other member is
 * killed at once; then, by policy, the whole gang runs again ({@link #relaunch(int)}) or every
 * member is reported: the member that failed with its own failure, the others with
 * {@link TaskGangAborted}, which names it. A member may instead end the gang with success by
 * {@link Gang#declareResult}; the members still running are then stopped and reported with
 * {@link TaskStopped}, which is not a failure.
 *
 * @param <R> the result type of its members (and of a declared result)
 */
public final class GangManager<R> {
  private final String name;
  private final StatusHandler<R> handler;
  private final ListEngine.Channels channels;
  private int relaunches;
  private Optional<R> result = Optional.empty();

  private GangManager(String name, StatusHandler<R> handler, ListEngine.Channels channels) {
    this.name = name;
    this.handler = handler;
    this.channels = channels;
  }

  /**
   * Declares a gang manager that enables these hub channels, only while offline, with a name
   * unique in this process.
   *
   * @throws SpmUsageException if the name is taken, a manager is online, or a channel was not
   *     declared in this process
   */
  public static <R> GangManager<R> declare(String name, StatusHandler<R> handler, HubChannel<?, ?>... channels) {
    Objects.requireNonNull(handler, "handler");
    ListEngine.Channels enabled = HubChannel.enable(name, List.of(channels));
    Roles.declare("manager", name);
    return new GangManager<>(name, handler, enabled);
  }

  public String name() {
    return name;
  }

  /**
   * The policy on failure: run the whole gang again, up to {@code times} more times, before the
   * failure is reported. 0 (the default) reports the first failure.
   *
   * @throws SpmInputException if {@code times} is negative
   */
  public GangManager<R> relaunch(int times) {
    if (times < 0) {
      throw new SpmInputException("relaunch times must be zero or more, but was " + times);
    }
    this.relaunches = times;
    return this;
  }

  /**
   * Runs the member task on every spoke of the pool, as one gang, and returns when every member
   * has had its final report (one report per member, in rank order, once the gang has ended).
   *
   * @throws SpmUsageException if called while a manager is online
   * @throws SpmSessionException if the pool needs a cloud and no session is open
   * @throws ManageException if the run ended early: the handler or a channel's handler threw,
   *     fewer than nSpokesMin spokes came up, timeoutExecution passed, or the thread was
   *     interrupted; every member is killed first
   */
  public ManageResult manage(Task<? extends R> member, Pool pool, ManageOptions options) {
    Objects.requireNonNull(member, "member");
    result = Optional.empty();
    ListEngine[] running = new ListEngine[1];
    ManageResult run = Managers.manage(name, CommMode.GANG, pool, options, false, this::deliver, engine -> {
      engine.comm(CommMode.GANG, channels);
      engine.awaitAllSpokes();
      engine.hooks(live -> {
        List<TaskSpec> members = new ArrayList<>(live.size());
        for (int rank = 0; rank < live.size(); rank++) {
          members.add(new TaskSpec(rank + 1, member.label() + "#" + rank, member.functionRef(), member.encodedArgs(),
              member.timeoutNanos()));
        }
        engine.submitGang(members, relaunches);
      });
      running[0] = engine;
    }, () -> {
      byte[] declared = running[0] == null ? null : running[0].declaredResult();
      if (declared != null) {
        result = Optional.ofNullable(decode(declared));
      }
    });
    return run;
  }

  /**
   * The result a member declared with {@link Gang#declareResult} in the last {@code manage}, if
   * one did.
   */
  public Optional<R> result() {
    return result;
  }

  @SuppressWarnings("unchecked")
  private static <R> R decode(byte[] bytes) {
    return (R) Values.decode(bytes);
  }

  private void deliver(Outcome outcome) throws Exception {
    handler.onReport(Managers.report(outcome));
  }
}
