package dev.spm.examples.graph;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * networkx's answers for edge-list files, from {@code networkx_reference.py} run by Debian's
 * {@code /usr/bin/python3} (the {@code python3} first on the PATH here is another interpreter,
 * without networkx).
 */
final class Networkx {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  /** networkx's view of one file. */
  record Reference(String impl, Map<Long, Double> ranks, long components, List<Integer> sizes) {
    /** The 10 best nodes, rank descending then id ascending, as the kernels order them. */
    List<RankedNode> top() {
      return ranks.entrySet().stream().map(e -> new RankedNode(e.getKey(), e.getValue()))
          .sorted(RankedNode.ORDER).limit(PageRank.TOP).toList();
    }
  }

  private Networkx() {}

  /**
   * Skips the test if /usr/bin/python3 or its networkx is missing, naming the Debian package; fails
   * instead when {@code CI=true}, where a missing tool is a broken build machine.
   */
  static void require() throws IOException, InterruptedException {
    String problem = null;
    if (!Files.isExecutable(PYTHON)) {
      problem = PYTHON + " is missing";
    } else {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import networkx").redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail(PYTHON + " did not import networkx within 60 s");
      }
      if (p.exitValue() != 0) {
        problem = PYTHON + " cannot import networkx";
      }
    }
    if (problem != null) {
      String message = problem + "; install the Debian package 'python3-networkx'";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
  }

  /** networkx's answers for each file, in one run of Python. */
  static Map<Path, Reference> of(List<Path> files) throws IOException, InterruptedException {
    Path script = Files.createTempFile("networkx_reference", ".py");
    Path out = Files.createTempFile("networkx_reference", ".out");
    try (InputStream in = Networkx.class.getResourceAsStream("/graph/networkx_reference.py")) {
      Files.write(script, in.readAllBytes());
      List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
      files.forEach(f -> command.add(f.toString()));
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        fail("networkx_reference.py did not end within 120 s");
      }
      if (p.exitValue() != 0) {
        fail("networkx_reference.py exited with " + p.exitValue());
      }
      return parse(Files.readAllLines(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(script);
      Files.deleteIfExists(out);
    }
  }

  private static Map<Path, Reference> parse(List<String> lines) {
    Map<Path, Reference> refs = new LinkedHashMap<>();
    Path file = null;
    String impl = null;
    Map<Long, Double> ranks = null;
    for (String line : lines) {
      String[] w = line.split(" ");
      switch (w[0]) {
        case "file" -> {
          file = Path.of(line.substring(5));
          ranks = new HashMap<>();
        }
        case "impl" -> impl = w[1];
        case "rank" -> ranks.put(Long.parseLong(w[1]), Double.parseDouble(w[2]));
        case "components" -> {
          List<Integer> sizes = new ArrayList<>();
          for (int i = 2; i < w.length; i++) {
            sizes.add(Integer.parseInt(w[i]));
          }
          refs.put(file, new Reference(impl, ranks, Long.parseLong(w[1]), sizes));
        }
        default -> fail("unexpected line from networkx_reference.py: " + line);
      }
    }
    return refs;
  }
}
