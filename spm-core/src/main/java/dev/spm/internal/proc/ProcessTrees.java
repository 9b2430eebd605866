package dev.spm.internal.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Placeholder until the process-tree work lands: environ scan and kill(1). */
public final class ProcessTrees {
  private ProcessTrees() {}

  public static final String SESSION_ENV = "SPM_SESSION";
  public static final String TAG_ENV = "SPM_TAG";

  public static List<Long> pidsWithEnv(String key, String value) {
    byte[] needle = (key + "=" + value).getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid == self) {
          continue;
        }
        try {
          byte[] env = Files.readAllBytes(dir.resolve("environ"));
          if (contains(env, needle)) {
            pids.add(pid);
          }
        } catch (IOException | RuntimeException ignored) {
          // gone or unreadable
        }
      }
    } catch (IOException e) {
      return pids;
    }
    return pids;
  }

  private static boolean contains(byte[] env, byte[] needle) {
    int start = 0;
    for (int i = 0; i <= env.length; i++) {
      if (i == env.length || env[i] == 0) {
        if (i - start == needle.length && java.util.Arrays.equals(env, start, i, needle, 0, needle.length)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  public static boolean killTagged(String key, String value, Duration grace, Duration confirmWithin) {
    long deadline = System.nanoTime() + confirmWithin.toNanos();
    while (true) {
      List<Long> pids = pidsWithEnv(key, value);
      pids.removeIf(pid -> !alive(pid));
      if (pids.isEmpty()) {
        return true;
      }
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        signal(pid);
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  public static boolean killTree(long rootPid, String tagKey, String tagValue, Duration grace, Duration confirmWithin) {
    ProcessHandle.of(rootPid).ifPresent(h -> {
      h.descendants().forEach(ProcessHandle::destroyForcibly);
      h.destroyForcibly();
    });
    return killTagged(tagKey, tagValue, grace, confirmWithin);
  }

  private static void signal(long pid) {
    try {
      new ProcessBuilder("kill", "-KILL", Long.toString(pid)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException e) {
      // nothing more to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  public static boolean becomeSubreaper() {
    return false;
  }
}
