package dev.spm.internal.proc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * {@link Libc} through the FFM API (final since Java 22). Compiled with {@code --release 22} and
 * loaded only by name from {@link Libc.Holder}. The constructor throws when native access is not
 * enabled for this class's module, so that no warning reaches stderr.
 */
final class FfmLibc implements Libc {
  private static final int PR_SET_CHILD_SUBREAPER = 36;
  private static final int WNOHANG = 1;

  private final MethodHandle kill;
  private final MethodHandle prctl;
  private final MethodHandle waitpid;
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
    waitpid = linker.downcallHandle(libc.find("waitpid").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
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
