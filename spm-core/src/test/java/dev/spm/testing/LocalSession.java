package dev.spm.testing;

import dev.spm.Session;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A session that a test class shares: opened before its first test, closed after its last, and
 * checked then to have left no process behind ({@link Sessions#closeLeavingNothing}). Register it
 * on a static field: {@code @RegisterExtension static final LocalSession SESSION = new LocalSession("local:1x2");}
 */
public final class LocalSession implements BeforeAllCallback, AfterAllCallback {
  private final String cloud;
  private Session session;

  public LocalSession(String cloud) {
    this.cloud = cloud;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    session = Session.open(cloud);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (session != null) {
      Session open = session;
      session = null;
      Sessions.closeLeavingNothing(open);
    }
  }

  /** The open session. */
  public Session session() {
    if (session == null) {
      throw new IllegalStateException("the session of " + cloud + " is open only while the test class runs");
    }
    return session;
  }
}
