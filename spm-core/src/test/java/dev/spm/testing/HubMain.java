package dev.spm.testing;

import dev.spm.Session;

/**
 * A hub in a process of its own, for tests that kill the hub: opens a session on the cloud named
 * by its argument, prints the session id and a ready line, and waits until it is killed.
 */
public final class HubMain {
  public static void main(String[] args) throws Exception {
    Session session = Session.open(args[0]);
    session.awaitSpokes(java.time.Duration.ofSeconds(60));
    System.out.println("session " + session.id());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // until killed: this process only exists to be killed
  }
}
