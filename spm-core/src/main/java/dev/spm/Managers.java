package dev.spm;

import dev.spm.internal.Roles;
import dev.spm.internal.hub.Backend;
import dev.spm.internal.hub.ListEngine;
import dev.spm.internal.hub.Outcome;
import dev.spm.internal.hub.SerialBackend;
import dev.spm.internal.task.ErrorData;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every manager shares: the online/offline transition around one run of the engine, the
 * choice of backend for a pool, and the making of reports from outcomes. Each manager adds only
 * its policy (what to submit, and when).
 */
final class Managers {
  private Managers() {}

  /**
   * Brings the hub online, runs one engine over the pool, and brings it offline again, whatever
   * happens. {@code mode} is the manager's kind (a CommMode constant); {@code setUp} submits the
   * first tasks and may enable channels; {@code tearDown} runs before offline.
   */
  static ManageResult manage(String name, byte mode, Pool pool, ManageOptions options, boolean noTasks,
      ListEngine.Sink sink, Consumer<ListEngine> setUp, Runnable tearDown) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(options, "options");
    Roles.enterOnline(name);
    try {
      if (noTasks) {
        throw new SpmInputException("manage of '" + name + "' has no tasks; submit tasks before calling manage");
      }
      Backend backend = pool.isSerial() ? new SerialBackend(Session.hubServerName()) : Session.backend(pool);
      long start = System.nanoTime();
      ListEngine engine = new ListEngine(name, backend, options, sink);
      engine.comm(mode, null);
      try {
        setUp.accept(engine);
        engine.run(pool);
      } finally {
        tearDown.run();
      }
      return new ManageResult(pool, engine.usedSlots(), engine.succeeded(), engine.failed(), engine.stopped(),
          engine.staleMessages(),
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      Roles.exitOnline();
    }
  }

  static <R> Report<R> report(Outcome outcome) {
    return new Report<>(outcome.origin(), outcome.value(), failure(outcome));
  }

  static TaskException failure(Outcome o) {
    TaskOrigin origin = o.origin();
    ErrorData error = o.error();
    Throwable cause = error == null ? null : error.toThrowable();
    String what = o.what();
    return switch (o.kind()) {
      case OK -> null;
      case DROPPED -> new TaskDropped(what, origin);
      case LOAD_UNCAUGHT -> new TaskLoadUncaught(what, origin, cause);
      case LOAD_FATAL -> new TaskLoadFatal(what, origin, cause);
      case LOAD_KILL -> new TaskLoadKill(what, origin, cause);
      case LOAD_TIMEOUT -> new TaskLoadTimeout(what, origin, cause);
      case EVAL_UNCAUGHT -> new TaskEvalUncaught(what, origin, cause);
      case EVAL_FATAL -> new TaskEvalFatal(what, origin, cause);
      case EVAL_KILL -> new TaskEvalKill(what, origin, cause);
      case EVAL_TIMEOUT -> new TaskEvalTimeout(what, origin, cause);
      case STOPPED -> new TaskStopped(what, origin);
      case GANG_ABORTED -> new TaskGangAborted(what, origin, o.member(), cause);
    };
  }
}
