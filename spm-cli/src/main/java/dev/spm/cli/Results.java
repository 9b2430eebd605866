package dev.spm.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * GNU parallel's {@code --results NAME} (as of 20221122), without {@code --header}: where each
 * job's output goes. Nothing is printed then; the joblog still counts the bytes.
 *
 * <ul>
 *   <li>NAME without a replacement string: the directory {@code NAME/1/ARG1/2/ARG2/...}, holding
 *       {@code seq}, {@code stdout} and {@code stderr}. In each argument {@code \} becomes
 *       {@code \\}, TAB {@code \t}, NUL {@code \0} and {@code /} {@code \_}.
 *   <li>NAME with a replacement string whose value ends in {@code /}: that directory, holding the
 *       same three files.
 *   <li>Otherwise the value is a file for stdout, with {@code .err} and {@code .seq} beside it.
 * </ul>
 * The {@code seq} file holds the job number without a newline. Files are replaced when a job
 * runs again.
 */
final class Results {
  private final String name;
  private final boolean templated;

  /** Where one job's three files go. */
  record Files3(Path stdout, Path stderr, Path seq) {}

  Results(String name, int sources) {
    this.name = name;
    this.templated = Replacements.hasReplacement(name, sources);
  }

  /** The files of a job. */
  Files3 of(Job job) {
    if (!templated) {
      StringBuilder dir = new StringBuilder(name);
      List<String> args = job.args();
      for (int i = 0; i < args.size(); i++) {
        dir.append('/').append(i + 1).append('/').append(escaped(args.get(i)));
      }
      Path d = Path.of(dir.toString());
      return new Files3(d.resolve("stdout"), d.resolve("stderr"), d.resolve("seq"));
    }
    String out = Replacements.unquoted(name, job.args(), job.seq(), job.slot());
    if (out.endsWith("/")) {
      Path d = Path.of(out);
      return new Files3(d.resolve("stdout"), d.resolve("stderr"), d.resolve("seq"));
    }
    return new Files3(Path.of(out), Path.of(out + ".err"), Path.of(out + ".seq"));
  }

  /** Whether an earlier run left results for the job (what --resume with --results skips). */
  boolean exist(Job job) {
    Files3 f = of(job);
    return Files.exists(f.stdout());
  }

  /**
   * Writes a job's results, moving its output there.
   *
   * @throws UncheckedIOException naming the file that cannot be written
   */
  void write(JobEnd end) {
    Files3 f = of(end.job());
    try {
      Path parent = f.stdout().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(f.seq(), Long.toString(end.job().seq()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write to `" + f.seq() + "': " + e.getMessage(), e);
    }
    end.stdout().moveTo(f.stdout());
    end.stderr().moveTo(f.stderr());
  }

  /** GNU parallel's escaping of an argument as a directory name. */
  static String escaped(String arg) {
    return arg.replace("\\", "\\\\").replace("\t", "\\t").replace("\0", "\\0").replace("/", "\\_");
  }
}
