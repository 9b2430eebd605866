/**
 * Processes on Linux: finding, killing and reaping whole trees of them, and running one program
 * as a {@link dev.spm.Coprocess}.
 *
 * <h2>The story</h2>
 * Java's {@link java.lang.Process#destroy} signals one pid, and a program can escape its parent
 * in three ways: its children outlive it, re-parented to init; a child calls {@code setsid} and
 * leaves the process group; a child daemonizes (double fork). So this package finds the
 * processes of a tree three ways at once ({@link dev.spm.internal.proc.ProcessTrees}): by an
 * environment entry that every descendant inherits ({@code SPM_TAG} per coprocess,
 * {@code SPM_SESSION} per session), by descent from a root pid, and by process group. It kills
 * them with SIGTERM, then SIGKILL after a grace, rescanning {@code /proc} until none is alive,
 * and reports whether that was confirmed within a bound. A coprocess starts under
 * {@code setsid}, so it leads a session and group of its own.
 *
 * <h2>What holds on which JDK</h2>
 * <ul>
 *   <li><b>Java 21</b> (or Java 22+ without {@code --enable-native-access}): signals are sent by
 *       running the {@code kill} command, about a millisecond per call.
 *       {@link dev.spm.internal.proc.ProcessTrees#becomeSubreaper} returns false and a
 *       {@link dev.spm.internal.proc.Reaper} does nothing, so orphans go to init, which reaps
 *       them. Every kill guarantee still holds for processes that keep their tag in their
 *       environment or stay in their group; a process that both clears its environment and
 *       leaves its session after its parent died cannot be found.
 *   <li><b>Java 22+ with native access</b>: {@code kill(2)}, {@code prctl} and {@code waitpid}
 *       are called through the FFM API ({@code FfmLibc}, compiled from {@code src/main/java22}
 *       and loaded by name, so a Java 21 JVM never sees it). A subreaper adopts every orphaned
 *       descendant, so even a process that clears its environment and calls {@code setsid}
 *       stays a descendant; the {@link dev.spm.internal.proc.Reaper} reaps those that end, each
 *       by its own pid, never with {@code waitpid(-1)}, which would race the JDK's reaper.
 *   <li><b>Launching.</b> On Java 22+ with native access and glibc 2.34+, a coprocess starts
 *       with {@code posix_spawnp} and {@code POSIX_SPAWN_SETSID} (no helper exec, only fds 0-2
 *       open in it), is awaited through a pidfd and reaped with {@code waitpid}, which tells an
 *       {@code exit 143} from a death by SIGTERM. Elsewhere it starts through
 *       {@link java.lang.ProcessBuilder} as {@code setsid --wait ARGV}, where both look alike.
 *       When the JVM is a subreaper, a program that exited is known to have left nothing behind
 *       from a look at the JVM's adopted orphans ({@code Adoptees}); otherwise its whole tree is
 *       swept.
 *   <li>The system property {@code spm.proc.forceFallback=true}, read at each kill and each
 *       launch, forces the {@code kill} command and the {@code ProcessBuilder} launch even where
 *       FFM works, so tests exercise the fallback. It does not affect the subreaper or the reaper.
 * </ul>
 * Nothing here writes to stderr: without native access the FFM path is not tried, so the JVM
 * never warns about it.
 *
 * <h2>Files</h2>
 * {@code ProcFs} reads {@code /proc}; {@code Signals} and its two implementations
 * ({@code Signals.NativeSignals}, {@code KillCommand}) send signals; {@code Libc} is the FFM
 * seam; {@code ProcessTrees} finds and kills; {@code Reaper} reaps adopted orphans;
 * {@code CoprocessRunner} runs a {@link dev.spm.Coprocess}; {@code TermSeq} is a kill sequence in
 * GNU parallel's {@code --termseq} syntax; {@code Watchdog} kills a JVM's programs after the JVM
 * dies, for JVMs that start programs with no agent behind them.
 */
package dev.spm.internal.proc;
