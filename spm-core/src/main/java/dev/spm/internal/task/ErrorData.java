package dev.spm.internal.task;

import dev.spm.RemoteThrowable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * An exception as structured data: class name, message, stack frames, cause. This is how a
 * failure travels from a spoke to the hub, so that an exception class the hub cannot load never
 * hides the real error.
 *
 * @param frames each frame as class, method, file, line, flattened in groups of four strings
 */
public record ErrorData(String className, String message, List<String> frames, ErrorData cause) {

  private static final int MAX_CAUSES = 16;

  public static ErrorData of(Throwable t) {
    return of(t, new IdentityHashMap<>(), 0);
  }

  private static ErrorData of(Throwable t, IdentityHashMap<Throwable, Boolean> seen, int depth) {
    seen.put(t, true);
    List<String> frames = new ArrayList<>();
    for (StackTraceElement e : t.getStackTrace()) {
      frames.add(e.getClassName());
      frames.add(e.getMethodName());
      frames.add(e.getFileName() == null ? "" : e.getFileName());
      frames.add(Integer.toString(e.getLineNumber()));
    }
    Throwable cause = t.getCause();
    ErrorData causeData = cause == null || seen.containsKey(cause) || depth >= MAX_CAUSES
        ? null : of(cause, seen, depth + 1);
    String className = t instanceof RemoteThrowable remote ? remote.className() : t.getClass().getName();
    return new ErrorData(className, t.getMessage(), frames, causeData);
  }

  /** A message-only error, for failures that have no exception behind them. */
  public static ErrorData message(String className, String message) {
    return new ErrorData(className, message, List.of(), null);
  }

  public RemoteThrowable toThrowable() {
    StackTraceElement[] elements = new StackTraceElement[frames.size() / 4];
    for (int i = 0; i < elements.length; i++) {
      String file = frames.get(4 * i + 2);
      elements[i] = new StackTraceElement(frames.get(4 * i), frames.get(4 * i + 1), file.isEmpty() ? null : file,
          Integer.parseInt(frames.get(4 * i + 3)));
    }
    return new RemoteThrowable(className, message, elements, cause == null ? null : cause.toThrowable());
  }

  /** {@code java.lang.ArithmeticException: / by zero}. */
  public String summary() {
    return message == null ? className : className + ": " + message;
  }
}
