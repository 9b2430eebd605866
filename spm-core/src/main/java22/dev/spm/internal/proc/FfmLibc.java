package dev.spm.internal.proc;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Libc} through the FFM API (final since Java 22). Compiled with {@code --release 22} and
 * loaded only by name from {@link Libc.Holder}. The constructor throws when native access is not
 * enabled for this class's module, so that no warning reaches stderr.
 *
 * <pre>
 * Overview.
 * A downcall handle costs a few milliseconds per distinct function type the first time, which a
 * command that runs one job would feel. So every function is called through one handle type: six
 * 64-bit integer arguments returning a 64-bit integer, capturing errno. Pointers are passed as their addresses, ints and shorts widened. On the Linux calling
 * conventions this targets (x86-64 System V, AArch64), integer arguments travel in registers, a
 * callee reads only the low bits of a narrower parameter and ignores registers it does not use,
 * and the int results are read from the low 32 bits: the calls are exactly those C would make.
 * The variadic prctl takes only integer arguments, which it reads from the same registers.
 * Handles are bound to their symbol lazily, once each.
 * </pre>
 */
final class FfmLibc implements Libc {
  private static final int PR_SET_CHILD_SUBREAPER = 36;
  private static final int PR_GET_CHILD_SUBREAPER = 37;
  private static final int WNOHANG = 1;
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_CREAT = 0x40;
  private static final int O_TRUNC = 0x200;
  private static final int O_CLOEXEC = 0x80000;
  private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
  private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final int POSIX_SPAWN_SETSID = 0x80;
  private static final int EINTR = 4;
  private static final short POLLIN = 1;
  /** Bigger than glibc's posix_spawn_file_actions_t (80 bytes) and posix_spawnattr_t (336). */
  private static final long SPAWN_STRUCT_BYTES = 1024;
  /** glibc's sigset_t. */
  private static final long SIGSET_BYTES = 128;

