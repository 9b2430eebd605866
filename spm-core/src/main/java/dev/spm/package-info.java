/**
 * The public API of spm: parallelism as the management of serial tasks.
 *
 * <h2>The story</h2>
 * A user writes plain serial Java: static methods, or {@link dev.spm.TaskFunction} classes. A
 * <em>manager</em> ({@link dev.spm.ListManager}, declared once by name while offline) takes
 * {@link dev.spm.Task}s and, inside {@code manage(pool, options)}, runs them over a
 * {@link dev.spm.Pool} of slots, with a policy for deadlines, relaunching and failures. Each task's
 * final {@link dev.spm.Report} reaches the manager's {@link dev.spm.StatusHandler} exactly once,
 * on the thread that called {@code manage}. The end of {@code manage} is a sequence point: nothing
 * of it is left running.
 *
 * <p>Slots come from a {@link dev.spm.Session}: a hub (this process), its tracker, and one agent
 * process per server that keeps warm spoke JVMs. The same code runs on {@link
 * dev.spm.Pools#serial()} (in this process, for debugging), on every core of one machine, and on
 * many servers; only the pool handle changes. {@link dev.spm.Coprocess} runs stand-alone programs
 * with hard deadlines that kill their whole process tree.
 *
 * <h2>Failures</h2>
 * Every exception is an {@link dev.spm.SpmException}: {@link dev.spm.SpmUsageException} for
 * broken rules of the API, {@link dev.spm.SpmInputException} for bad values,
 * {@link dev.spm.SpmSessionException} for a runtime that could not do its job,
 * {@link dev.spm.ManageException} for a {@code manage} that ended early, and
 * {@link dev.spm.TaskException} (the seed's parallel exceptions) for one task's failure.
 *
 * <p>Everything outside this package ({@code dev.spm.internal.*}) may change without notice.
 */
package dev.spm;
