package dev.spm.internal.proc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

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
import java.util.Optional;

/**
 * {@link Libc} through the FFM API (final since Java 22). Compiled with {@code --release 22} and
 * loaded only by name from {@link Libc.Holder}. The constructor throws when native access is not
 * enabled for this class's module, so that no warning reaches stderr.
 */
final class FfmLibc implements Libc {
  private static final int PR_SET_CHILD_SUBREAPER = 36;
  private static final int WNOHANG = 1;

  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_CREAT = 0x40;
  private static final int O_TRUNC = 0x200;
  private static final int PR_GET_CHILD_SUBREAPER = 37;
  private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  private static final short POSIX_SPAWN_SETSID = 0x80;
  private static final int EINTR = 4;
  private static final long SYS_PIDFD_OPEN = 434;
  private static final short POLLIN = 1;
  /** Bigger than glibc's posix_spawn_file_actions_t (80 bytes) and posix_spawnattr_t (336). */
  private static final long SPAWN_STRUCT_BYTES = 1024;
  /** glibc's sigset_t. */
  private static final long SIGSET_BYTES = 128;

  private final MethodHandle kill;
  private final MethodHandle spawnp;
  private final MethodHandle actionsInit;
  private final MethodHandle actionsDestroy;
  private final MethodHandle addOpen;
  private final MethodHandle addChdir; // null before glibc 2.29
  private final MethodHandle addCloseFrom; // null before glibc 2.34
  private final MethodHandle attrInit;
  private final MethodHandle attrDestroy;
  private final MethodHandle attrSetFlags;
  private final MethodHandle attrSetSigmask;
  private final MethodHandle syscall;
  private final MethodHandle poll;
  private final MethodHandle waitpidErrno;
  private final MethodHandle closeFd;
  private final MethodHandle prctl;
  private final MethodHandle waitpid;
  private final MethodHandle prctlGet;
  private final StructLayout callState = Linker.Option.captureStateLayout();
  private final VarHandle errno =
      callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  @SuppressWarnings("restricted") // intended: the caller checked native access is enabled
  FfmLibc() {
    if (!FfmLibc.class.getModule().isNativeAccessEnabled()) {
      throw new IllegalStateException("native access is not enabled");
    }
    Linker linker = Linker.nativeLinker();
    SymbolLookup libc = linker.defaultLookup();
    kill = linker.downcallHandle(libc.find("kill").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT),
        Linker.Option.captureCallState("errno"));
    // int prctl(int option, ...): the arguments after the first are variadic unsigned longs.
    prctl = linker.downcallHandle(libc.find("prctl").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        Linker.Option.firstVariadicArg(1));
    prctlGet = linker.downcallHandle(libc.find("prctl").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        Linker.Option.firstVariadicArg(1));
    waitpid = linker.downcallHandle(libc.find("waitpid").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    Linker.Option errnoCapture = Linker.Option.captureCallState("errno");
    waitpidErrno = linker.downcallHandle(libc.find("waitpid").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), errnoCapture);
    spawnp = linker.downcallHandle(libc.find("posix_spawnp").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    FunctionDescriptor onePointer = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    actionsInit = linker.downcallHandle(libc.find("posix_spawn_file_actions_init").orElseThrow(), onePointer);
    actionsDestroy = linker.downcallHandle(libc.find("posix_spawn_file_actions_destroy").orElseThrow(), onePointer);
    addOpen = linker.downcallHandle(libc.find("posix_spawn_file_actions_addopen").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    addChdir = optional(linker, libc, "posix_spawn_file_actions_addchdir_np",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    addCloseFrom = optional(linker, libc, "posix_spawn_file_actions_addclosefrom_np",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    attrInit = linker.downcallHandle(libc.find("posix_spawnattr_init").orElseThrow(), onePointer);
    attrDestroy = linker.downcallHandle(libc.find("posix_spawnattr_destroy").orElseThrow(), onePointer);
    attrSetFlags = linker.downcallHandle(libc.find("posix_spawnattr_setflags").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    attrSetSigmask = linker.downcallHandle(libc.find("posix_spawnattr_setsigmask").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    // long syscall(long number, ...): pidfd_open has no wrapper before glibc 2.36.
    syscall = linker.downcallHandle(libc.find("syscall").orElseThrow(),
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
        errnoCapture, Linker.Option.firstVariadicArg(1));
    poll = linker.downcallHandle(libc.find("poll").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), errnoCapture);
    closeFd = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  }

  @SuppressWarnings("restricted")
  private static MethodHandle optional(Linker linker, SymbolLookup libc, String name, FunctionDescriptor type) {
    Optional<MemorySegment> symbol = libc.find(name);
    return symbol.map(s -> linker.downcallHandle(s, type)).orElse(null);
  }

  @Override
  public boolean canSpawn() {
    return addCloseFrom != null && addChdir != null;
  }

  @Override
  public long spawn(SpawnRequest request) {
    if (!canSpawn()) {
      throw new UnsupportedOperationException("posix_spawn_file_actions_addclosefrom_np is missing (glibc < 2.34)");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment actions = arena.allocate(SPAWN_STRUCT_BYTES, 16);
      MemorySegment attr = arena.allocate(SPAWN_STRUCT_BYTES, 16);
      check((int) actionsInit.invokeExact(actions), "posix_spawn_file_actions_init");
      try {
        check((int) attrInit.invokeExact(attr), "posix_spawnattr_init");
        try {
          if (request.cwd() != null) {
            check((int) addChdir.invokeExact(actions, arena.allocateFrom(request.cwd())), "addchdir_np");
          }
          check((int) addOpen.invokeExact(actions, 0, arena.allocateFrom(request.stdin()), O_RDONLY, 0), "addopen 0");
          check((int) addOpen.invokeExact(actions, 1, arena.allocateFrom(request.stdout()), O_WRONLY | O_CREAT | O_TRUNC, 0600), "addopen 1");
          check((int) addOpen.invokeExact(actions, 2, arena.allocateFrom(request.stderr()), O_WRONLY | O_CREAT | O_TRUNC, 0600), "addopen 2");
          check((int) addCloseFrom.invokeExact(actions, 3), "addclosefrom_np");
          MemorySegment emptyMask = arena.allocate(SIGSET_BYTES, 8); // zeroed: sigemptyset
          check((int) attrSetSigmask.invokeExact(attr, emptyMask), "posix_spawnattr_setsigmask");
          check((int) attrSetFlags.invokeExact(attr, (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK)),
              "posix_spawnattr_setflags");
          MemorySegment pid = arena.allocate(JAVA_INT);
          MemorySegment argv = strings(arena, request.argv());
          MemorySegment envp = strings(arena, request.env());
          int error = (int) spawnp.invokeExact(pid, arena.allocateFrom(request.argv().get(0)), actions, attr, argv,
              envp);
          return error == 0 ? pid.get(JAVA_INT, 0) : -error;
        } finally {
          int ignored = (int) attrDestroy.invokeExact(attr);
        }
      } finally {
        int ignored = (int) actionsDestroy.invokeExact(actions);
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A NULL-terminated array of C strings. */
  private static MemorySegment strings(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }

  private static void check(int result, String call) {
    if (result != 0) {
      throw new IllegalStateException(call + " failed with error " + result);
    }
  }

  @Override
  public int pidfdOpen(long pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(callState);
      long fd = (long) syscall.invokeExact(state, SYS_PIDFD_OPEN, pid, 0L);
      return fd >= 0 ? (int) fd : -(int) errno.get(state, 0L);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public int pollReadable(int fd, int timeoutMillis) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(callState);
      MemorySegment pollfd = arena.allocate(8, 4); // struct pollfd { int fd; short events; short revents; }
      pollfd.set(JAVA_INT, 0, fd);
      pollfd.set(JAVA_SHORT, 4, POLLIN);
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      int wait = timeoutMillis;
      while (true) {
        int n = (int) poll.invokeExact(state, pollfd, 1L, wait);
        if (n >= 0) {
          return n;
        }
        int error = (int) errno.get(state, 0L);
        if (error != EINTR) {
          return -error;
        }
        wait = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public int waitExit(long pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(callState);
      MemorySegment status = arena.allocate(JAVA_INT);
      while (true) {
        int result = (int) waitpidErrno.invokeExact(state, Math.toIntExact(pid), status, 0);
        if (result == pid) {
          return status.get(JAVA_INT, 0);
        }
        int error = (int) errno.get(state, 0L);
        if (error != EINTR) {
          return -error;
        }
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public void close(int fd) {
    try {
      int ignored = (int) closeFd.invokeExact(fd);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public int kill(long pidOrNegativeGroup, int signal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(callState);
      int result = (int) kill.invokeExact(state, Math.toIntExact(pidOrNegativeGroup), signal);
      return result == 0 ? 0 : (int) errno.get(state, 0L);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public boolean setChildSubreaper(boolean on) {
    try {
      return (int) prctl.invokeExact(PR_SET_CHILD_SUBREAPER, on ? 1L : 0L, 0L, 0L, 0L) == 0;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public boolean isChildSubreaper() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment flag = arena.allocate(JAVA_INT);
      int result = (int) prctlGet.invokeExact(PR_GET_CHILD_SUBREAPER, flag, 0L, 0L, 0L);
      return result == 0 && flag.get(JAVA_INT, 0) != 0;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  @Override
  public long reap(long pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(JAVA_INT);
      return (int) waitpid.invokeExact(Math.toIntExact(pid), status, WNOHANG);
    } catch (Throwable t) {
      throw rethrow(t);
    }
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
