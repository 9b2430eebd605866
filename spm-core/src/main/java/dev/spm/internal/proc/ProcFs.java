package dev.spm.internal.proc;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads {@code /proc}. Every read is a snapshot that may already be stale: a process can end or
 * start between two reads. Entries that vanish or cannot be read are skipped, never reported.
 */
final class ProcFs {
  static final long SELF = ProcessHandle.current().pid();
  /** The flag of a kernel thread in {@code /proc/PID/stat} (include/linux/sched.h). */
  private static final long PF_KTHREAD = 0x00200000;

  /** What a process's environment says about one entry (see {@link Reader#env}). */
  enum Env {
    /** The entry is there. */
    HAS,
    /** Other entries, not this one. */
    LACKS,
    /**
     * No entry at all: a process between the steps of an exec (its new memory has no environment
     * yet), or one started with none. (A process past the point of releasing its memory reads as
     * {@link #UNREADABLE} on recent kernels, as empty on older ones.)
     */
    EMPTY,
    /** Gone, or not ours to read. */
    UNREADABLE
  }

  /** The fields of {@code /proc/PID/stat} that this package uses. */
  record Stat(long pid, String comm, char state, long ppid, long pgid, long sid, long threads, long startTicks,
      boolean kernelThread) {
    /**
     * Whether the process still runs: not a zombie, or a zombie only in name, whose main thread
     * has ended while others still run (its {@code stat} then shows {@code Z}, and its
     * environment cannot be read, but it can still fork, and signals to its pid still reach it).
     */
    boolean alive() {
      return ProcFs.alive(state) || threads > 1;
    }
  }

  /** What {@link #closedScan} read: every process, and whether the scan closed. */
  record Snapshot(List<Stat> stats, boolean closed) {}

  /** How many times one {@link #closedScan} lists {@code /proc} at most. */
  static final int MAX_LISTINGS = 32;

  private ProcFs() {}

  static boolean alive(char state) {
    return state != 'Z' && state != 'X' && state != 'x';
  }