  private static final FunctionDescriptor SIX_LONGS = FunctionDescriptor.of(JAVA_LONG,
      JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

  private final Linker linker = Linker.nativeLinker();
  private final SymbolLookup libc = linker.defaultLookup();
  private final MethodHandle withErrno;
  private final Map<String, MemorySegment> symbols = new ConcurrentHashMap<>();
  private final StructLayout callState = Linker.Option.captureStateLayout();
  private final VarHandle errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private final boolean canSpawn;
  /** Per thread: the errno capture state, and 16 bytes for out-parameters. */
  private final ThreadLocal<MemorySegment[]> scratch;

  @SuppressWarnings("restricted") // intended: the caller checked native access is enabled
  FfmLibc() {
    if (!FfmLibc.class.getModule().isNativeAccessEnabled()) {
      throw new IllegalStateException("native access is not enabled");
    }
    // One unbound handle, for every function: the target address comes first at each call, then
    // where to capture errno (each distinct handle type costs milliseconds to make).
    withErrno = linker.downcallHandle(SIX_LONGS, Linker.Option.captureCallState("errno"));
    scratch = ThreadLocal.withInitial(() -> {
      Arena arena = Arena.ofAuto();
      return new MemorySegment[] {arena.allocate(callState), arena.allocate(16, 8)};
    });
    canSpawn = libc.find("posix_spawn_file_actions_addclosefrom_np").isPresent()
        && libc.find("posix_spawn_file_actions_addchdir_np").isPresent();
  }

  private MemorySegment symbol(String name) {
    return symbols.computeIfAbsent(name, key -> libc.find(name).orElseThrow(() -> new UnsupportedOperationException(
        name + " is not in this libc")));
  }

  /** Calls a function with up to six integer or pointer arguments; returns the raw result. */
  private long call(String name, long a, long b, long c, long d, long e, long f) {
    try {
      return (long) withErrno.invokeExact(symbol(name), scratch.get()[0], a, b, c, d, e, f);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private long call(String name, long a, long b, long c) {
    return call(name, a, b, c, 0, 0, 0);
  }

  /** As {@link #call}, writing errno into {@code state}. */
  private long callErrno(MemorySegment state, String name, long a, long b, long c) {
    try {
      return (long) withErrno.invokeExact(symbol(name), state, a, b, c, 0L, 0L, 0L);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private int errno(MemorySegment state) {
    return (int) errno.get(state, 0L);
  }

  @Override
  public int kill(long pidOrNegativeGroup, int signal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(callState);
      int result = (int) callErrno(state, "kill", Math.toIntExact(pidOrNegativeGroup), signal, 0);
      return result == 0 ? 0 : errno(state);
    }
  }

  @Override
  public boolean setChildSubreaper(boolean on) {
    return (int) call("prctl", PR_SET_CHILD_SUBREAPER, on ? 1 : 0, 0, 0, 0, 0) == 0;
  }

  @Override
  public boolean isChildSubreaper() {
    MemorySegment flag = scratch.get()[1];
    flag.set(JAVA_INT, 0, 0);
    int result = (int) call("prctl", PR_GET_CHILD_SUBREAPER, flag.address(), 0, 0, 0, 0);
    return result == 0 && flag.get(JAVA_INT, 0) != 0;
  }

  @Override
  public long reap(long pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(JAVA_INT);
      return (int) call("waitpid", Math.toIntExact(pid), status.address(), WNOHANG);
    }
  }

  @Override
  public boolean canSpawn() {
    return canSpawn;
  }

  @Override
  public long spawn(SpawnRequest request) {
    if (!canSpawn) {
      throw new UnsupportedOperationException("posix_spawn_file_actions_addclosefrom_np is missing (glibc < 2.34)");
    }
    MemorySegment env = environment(request.env());
    SpawnRequest.Files files = request.files();
    MemorySegment actions = fileActions.get(files);
    boolean cached = actions != null;
    if (!cached) {
      actions = newFileActions(files, Arena.ofAuto());
    }
    try {
      List<String> argv = request.argv();
      List<String> extra = request.extraEnv();
      long count = env.byteSize() / ADDRESS.byteSize() - 1; // without its NULL
      // The pointer arrays, then the strings, in this thread's scratch memory: no arena per spawn.
      long strings = 0;
      for (String a : argv) {
        strings += a.length() * 3L + 8; // at most 3 bytes a UTF-16 char in UTF-8, a NUL, alignment
      }
      for (String e : extra) {
        strings += e.length() * 3L + 8;
      }
      Scratch m = spawnScratch.get();
      m.reset(8 * (argv.size() + 1 + count + extra.size() + 1) + 8 + strings + request.program().length() * 3L + 8);
      long pidAt = m.reserve(8);
      long argvAt = m.reserve(8L * (argv.size() + 1));
      long envpAt = m.reserve(8L * (count + extra.size() + 1));
      for (int i = 0; i < argv.size(); i++) {
        m.pointerAt(argvAt, i, m.string(argv.get(i)));
      }
      m.pointerAt(argvAt, argv.size(), 0);
      MemorySegment.copy(env, 0, m.segment, envpAt, count * ADDRESS.byteSize());
      for (int i = 0; i < extra.size(); i++) {
        m.pointerAt(envpAt, count + i, m.string(extra.get(i)));
      }
      m.pointerAt(envpAt, count + extra.size(), 0);
      long file = m.string(request.program());
      long base = m.segment.address();
      String spawn = request.program().indexOf('/') >= 0 ? "posix_spawn" : "posix_spawnp";
      int error = (int) call(spawn, base + pidAt, file, actions.address(), spawnAttr().address(),
          base + argvAt, base + envpAt);
      return error == 0 ? m.segment.get(JAVA_INT, pidAt) : -error;
    } finally {
      if (!cached) {
        if (fileActions.size() >= 64 || fileActions.putIfAbsent(files, actions) != null) {
          call("posix_spawn_file_actions_destroy", actions.address(), 0, 0); // not kept for the next spawn
        }
      }
    }
  }

  /** Growable native memory of one thread, filled from its start for each spawn. */
  private static final class Scratch {
    MemorySegment segment = Arena.ofAuto().allocate(1 << 14, 16);
    long at;

    /** Starts over, with room for at least this many bytes. */
    void reset(long bytes) {
      at = 0;
      if (segment.byteSize() < bytes) {
        segment = Arena.ofAuto().allocate(Math.max(segment.byteSize() * 2, bytes), 16);
      }
    }

    long reserve(long bytes) {
      grow(bytes);
      long offset = at;
      at += (bytes + 7) & ~7L;
      return offset;
    }

    /** Copies a NUL-terminated string here; returns its address. */
    long string(String s) {
      byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      grow(bytes.length + 1L);
      MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, at, bytes.length);
      segment.set(JAVA_BYTE, at + bytes.length, (byte) 0);
      long address = segment.address() + at;
      at += (bytes.length + 8) & ~7L;
      return address;
    }

    void pointerAt(long arrayOffset, long index, long address) {
      segment.set(JAVA_LONG, arrayOffset + 8 * index, address);
    }

    /** {@link #reset} made room for everything; this only guards that. */
    private void grow(long bytes) {
      if (at + bytes > segment.byteSize()) {
        throw new IllegalStateException("spawn scratch memory overrun: " + (at + bytes) + " bytes");
      }
    }
  }

  private final ThreadLocal<Scratch> spawnScratch = ThreadLocal.withInitial(Scratch::new);

  /*
   * Spawn state reused from one spawn to the next: glibc only reads file actions and attributes,
   * so threads may share them. Bounded: at most 64 sets of file actions (one per lane and output
   * file, in practice) and 16 environments; beyond, they are built per spawn and freed.
   */
  private final Map<SpawnRequest.Files, MemorySegment> fileActions = new ConcurrentHashMap<>();
  private final Map<List<String>, MemorySegment> environments = new ConcurrentHashMap<>();
  private volatile MemorySegment attr;

  private MemorySegment newFileActions(SpawnRequest.Files files, Arena arena) {
    MemorySegment actions = arena.allocate(SPAWN_STRUCT_BYTES, 16);
    long a = actions.address();
    check(call("posix_spawn_file_actions_init", a, 0, 0), "posix_spawn_file_actions_init");
    if (files.cwd() != null) {
      check(call("posix_spawn_file_actions_addchdir_np", a, cString(arena, files.cwd()), 0), "addchdir_np");
    }
    if (files.stdinFd() >= 0) {
      check(call("posix_spawn_file_actions_adddup2", a, files.stdinFd(), 0), "adddup2 0");
    } else {
      addOpen(arena, a, 0, files.stdin(), O_RDONLY);
    }
    addOpen(arena, a, 1, files.stdout(), O_WRONLY | O_CREAT | O_TRUNC);
    addOpen(arena, a, 2, files.stderr(), O_WRONLY | O_CREAT | O_TRUNC);
    check(call("posix_spawn_file_actions_addclosefrom_np", a, 3, 0), "addclosefrom_np");
    return actions;
  }

  /** Attributes: a new session, and no signal blocked. Made once; never freed. */
  private MemorySegment spawnAttr() {
    MemorySegment made = attr;
    if (made == null) {
      synchronized (this) {
        if (attr == null) {
          MemorySegment a = Arena.global().allocate(SPAWN_STRUCT_BYTES, 16);
          check(call("posix_spawnattr_init", a.address(), 0, 0), "posix_spawnattr_init");
          long emptyMask = Arena.global().allocate(SIGSET_BYTES, 8).address(); // zeroed: sigemptyset
          check(call("posix_spawnattr_setsigmask", a.address(), emptyMask, 0), "posix_spawnattr_setsigmask");
          // Every signal this JVM does not ignore starts at its default in the program, as exec
          // would leave it: said up front, glibc's child sets each once instead of asking first.
          MemorySegment defaults = Arena.global().allocate(SIGSET_BYTES, 8);
          long ignored = ProcFs.ignoredSignals();
          long bits = 0;
          for (int sig = 1; sig <= 64; sig++) {
            boolean untouchable = sig == 9 || sig == 19 || sig == 32 || sig == 33; // KILL, STOP, glibc's own
            if (!untouchable && (ignored & (1L << (sig - 1))) == 0) {
              bits |= 1L << (sig - 1);
            }
          }
          defaults.set(JAVA_LONG, 0, bits);
          check(call("posix_spawnattr_setsigdefault", a.address(), defaults.address(), 0),
              "posix_spawnattr_setsigdefault");
          check(call("posix_spawnattr_setflags", a.address(),
              POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF, 0), "posix_spawnattr_setflags");
          attr = a;
        }
        made = attr;
      }
    }
    return made;
  }

  /** The environment as a NULL-terminated array of C strings, built once per list while few. */
  private MemorySegment environment(List<String> env) {
    MemorySegment cached = environments.get(env);
    if (cached != null) {
      return cached;
    }
    MemorySegment built = stringArray(Arena.ofAuto(), env);
    if (environments.size() < 16) {
      environments.putIfAbsent(env, built);
    }
    return built;
  }

  private void addOpen(Arena arena, long actions, int fd, String path, int flags) {
    check(call("posix_spawn_file_actions_addopen", actions, fd, cString(arena, path), flags, 0600, 0),
        "posix_spawn_file_actions_addopen " + fd);
  }

  private static long cString(Arena arena, String s) {
    return arena.allocateFrom(s).address();
  }

  /** A NULL-terminated array of C strings; its address. */
  private static long strings(Arena arena, List<String> values) {
    return stringArray(arena, values).address();
  }

  private static MemorySegment stringArray(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }

  private static void check(long result, String call) {
    if ((int) result != 0) {
      throw new IllegalStateException(call + " failed with error " + (int) result);
    }
  }

  @Override
  public int pidfdOpen(long pid) {
    if (libc.find("pidfd_open").isEmpty()) {
      return -38; // ENOSYS: glibc before 2.36; the caller falls back to /proc
    }
    MemorySegment state = scratch.get()[0];
    int fd = (int) callErrno(state, "pidfd_open", pid, 0, 0);
    return fd >= 0 ? fd : -errno(state);
  }

  @Override
  public int pollReadable(int fd, int timeoutMillis) {
    {
      MemorySegment[] mine = scratch.get();
      MemorySegment state = mine[0];
      MemorySegment pollfd = mine[1]; // struct pollfd { int fd; short events; short revents; }
      pollfd.set(JAVA_INT, 0, fd);
      pollfd.set(JAVA_SHORT, 4, POLLIN);
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      int wait = timeoutMillis;
      while (true) {
        int n = (int) callErrno(state, "poll", pollfd.address(), 1, wait);
        if (n >= 0) {
          return n;
        }
        int error = errno(state);
        if (error != EINTR) {
          return -error;
        }
        wait = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
      }
    }
  }

  @Override
  public int waitExit(long pid) {
    {
      MemorySegment[] mine = scratch.get();
      MemorySegment state = mine[0];
      MemorySegment status = mine[1];
      while (true) {
        int result = (int) callErrno(state, "waitpid", Math.toIntExact(pid), status.address(), 0);
        if (result == pid) {
          return status.get(JAVA_INT, 0);
        }
        int error = errno(state);
        if (error != EINTR) {
          return -error;
        }
      }
    }
  }

  private volatile int childrenFd = -2; // -2: not opened yet; -1: cannot be

  @Override
  public long[] leaderChildren() {
    int fd = childrenFd;
    if (fd == -2) {
      synchronized (this) {
        if (childrenFd == -2) {
          MemorySegment path = Arena.ofAuto().allocateFrom("/proc/self/task/" + ProcessHandle.current().pid()
              + "/children");
          childrenFd = Math.max(-1, (int) call("open", path.address(), O_RDONLY | O_CLOEXEC, 0));
        }
        fd = childrenFd;
      }
    }
    if (fd < 0) {
      return null;
    }
    MemorySegment buf = childrenBuffer.get();
    long n = call("pread", fd, buf.address(), buf.byteSize(), 0, 0, 0);
    if (n < 0) {
      return null;
    }
    if (n == buf.byteSize()) { // more children than fit: read them the slow way
      return null;
    }
    long[] pids = new long[(int) n / 2 + 1];
    int count = 0;
    long value = -1;
    for (long i = 0; i < n; i++) {
      byte b = buf.get(JAVA_BYTE, i);
      if (b >= '0' && b <= '9') {
        value = (value < 0 ? 0 : value * 10) + (b - '0');
      } else if (value >= 0) {
        pids[count++] = value;
        value = -1;
      }
    }
    if (value >= 0) {
      pids[count++] = value;
    }
    return java.util.Arrays.copyOf(pids, count);
  }

  private final ThreadLocal<MemorySegment> childrenBuffer =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(4096));

  @Override
  public int[] pipe() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(callState);
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      if ((int) callErrno(state, "pipe2", fds.address(), O_CLOEXEC, 0) != 0) {
        throw new IllegalStateException("pipe2 failed with error " + errno(state));
      }
      return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }
  }

  @Override
  public void close(int fd) {
    call("close", fd, 0, 0);
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }
}
