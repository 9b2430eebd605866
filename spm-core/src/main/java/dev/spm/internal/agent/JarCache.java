package dev.spm.internal.agent;

import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where an agent of another server keeps the hub's jars: one file per SHA-256, so that a jar is
 * fetched once per server, whatever the session, and checked against its hash before use.
 */
final class JarCache {
  private final Path dir;

  /** What a fetch did: the class path to give spokes, and how many jars had to be fetched. */
  record Fetched(String classPath, int fetched, int total, long bytes) {}

  JarCache(Path dir) {
    this.dir = dir;
  }

  /**
   * Asks the hub for its class path and fetches the jars missing here. Call before anything else
   * reads the connection.
   *
   * @throws IOException if the hub's answer is broken, or a jar does not match its hash
   */
  Fetched fetch(Connection hub) throws IOException {
    Files.createDirectories(dir);
    hub.send(new Message.ClassPathRequest());
    Message.ClassPathManifest manifest = expect(hub, Message.ClassPathManifest.class);
    List<String> classPath = new ArrayList<>();
    int fetched = 0;
    long bytes = 0;
    for (int i = 0; i < manifest.sha256().length; i++) {
      String sha = manifest.sha256()[i];
      if (!sha.matches("[0-9a-f]{64}")) {
        throw new IOException("the hub named a jar by a bad hash: " + sha);
      }
      Path jar = dir.resolve(sha + ".jar");
      if (!Files.isRegularFile(jar) || Files.size(jar) != manifest.sizes()[i] || !sha.equals(hash(jar))) {
        bytes += download(hub, sha, manifest.names()[i], jar);
        fetched++;
      }
      classPath.add(jar.toString());
    }
    return new Fetched(String.join(java.io.File.pathSeparator, classPath), fetched, manifest.sha256().length, bytes);
  }

  private long download(Connection hub, String sha, String name, Path jar) throws IOException {
    hub.send(new Message.FetchJar(sha));
    Path part = Files.createTempFile(dir, sha, ".part");
    MessageDigest digest = sha256();
    long size = 0;
    try {
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
        while (true) {
          Message.JarChunk chunk = expect(hub, Message.JarChunk.class);
          out.write(chunk.data());
          size += chunk.data().length;
          if (chunk.last()) {
            break;
          }
        }
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(sha)) {
        throw new IOException("jar " + name + " arrived with hash " + actual + ", not " + sha);
      }
      Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return size;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** The hub's next message but heartbeats, which must be of this type. */
  private static <T extends Message> T expect(Connection hub, Class<T> type) throws IOException {
    Message message;
    do {
      message = hub.receive();
    } while (message instanceof Message.Heartbeat);
    if (!type.isInstance(message)) {
      throw new IOException("expected " + type.getSimpleName() + " from the hub, but got " + message);
    }
    return type.cast(message);
  }

  private static String hash(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
