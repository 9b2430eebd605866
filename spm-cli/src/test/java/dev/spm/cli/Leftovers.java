package dev.spm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Processes still alive whose command line holds any of some markers: what a test left behind. */
final class Leftovers {
  private Leftovers() {}

  static List<String> withCommandLineContaining(String... markers) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        if (!proc.getFileName().toString().matches("\\d+")) {
          continue;
        }
        try {
          String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
          for (String marker : markers) {
            if (cmdline.contains(marker)) {
              found.add(proc.getFileName() + ": " + cmdline);
              break;
            }
          }
        } catch (IOException | SecurityException e) {
          // the process ended meanwhile, or is not ours to read
        }
      }
    }
    return found;
  }
}
