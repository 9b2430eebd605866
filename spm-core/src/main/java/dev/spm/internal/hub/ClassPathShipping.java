package dev.spm.internal.hub;

import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The hub's class path, as jars that agents of other servers fetch: each entry is named by the
 * SHA-256 of its bytes, so an agent fetches a jar once and keeps it. A directory on the class
 * path (a build's {@code target/classes}) is packed into a jar first, with sorted entries and
 * fixed times, so that the same classes give the same hash.
 */
final class ClassPathShipping {
  private static final int CHUNK = 1 << 20;

  private final Path workDir;
  private List<Entry> manifest;

  private record Entry(Path file, String name, String sha256, long size) {}

  ClassPathShipping(Path workDir) {
    this.workDir = workDir;
  }

  /** Answers an agent's request for the manifest: names, hashes and sizes, in class path order. */
  synchronized Message.ClassPathManifest manifest() throws IOException {
    if (manifest == null) {
      List<Entry> entries = new ArrayList<>();
      int n = 0;
      for (String element : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path path = Path.of(element);
        if (Files.isDirectory(path)) {
          Path jar = workDir.resolve("classpath-" + (n++) + ".jar");
          pack(path, jar);
          entries.add(entry(jar, path.toString().replace('/', '_') + ".jar"));
        } else if (Files.isRegularFile(path)) {
          entries.add(entry(path, path.getFileName().toString()));
        }
      }
      manifest = entries;
    }
    return new Message.ClassPathManifest(manifest.stream().map(Entry::name).toArray(String[]::new),
        manifest.stream().map(Entry::sha256).toArray(String[]::new),
        manifest.stream().mapToLong(Entry::size).toArray());
  }

  /** Sends one jar of the manifest to an agent, in chunks; an unknown hash gets an empty last chunk. */
  void send(String sha256, Connection agent, Runnable progress) throws IOException {
    Entry entry;
    synchronized (this) {
      entry = manifest == null ? null
          : manifest.stream().filter(e -> e.sha256().equals(sha256)).findFirst().orElse(null);
    }
    if (entry == null) {
      agent.send(new Message.JarChunk(sha256, new byte[0], true));
      return;
    }
    try (InputStream in = Files.newInputStream(entry.file())) {
      byte[] buffer = new byte[CHUNK];
      long left = entry.size();
      while (true) {
        int read = in.readNBytes(buffer, 0, buffer.length);
        left -= read;
        // A jar that shrank since the manifest ends early: the agent's hash check then fails.
        boolean last = left <= 0 || read == 0;
        agent.send(new Message.JarChunk(sha256, Arrays.copyOf(buffer, read), last));
        progress.run();
        if (last) {
          return;
        }
      }
    }
  }

  private static Entry entry(Path file, String name) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return new Entry(file, name, HexFormat.of().formatHex(digest.digest()), Files.size(file));
  }

  /** Packs a directory into a jar whose bytes depend only on the files' paths and contents. */
  private static void pack(Path dir, Path jar) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Map<String, Boolean> seen = new HashMap<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path file : files) {
        String name = dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (seen.put(name, true) != null) {
          continue;
        }
        JarEntry entry = new JarEntry(name);
        entry.setTime(0);
        out.putNextEntry(entry);
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
