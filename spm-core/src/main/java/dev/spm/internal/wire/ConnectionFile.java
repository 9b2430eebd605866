package dev.spm.internal.wire;

import dev.spm.SpmInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a process needs to join a session, in a file only the session's user can read:
 * {@code hub=HOST:PORT}, {@code token=HEX}, and for a hub that listens beyond loopback
 * {@code tls=sha256:HEX}, the fingerprint of the session's certificate, which clients pin. A
 * plain token file (the hex token alone) is read too, for the processes the hub starts itself.
 *
 * @param tls the certificate's fingerprint, or null when the hub is reached in the clear on loopback
 */
public record ConnectionFile(String hub, byte[] token, String tls) {

  /** Writes the file, readable and writable by its owner alone. */
  public void write(Path path) throws IOException {
    Files.deleteIfExists(path);
    Files.writeString(Files.createFile(path, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------"))), "hub=" + hub + "\ntoken=" + HexFormat.of().formatHex(token) + "\n"
        + (tls == null ? "" : "tls=" + tls + "\n"));
  }

  /**
   * Reads a connection file, or a plain token file (whose {@code hub} is then null).
   *
   * @throws SpmInputException if the file cannot be read or holds no token
   */
  public static ConnectionFile read(Path path) {
    String text;
    try {
      text = Files.readString(path).trim();
    } catch (IOException e) {
      throw new SpmInputException("cannot read the session's connection file " + path + ": " + e.getMessage(), e);
    }
    Map<String, String> fields = new HashMap<>();
    if (!text.contains("=")) {
      fields.put("token", text);
    } else {
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    }
    String token = fields.get("token");
    if (token == null || token.isEmpty()) {
      throw new SpmInputException(path + " holds no session token");
    }
    try {
      return new ConnectionFile(fields.get("hub"), HexFormat.of().parseHex(token), fields.get("tls"));
    } catch (IllegalArgumentException e) {
      throw new SpmInputException(path + " holds a token that is not hexadecimal", e);
    }
  }
}