  /**
   * The signals this process ignores, as the SigIgn mask of {@code /proc/self/status} (bit n-1
   * for signal n); -1 (all of them) if it cannot be read.
   */
  static long ignoredSignals() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1L;
    }
    return -1L;
  }

  /** The pids of every process, from the numeric entries of {@code /proc}. */
  static long[] pids() {
    String[] names = new java.io.File("/proc").list();
    if (names == null) {
      return new long[0];
    }
    long[] pids = new long[names.length];
    int n = 0;
    for (String name : names) {
      if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
        pids[n++] = Long.parseLong(name);
      }
    }
    return Arrays.copyOf(pids, n);
  }

  /** The stat of every process that could be read. */
  static List<Stat> scan() {
    Reader reader = new Reader();
    List<Stat> all = new ArrayList<>();
    for (long pid : pids()) {
      Stat stat = reader.stat(pid);
      if (stat != null) {
        all.add(stat);
      }
    }
    return all;
  }

  /**
   * Lists {@code /proc} and reads every process, then lists it again and reads the new ones, and
   * so on until a listing shows no new pid: the scan is then closed. {@code onRead} sees each
   * process right after its {@code stat} is read, to read more of it at once (its environment,
   * say) before it can fork and end.
   *
   * <p>Why closed: a process that forks and ends between a listing and its read leaves a child
   * that listing missed; the next listing has it. A process alive after a closed scan therefore
   * descends from one that the scan read alive, or was started by something the scan never knew.
   * That holds while pids rise: the scan also reads the pid namespace's last pid before the first
   * listing and after the last, and counts as not closed if it went down (pids wrapped around, so
   * a child may have taken a pid below the listing's cursor, or a pid already listed). Also not
   * closed after {@link #MAX_LISTINGS} listings that each showed a new pid.
   *
   * @param reader the reader to use; {@code onRead} may use it too, after its stat is read
   */
  static Snapshot closedScan(Reader reader, Consumer<Stat> onRead) {
    long lastPidBefore = lastPid();
    List<Stat> all = new ArrayList<>();
    Set<Long> listed = new HashSet<>();
    for (int listing = 1; ; listing++) {
      boolean fresh = false;
      for (long pid : pids()) {
        if (!listed.add(pid)) {
          continue;
        }
        fresh = true;
        Stat stat = reader.stat(pid);
        if (stat != null) {
          all.add(stat);
          onRead.accept(stat);
        }
      }
      if (!fresh) {
        long lastPidAfter = lastPid();
        return new Snapshot(all, lastPidBefore < 0 || lastPidAfter >= lastPidBefore);
      }
      if (listing == MAX_LISTINGS) {
        return new Snapshot(all, false);
      }
    }
  }

  /** The last pid handed out in this pid namespace, or -1 if the kernel does not say. */
  static long lastPid() {
    Reader reader = new Reader(32);
    if (!reader.read("/proc/sys/kernel/ns_last_pid")) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < reader.len && reader.buf[i] >= '0' && reader.buf[i] <= '9'; i++) {
      value = value * 10 + (reader.buf[i] - '0');
    }
    return value;
  }

  static Optional<Stat> stat(long pid) {
    return Optional.ofNullable(new Reader().stat(pid));
  }

  static ProcInfo info(Stat stat) {
    String cmdline = new Reader().cmdline(stat.pid());
    String shown = cmdline.isEmpty() ? "[" + stat.comm() + "]" : cmdline;
    return new ProcInfo(stat.pid(), stat.ppid(), stat.pgid(), stat.state(), shown);
  }

  /**
   * Reads files of {@code /proc} into one buffer that it reuses, so a scan of a few hundred
   * processes allocates little. Not thread-safe: one per scan.
   */
  static final class Reader {
    private byte[] buf;
    private int len;

    Reader() {
      this(8192);
    }

    /** A reader whose buffer starts at this size (it grows as files need). */
    Reader(int size) {
      buf = new byte[size];
    }

    /** Parses {@code /proc/PID/stat}, or returns null if the process is gone. */
    Stat stat(long pid) {
      if (!read("/proc/" + pid + "/stat")) {
        return null;
      }
      // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
      // stime cutime cstime priority nice threads itrealvalue starttime ..."; comm may hold spaces
      // and parentheses, so parse from the last ')'.
      int open = indexOf((byte) '(', 0);
      int close = lastIndexOf((byte) ')');
      if (open < 0 || close < open) {
        return null;
      }
      String comm = new String(buf, open + 1, close - open - 1, StandardCharsets.UTF_8);
      long[] fields = new long[20];
      char state = (char) buf[close + 2];
      int at = close + 4; // the first field after state
      for (int i = 0; i < fields.length && at < len; i++) {
        long value = 0;
        boolean negative = buf[at] == '-';
        if (negative) {
          at++;
        }
        while (at < len && buf[at] != ' ' && buf[at] != '\n') {
          value = value * 10 + (buf[at++] - '0');
        }
        fields[i] = negative ? -value : value;
        at++;
      }
      // fields[0] = ppid (field 4), [1] = pgrp, [2] = session, [5] = flags (field 9), ...,
      // [16] = num_threads (field 20), [18] = starttime (field 22)
      return new Stat(pid, comm, state, fields[0], fields[1], fields[2], fields[16], fields[18],
          (fields[5] & PF_KTHREAD) != 0);
    }

    /** Whether the environment of the process {@code stat} describes holds exactly the entry {@code key=value}. */
    boolean hasEnv(Stat stat, byte[] entry) {
      return env(stat, entry) == Env.HAS;
    }

    /**
     * What one read of the environment of the process {@code stat} describes says about
     * {@code entry}. One read, because a process between the steps of an exec shows an empty
     * environment and the full one a moment later: two reads could see it empty and then tagged,
     * and answer neither. A process whose main thread has ended while others run (a zombie only
     * in name) has no {@code /proc/PID/environ} to read, so that of a live thread is read instead:
     * they share one memory.
     */
    Env env(Stat stat, byte[] entry) {
      long pid = stat.pid();
      if (!read("/proc/" + pid + "/environ")
          && !(stat.threads() > 1 && !alive(stat.state()) && readLiveThreadEnv(pid))) {
        return Env.UNREADABLE;
      }
      if (len == 0) {
        return Env.EMPTY;
      }
      for (int start = 0; start < len; ) {
        int end = indexOf((byte) 0, start);
        if (end < 0) {
          end = len;
        }
        if (end - start == entry.length && Arrays.equals(buf, start, end, entry, 0, entry.length)) {
          return Env.HAS;
        }
        start = end + 1;
      }
      return Env.LACKS;
    }

    /**
     * Whether the environment of {@code pid} holds exactly {@code entry}, or holds no entry
     * starting with {@code prefix} (such as {@code NAME=}), or cannot be read: the cautious
     * answer to "may this process be the one tagged {@code entry}?".
     */
    boolean hasEntryOrLacksPrefix(long pid, byte[] entry, byte[] prefix) {
      if (!read("/proc/" + pid + "/environ")) {
        return true;
      }
      boolean prefixSeen = false;
      for (int start = 0; start < len; ) {
        int end = indexOf((byte) 0, start);
        if (end < 0) {
          end = len;
        }
        if (end - start == entry.length && Arrays.equals(buf, start, end, entry, 0, entry.length)) {
          return true;
        }
        prefixSeen |= end - start >= prefix.length
            && Arrays.equals(buf, start, start + prefix.length, prefix, 0, prefix.length);
        start = end + 1;
      }
      return !prefixSeen;
    }

    /**
     * The pids in {@code /proc/PID/task/TID/children}: the children of that one thread. Null if
     * the file cannot be read (the thread is gone, or the kernel lacks the file).
     */
    long[] children(long pid, long tid) {
      if (!read("/proc/" + pid + "/task/" + tid + "/children")) {
        return null;
      }
      long[] pids = new long[len / 2 + 1];
      int n = 0;
      long value = -1;
      for (int i = 0; i < len; i++) {
        byte b = buf[i];
        if (b >= '0' && b <= '9') {
          value = (value < 0 ? 0 : value * 10) + (b - '0');
        } else if (value >= 0) {
          pids[n++] = value;
          value = -1;
        }
      }
      if (value >= 0) {
        pids[n++] = value;
      }
      return Arrays.copyOf(pids, n);
    }

    /** The command line with its arguments joined by spaces; empty if none or gone. */
    String cmdline(long pid) {
      if (!read("/proc/" + pid + "/cmdline")) {
        return "";
      }
      int end = len;
      while (end > 0 && buf[end - 1] == 0) {
        end--;
      }
      for (int i = 0; i < end; i++) {
        if (buf[i] == 0) {
          buf[i] = ' ';
        }
      }
      return new String(buf, 0, end, StandardCharsets.UTF_8);
    }

    /** Reads the environment of a thread of {@code pid} other than its main one, if one is there. */
    private boolean readLiveThreadEnv(long pid) {
      String[] tids = new java.io.File("/proc/" + pid + "/task").list();
      if (tids != null) {
        for (String tid : tids) {
          if (!tid.equals(Long.toString(pid)) && read("/proc/" + pid + "/task/" + tid + "/environ")) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean read(String file) {
      try (InputStream in = new FileInputStream(file)) {
        len = 0;
        for (int n; (n = in.read(buf, len, buf.length - len)) > 0; ) {
          len += n;
          if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
        }
        return true;
      } catch (IOException gone) { // vanished, or not ours to read
        return false;
      }
    }

    private int indexOf(byte b, int from) {
      for (int i = from; i < len; i++) {
        if (buf[i] == b) {
          return i;
        }
      }
      return -1;
    }

    private int lastIndexOf(byte b) {
      for (int i = len - 1; i >= 0; i--) {
        if (buf[i] == b) {
          return i;
        }
      }
      return -1;
    }
  }
}
