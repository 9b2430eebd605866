package dev.spm.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Constants every peer must agree on, and this build's identity. */
public final class Wire {
  private Wire() {}

  /** Bumped on any change to {@link Message}. */
  public static final int PROTOCOL = 5;

  /** Largest frame accepted; a longer length prefix means a broken or hostile peer. */
  public static final int MAX_FRAME = 256 << 20;

  /** This build's id. A system property {@code spm.buildId} overrides it, for tests of refusal. */
  public static String buildId() {
    String override = System.getProperty("spm.buildId");
    return override != null ? override : BuildInfo.ID;
  }

  public static String version() {
    return BuildInfo.VERSION;
  }

  private static final class BuildInfo {
    static final String ID;
    static final String VERSION;

    static {
      Properties p = new Properties();
      try (InputStream in = Wire.class.getResourceAsStream("/dev/spm/internal/build.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ID = p.getProperty("build.id", "dev");
      VERSION = p.getProperty("version", "dev");
    }
  }
}
