package dev.spm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Start-up caches for the JVMs that spm starts (agents, spokes): dynamic CDS archives (JDK 19 and
 * later) of the classes each loaded in a training run, so that the next one maps them instead of
 * loading, parsing and verifying them. A session on {@code local:1x2} opens about 0.3 s sooner.
 *
 * <p>Not JDK 25's AOT cache, which the launcher uses: measured here, spokes that mapped one were
 * slower to start a whole command than with an archive (it is three times larger), and slower
 * for good: the round trip of a task took 80–90 µs against 40–50 µs, the JIT compiling with the
 * training run's method profiles rather than the spoke's own.
 *
 * <p>A cache belongs to one role, one JDK and one class path, and to the jars as they are: its file
 * name is {@code ROLE-P-J}, where P hashes the JDK and the class path and J the size and time of
 * each jar, in {@code ~/.cache/spm/startup} (or {@code $XDG_CACHE_HOME/spm/startup}, or
 * {@link #DIRECTORY_PROPERTY}). The JVM refuses an archive whose jars have changed since; the name
 * changes with them, so that a stale archive is never even offered, and adopting a new one deletes
 * the older ones of its role and class path.
 * A class path with a directory on it cannot be cached (the JVM archives classes from jars only),
 * so test runs never use or make one.
 *
 * <p>Caches are made by a training session (see {@link #TRAIN_PROPERTY}): the JVM of that role
 * records to a temporary file while it runs and writes the cache as it exits; the JVM that started
 * it then {@link #adopt adopts} the file. A cache that is missing, stale, or refused by the JVM only
 * costs start-up time: the JVM runs without it and says nothing ({@code -Xshare:auto}, logs off).
 * {@code SPM_NO_AOT=1} in the environment turns caches off.
 */
public final class StartupCache {
  /** System property of a hub: when {@code true}, its session trains the caches of its agents and spokes. */
  public static final String TRAIN_PROPERTY = "spm.startup.train";
  /** System property: the folder of the caches, instead of {@code ~/.cache/spm/startup}. */
  public static final String DIRECTORY_PROPERTY = "spm.startup.dir";

  private static final int FEATURE = Runtime.version().feature();

  private StartupCache() {}

  /** Whether the hub of this JVM trains the caches of its agents and spokes. */
  public static boolean training() {
    return Boolean.getBoolean(TRAIN_PROPERTY);
  }

  /**
   * The cache of {@code role} for a JVM on {@code classPath} with this JDK, whether it exists or
   * not; empty when caches are off, the JDK is older than 19, or the class path cannot be cached.
   */
  public static Optional<Path> file(String role, String classPath) {
    if (FEATURE < 19 || System.getenv("SPM_NO_AOT") != null || classPath == null || classPath.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder jars = new StringBuilder();
    try {
      for (String entry : classPath.split(java.io.File.pathSeparator)) {
        Path jar = Path.of(entry);
        if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
          return Optional.empty();
        }
        jars.append(Files.size(jar)).append(' ').append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(directory().resolve(prefix(role, classPath) + hash(jars.toString()) + ".jsa"));
  }

  /** {@code ROLE-P-}: the part of a cache's name that a rebuild does not change. */
  private static String prefix(String role, String classPath) {
    return role + "-" + hash(System.getProperty("java.home") + "\n" + Runtime.version() + "\n" + classPath) + "-";
  }

  /**
   * The JVM options that map the cache of {@code role}, or that record it when {@code train} is
   * set (to a temporary file that {@link #adopt} moves into place).
   * Empty when there is no cache of these jars to map, or none can be made.
   */
  public static List<String> options(String role, String classPath, boolean train) {
    Optional<Path> file = file(role, classPath);
    if (file.isEmpty()) {
      return List.of();
    }
    if (train) {
      prepare();
      Path recording = recording(file.get());
      return quietly("-XX:ArchiveClassesAtExit=" + recording);
    }
    if (!Files.isRegularFile(file.get())) {
      return List.of();
    }
    return quietly("-XX:SharedArchiveFile=" + file.get());
  }

  private static List<String> quietly(String option) {
    return FEATURE >= 24 ? List.of(option, "-Xlog:cds=off", "-Xlog:aot=off") : List.of(option, "-Xlog:cds=off");
  }

  /** The temporary file that a training JVM records {@code cache} to. */
  private static Path recording(Path cache) {
    return cache.resolveSibling(cache.getFileName() + ".recording");
  }

  /**
   * After a training JVM of {@code role} ended: moves its recording into place if it wrote one, and
   * deletes what it left otherwise. Never throws: a cache that could not be made is only slower starts.
   *
   * @return whether a cache was adopted
   */
  public static boolean adopt(String role, String classPath) {
    Optional<Path> file = file(role, classPath);
    if (file.isEmpty()) {
      return false;
    }
    Path recording = recording(file.get());
    try {
      if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
        Files.move(recording, file.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteOlder(file.get(), prefix(role, classPath));
        return true;
      }
      Files.deleteIfExists(recording);
    } catch (IOException e) {
      // no cache this time
    }
    return false;
  }

  /** Makes the cache directory (0700) so that a training JVM can write its recording there; never throws. */
  private static void prepare() {
    try {
      Files.createDirectories(directory(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException | UnsupportedOperationException ignored) {
      // the training JVM will fail to write, and nothing is cached
    }
  }

  /** Deletes the caches named {@code prefix*} other than {@code kept}: those of jars since rebuilt. */
  private static void deleteOlder(Path kept, String prefix) {
    try (var files = Files.newDirectoryStream(kept.getParent(), prefix + "*")) {
      for (Path old : files) {
        if (!old.equals(kept) && !old.getFileName().toString().endsWith(".recording")) {
          Files.deleteIfExists(old);
        }
      }
    } catch (IOException ignored) {
      // left for the next training
    }
  }

  private static Path directory() {
    String set = System.getProperty(DIRECTORY_PROPERTY);
    if (set != null && !set.isEmpty()) {
      return Path.of(set);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("spm").resolve("startup");
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)),
          0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
