package dev.spm.internal.proc;

import java.util.List;

/**
 * What {@link Libc#spawn} starts: a program in a new session (it leads its own session and
 * process group, as after {@code setsid}), with exactly this environment, the signal mask
 * cleared, and no file descriptor of this JVM other than the three below.
 *
 * @param argv the program (looked up on this JVM's {@code PATH} when it holds no '/') and its
 *     arguments
 * @param env the whole environment, as {@code NAME=VALUE} entries
 * @param cwd the working directory, or null for this JVM's
 * @param stdin the file opened read-only as stdin
 * @param stdout the file opened write-only as stdout, created (mode 0600) or truncated
 * @param stderr the file opened write-only as stderr, created (mode 0600) or truncated
 */
record SpawnRequest(List<String> argv, List<String> env, String cwd, String stdin, String stdout, String stderr) {
  SpawnRequest {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
  }
}
