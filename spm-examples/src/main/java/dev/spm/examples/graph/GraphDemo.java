package dev.spm.examples.graph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The graph kernels on this process alone, serially or on threads ({@link ThreadGang}): the
 * reference that the gang demos must match, and the way to time the kernels without a runtime.
 *
 * <pre>
 * pagerank FILE [--iterations N] [--threads P] [--timing]
 * components FILE [--threads P] [--timing]
 * </pre>
 *
 * <p>{@code pagerank} prints the 10 best nodes as {@code node rank} lines (rank descending, then
 * id ascending; 12 significant digits). {@code components} prints {@code components=K}, then the
 * sizes of the 10 largest weakly connected components, one per line, descending. {@code --timing}
 * adds one line on {@code err}: the load time, the iterations (or rounds), and for each member the
 * time inside the exchange (split into sends, receives and sums; receives and sums include waiting
 * for the other members) and its fraction of the kernel's time.
 *
 * <p>The library never exits the JVM; {@link #main} does, with {@link #run}'s status.
 */
public final class GraphDemo {
  /** Exit status when the output is printed. */
  public static final int OK = 0;
  /** Exit status when the computation failed (did not converge, a member failed). */
  public static final int FAILED = 1;
  /** Exit status for bad arguments, an unreadable file or a bad edge list. */
  public static final int BAD_INPUT = 255;

  static final String USAGE = "usage: pagerank FILE [--iterations N] [--threads P] [--timing]\n"
      + "       components FILE [--threads P] [--timing]";
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private GraphDemo() {}

  /** The parsed command line. */
  record Options(String kernel, Path file, int iterations, int threads, boolean timing) {}

  /** One member's run: its result, and what it cost. */
  private record Timed<R>(R result, long loadNanos, long kernelNanos, long exchangeNanos, long sendNanos,
      long receiveNanos, long sumNanos, long bytes) {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Runs as described in the class comment, on the calling thread (and P threads of its own).
   *
   * @return 0 when the output is printed; 255 for bad arguments or input (one line on {@code err}
   *     naming it); 1 if the computation failed
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("graph: " + e.getMessage());
      err.println(USAGE);
      return BAD_INPUT;
    }
    List<? extends Timed<?>> members;
    try {
      members = o.threads() == 1
          ? List.of(member(o, Exchange.solo()))
          : ThreadGang.run(o.threads(), TIMEOUT, ex -> member(o, ex));
    } catch (ExchangeException e) {
      return failed(e.getCause() != null ? e.getCause() : e, err);
    } catch (IOException | RuntimeException e) {
      return failed(e, err);
    }
    Object result = members.getFirst().result();
    List<String> lines = result instanceof PageRankResult p ? p.lines() : ((ComponentsResult) result).lines();
    lines.forEach(out::println);
    out.flush();
    if (o.timing()) {
      err.println(timing(o, members));
      err.flush();
    }
    return OK;
  }

  private static int failed(Throwable e, PrintStream err) {
    if (e instanceof IOException || e instanceof EdgeListException) {
      err.println("graph: cannot read " + (e instanceof IOException ? e.toString() : e.getMessage()));
      return BAD_INPUT;
    }
    err.println("graph: " + e.getMessage());
    return FAILED;
  }

  private static Timed<?> member(Options o, Exchange plain) throws IOException {
    long t0 = System.nanoTime();
    GraphPart part = GraphPart.load(o.file(), plain.rank(), plain.size());
    long t1 = System.nanoTime();
    TimedExchange ex = new TimedExchange(plain);
    Object result = o.kernel().equals("pagerank")
        ? PageRank.run(part, ex, PageRank.Options.DEFAULT.withIterations(o.iterations()))
        : Components.run(part, ex);
    long t2 = System.nanoTime();
    return new Timed<>(result, t1 - t0, t2 - t1, ex.nanos(), ex.sendNanos(), ex.receiveNanos(), ex.sumNanos(), ex.bytes());
  }

  private static String timing(Options o, List<? extends Timed<?>> members) {
    Object first = members.getFirst().result();
    String steps = first instanceof PageRankResult p
        ? String.format(Locale.ROOT, "nodes=%d iterations=%d last_change=%.3e ms_per_iteration=%.3f", p.nodes(),
            p.iterations(), p.change(), p.loopNanos() / 1e6 / Math.max(1, p.iterations()))
        : "rounds=" + ((ComponentsResult) first).rounds();
    return String.format(Locale.ROOT, "%s: members=%d %s load_seconds=%s kernel_seconds=%s exchange_seconds=%s"
            + " (send=%s receive=%s sum=%s) exchange_fraction=%s bytes_sent=%s", o.kernel(), members.size(), steps,
        each(members, t -> t.loadNanos() / 1e9), each(members, t -> t.kernelNanos() / 1e9),
        each(members, t -> t.exchangeNanos() / 1e9), each(members, t -> t.sendNanos() / 1e9),
        each(members, t -> t.receiveNanos() / 1e9), each(members, t -> t.sumNanos() / 1e9),
        each(members, t -> (double) t.exchangeNanos() / Math.max(1, t.kernelNanos())),
        members.stream().map(t -> Long.toString(t.bytes())).collect(Collectors.joining(",")));
  }

  private static String each(List<? extends Timed<?>> members, java.util.function.ToDoubleFunction<Timed<?>> f) {
    return members.stream().map(t -> String.format(Locale.ROOT, "%.3f", f.applyAsDouble(t)))
        .collect(Collectors.joining(","));
  }

  static Options parse(List<String> args) {
    if (args.isEmpty() || !List.of("pagerank", "components").contains(args.getFirst())) {
      throw new IllegalArgumentException("the first argument must be pagerank or components");
    }
    String kernel = args.getFirst();
    List<String> files = new ArrayList<>();
    int iterations = 0;
    int threads = 1;
    boolean timing = false;
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--iterations" -> {
          if (!kernel.equals("pagerank")) {
            throw new IllegalArgumentException("--iterations is an option of pagerank only");
          }
          iterations = positive(a, value(args, ++i, a));
        }
        case "--threads" -> threads = positive(a, value(args, ++i, a));
        case "--timing" -> timing = true;
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          files.add(a);
        }
      }
    }
    if (files.size() != 1) {
      throw new IllegalArgumentException("one edge-list FILE is needed, but " + files.size() + " were given");
    }
    if (threads > Partitioning.MAX_MEMBERS) {
      throw new IllegalArgumentException("--threads must be at most " + Partitioning.MAX_MEMBERS + ", but was " + threads);
    }
    return new Options(kernel, Path.of(files.getFirst()), iterations, threads, timing);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive integer, but was '" + value + "'");
  }
}
