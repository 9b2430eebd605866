package dev.spm;

/**
 * Receives each task's final report, on the thread that called {@code manage}, one report at a
 * time, so serial code needs no locks. The seed's stage1 callback.
 *
 * <p>It may submit more tasks to its manager. If it throws, the manager kills and relaunches its
 * spokes and the exception leaves {@code manage} as the cause of a {@link ManageException}.
 *
 * @param <R> the result type of the manager's tasks
 */
@FunctionalInterface
public interface StatusHandler<R> {
  void onReport(Report<R> report) throws Exception;
}
