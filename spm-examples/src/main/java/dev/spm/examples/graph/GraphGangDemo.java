package dev.spm.examples.graph;

import dev.spm.Gang;
import dev.spm.GangManager;
import dev.spm.ManageOptions;
import dev.spm.Pool;
import dev.spm.Report;
import dev.spm.Task;
import dev.spm.TaskException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code spm demo pagerank} and {@code spm demo components} on spm (the seed's cmdD): a
 * {@link GangManager} runs one member per spoke of the pool; each member loads its part of the
 * edge list, and the members exchange rank contributions (or component labels) directly, spoke
 * to spoke, every iteration. Only the top 10 are gathered, at the end. On the serial pool the gang
 * has one member.
 */
public final class GraphGangDemo {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private GraphGangDemo() {}

  /**
   * What one member returns: rank 0 carries the output lines; every member its own timing.
   *
   * @param iterations PageRank's iterations, or the components' rounds
   */
  public record MemberResult(int rank, List<String> lines, int iterations, long loadNanos, long kernelNanos,
      long loopNanos) {}

  /** The demo's outcome: its output, its exit status, and a timing line. */
  public record Outcome(List<String> lines, int exitCode, String timing) {}

  /** A gang member of PageRank: loads its part of FILE and iterates with the other members. */
  public static MemberResult pagerankMember(String file, int iterations) throws IOException {
    Gang gang = Gang.current();
    long t0 = System.nanoTime();
    GraphPart part = GraphPart.load(Path.of(file), gang.rank(), gang.size());
    long t1 = System.nanoTime();
    PageRankResult result = PageRank.run(part, new GangExchange(gang),
        PageRank.Options.DEFAULT.withIterations(iterations));
    long t2 = System.nanoTime();
    return new MemberResult(gang.rank(), gang.rank() == 0 ? result.lines() : List.of(), result.iterations(), t1 - t0,
        t2 - t1, result.loopNanos());
  }

  /** A gang member of the weakly connected components of FILE. */
  public static MemberResult componentsMember(String file) throws IOException {
    Gang gang = Gang.current();
    long t0 = System.nanoTime();
    GraphPart part = GraphPart.load(Path.of(file), gang.rank(), gang.size());
    long t1 = System.nanoTime();
    ComponentsResult result = Components.run(part, new GangExchange(gang));
    long t2 = System.nanoTime();
    return new MemberResult(gang.rank(), gang.rank() == 0 ? result.lines() : List.of(), result.rounds(), t1 - t0,
        t2 - t1, t2 - t1);
  }

  /**
   * Runs a kernel ({@code pagerank} or {@code components}) on FILE over the pool, which needs an
   * open session unless it is serial.
   *
   * @param iterations for PageRank: 0 to iterate to convergence
   * @return the output, and exit status 0; 255 when FILE cannot be read or is not an edge list,
   *     1 when a member failed otherwise (either with one line on {@code err})
   */
  public static Outcome run(String kernel, Path file, int iterations, Pool pool, PrintStream err) {
    if (!Files.isReadable(file)) {
      err.println("spm: cannot read the edge list " + file);
      return new Outcome(List.of(), GraphDemo.BAD_INPUT, "");
    }
    String path = file.toAbsolutePath().toString();
    Task<MemberResult> member = kernel.equals("pagerank")
        ? Task.of("pagerank", GraphGangDemo::pagerankMember, path, iterations)
        : Task.of("components", GraphGangDemo::componentsMember, path);
    List<Report<MemberResult>> reports = new ArrayList<>();
    GangManager<MemberResult> gang = GangManager.declare("graph::" + kernel + "#" + RUNS.incrementAndGet(),
        reports::add);
    long start = System.nanoTime();
    gang.manage(member, pool, ManageOptions.builder().timeoutWaitForSpokes(Duration.ofSeconds(60)).build());
    long manageNanos = System.nanoTime() - start;
    List<MemberResult> results = new ArrayList<>();
    for (Report<MemberResult> report : reports) {
      try {
        results.add(report.value());
      } catch (TaskException e) {
        String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        boolean badInput = e.getCause() != null && String.valueOf(e.getCause()).contains("EdgeListException");
        err.println("spm: " + (badInput ? "bad edge list: " + cause : e.getMessage()));
        return new Outcome(List.of(), badInput ? GraphDemo.BAD_INPUT : GraphDemo.FAILED, "");
      }
    }
    MemberResult first = results.getFirst();
    String timing = String.format(Locale.ROOT, "%s: members=%d iterations=%d manage_seconds=%.3f load_seconds=%.3f"
            + " kernel_seconds=%.3f iterations_per_second=%.1f", kernel, results.size(), first.iterations(),
        manageNanos / 1e9, results.stream().mapToLong(MemberResult::loadNanos).max().orElse(0) / 1e9,
        results.stream().mapToLong(MemberResult::kernelNanos).max().orElse(0) / 1e9,
        first.iterations() / Math.max(1e-9, results.stream().mapToLong(MemberResult::loopNanos).max().orElse(1) / 1e9));
    return new Outcome(first.lines(), GraphDemo.OK, timing);
  }
}
