package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.comm.CommMode;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The fine grain (limited) task manager: a {@link ListManager} whose tasks may message the hub
 * before they end, on the {@link HubChannel}s named when it is declared. Everything else (pools,
 * deadlines, relaunching, exactly-once reports, exceptions) is the List manager's.
 *
 * <p>Each channel's handler runs on the thread that called {@code manage}, interleaved with the
 * status handler, one message or report at a time, so neither needs a lock. A task relaunched
 * after its spoke died starts its conversation again; what its killed attempt sent is ignored,
 * and a reply meant for it is dropped.
 *
 * @param <R> the result type of its tasks
 */
public final class HubChannelManager<R> {
  private final ListManager<R> list;

  private HubChannelManager(ListManager<R> list) {
    this.list = list;
  }

  /**
   * Declares a manager that enables these channels, only while offline, with a name unique in
   * this process.
   *
   * @throws SpmUsageException if the name is taken, a manager is online, or a channel was not
   *     declared in this process
   * @throws SpmInputException if a channel is named twice
   */
  public static <R> HubChannelManager<R> declare(String name, StatusHandler<R> handler, HubChannel<?, ?>... channels) {
    Objects.requireNonNull(handler, "handler");
    var enabled = HubChannel.enable(name, List.of(channels));
    Roles.declare("manager", name);
    return new HubChannelManager<>(new ListManager<>(name, handler, CommMode.HUB, enabled));
  }

  public String name() {
    return list.name();
  }

  /** As {@link ListManager#submit}. */
  public void submit(Task<? extends R> task) {
    list.submit(task);
  }

  /** As {@link ListManager#submitAll(Iterator)}. */
  public void submitAll(Iterator<? extends Task<? extends R>> tasks) {
    list.submitAll(tasks);
  }

  /**
   * As {@link ListManager#manage(Pool, ManageOptions)}; a channel handler that throws ends it as
   * a status handler that throws does ({@link ManageException.Reason#HANDLER_THREW}).
   */
  public ManageResult manage(Pool pool, ManageOptions options) {
    return list.manage(pool, options);
  }
}
