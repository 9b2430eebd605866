package dev.spm.testing;

import dev.spm.Session;
import dev.spm.internal.proc.ProcessTrees;
import java.time.Duration;

/** Test sessions: closing one checks that it left no process behind. */
public final class Sessions {
  private Sessions() {}

  /** Closes the session, then waits (up to 2 s, the promise) until no process of it is left. */
  public static void closeLeavingNothing(Session session) {
    String id = session.id();
    session.close();
    ProcessLeaks.assertNoneLeft(ProcessTrees.SESSION_ENV, id, Duration.ofSeconds(2));
  }

  /** An address of this machine beyond loopback, if it has one: a session listening there runs TLS. */
  public static java.util.Optional<String> outerAddress() throws java.io.IOException {
    return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && a instanceof java.net.Inet4Address)
        .map(java.net.InetAddress::getHostAddress).findFirst();
  }
}
