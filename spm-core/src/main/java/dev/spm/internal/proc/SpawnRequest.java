package dev.spm.internal.proc;

import java.util.List;

/**
 * What {@link Libc#spawn} starts: a program in a new session (it leads its own session and
 * process group, as after {@code setsid}), with exactly this environment, the signal mask
 * cleared, and no file descriptor of this JVM other than the three below.
 *
 * @param program the file to execute: a path, or a name to look up on this JVM's {@code PATH}
 * @param argv the program's name and its arguments
 * @param env the environment, as {@code NAME=VALUE} entries, without {@code extraEnv}; the same
 *     list instance from one call to the next lets {@link Libc#spawn} reuse its encoding
 * @param extraEnv more entries, whose names {@code env} does not hold
 * @param cwd the working directory, or null for this JVM's
 * @param stdin the file opened read-only as stdin, unless {@code stdinFd} is given
 * @param stdinFd a descriptor of this process to give the program as stdin, or -1
 * @param stdout the file opened write-only as stdout, created (mode 0600) or truncated
 * @param stderr the file opened write-only as stderr, created (mode 0600) or truncated
 */
record SpawnRequest(String program, List<String> argv, List<String> env, List<String> extraEnv, String cwd, String stdin, int stdinFd,
    String stdout, String stderr) {
  SpawnRequest {
    argv = List.copyOf(argv);
    extraEnv = List.copyOf(extraEnv);
  }

  /** What the file actions depend on. */
  record Files(String cwd, String stdin, int stdinFd, String stdout, String stderr) {}

  Files files() {
    return new Files(cwd, stdin, stdinFd, stdout, stderr);
  }
}
