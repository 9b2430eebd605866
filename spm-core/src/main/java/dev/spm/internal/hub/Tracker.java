package dev.spm.internal.hub;

import dev.spm.Pool;
import dev.spm.SpmInputException;
import dev.spm.internal.hub.Backend.Lane;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

/**
 * The resource tracker, online for the whole session: which servers there are, their slots, and
 * the live spoke of each slot. A manager takes slots through {@link #open} and gives them back
 * with {@link #close}; meanwhile the tracker routes the events of those slots to its inbox.
 *
 * <p>Thread-safe: connection threads and the manage thread meet here, under this object's lock.
 * The death of a spoke is known only from its agent (SpokeExited, sent after the whole process
 * tree is gone) or from the loss of the agent itself; a closed spoke connection only makes the
 * tracker ask the agent to kill that spoke.
 */
public final class Tracker implements Backend {

  /** A server: its agent, and one entry per slot. */
  final class Server {
    private final String name;
    private final Connection agent;
    private final RemoteSpoke[] spokes;
    volatile long lastHeard = System.nanoTime();

    Server(String name, Connection agent, int slots) {
      this.name = name;
      this.agent = agent;
      this.spokes = new RemoteSpoke[slots];
    }

    String name() {
      return name;
    }

    Connection agent() {
      return agent;
    }

    int slots() {
      return spokes.length;
    }

    void askKill(RemoteSpoke spoke, String reason) {
      agent.trySend(new Message.KillSpoke(spoke.slotIndex(), spoke.incarnation(), reason));
    }
  }

  private final Map<String, Server> servers = new LinkedHashMap<>();
  private BlockingQueue<Event> inbox;
  private Set<String> routed = Set.of();
  private final String hubServer;
  private final String logHint;

  Tracker(String hubServer, java.nio.file.Path logDir) {
    this.hubServer = hubServer;
    this.logHint = "; see the logs in " + logDir;
  }

  @Override
  public String logHint() {
    return logHint;
  }

  @Override
  public String hubServer() {
    return hubServer;
  }

  /** Adds a server; null if the name is taken by a server still here. */
  synchronized Server agentJoined(String name, Connection agent, int slots) {
    if (servers.containsKey(name)) {
      return null;
    }
    Server server = new Server(name, agent, slots);
    servers.put(name, server);
    notifyAll();
    return server;
  }

  /** The named server, waiting for its agent to join until the deadline; null if it did not. */
  synchronized Server awaitServer(String name, long deadlineNanos) throws InterruptedException {
    Server server;
    while ((server = servers.get(name)) == null) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return server;
  }

  synchronized List<Server> servers() {
    return new ArrayList<>(servers.values());
  }

  public synchronized void serverNames(List<String> into) {
    into.addAll(servers.keySet());
  }

  synchronized List<RemoteSpoke> spokesOf(Server server) {
    List<RemoteSpoke> live = new ArrayList<>();
    for (RemoteSpoke spoke : server.spokes) {
      if (spoke != null) {
        live.add(spoke);
      }
    }
    return live;
  }

  synchronized void spokeUp(Server server, RemoteSpoke spoke) {
    RemoteSpoke old = server.spokes[spoke.slotIndex()];
    if (old != null && old.incarnation() >= spoke.incarnation()) {
      return;
    }
    server.spokes[spoke.slotIndex()] = spoke;
    if (old != null) {
      // Its SpokeExited has not arrived yet, and will find another incarnation: end it now.
      old.connection().close();
      route(new Event.SpokeDown(old, -1, 0, "replaced by incarnation " + spoke.incarnation()));
    }
    route(new Event.SpokeUp(spoke));
    notifyAll();
  }

  synchronized void spokeExited(Server server, Message.SpokeExited exit) {
    RemoteSpoke spoke = server.spokes[exit.slot()];
    if (spoke == null || spoke.incarnation() != exit.incarnation()) {
      return; // it never said Hello, or is already gone
    }
    server.spokes[exit.slot()] = null;
    spoke.connection().close();
    route(new Event.SpokeDown(spoke, exit.exitCode(), exit.signal(), exit.reason()));
  }

  synchronized void agentLost(Server server, String why) {
    if (servers.get(server.name) != server) {
      return;
    }
    servers.remove(server.name);
    for (int i = 0; i < server.spokes.length; i++) {
      RemoteSpoke spoke = server.spokes[i];
      if (spoke != null) {
        server.spokes[i] = null;
        spoke.connection().close();
        route(new Event.SpokeDown(spoke, -1, 0, "the agent of " + server.name + " was lost: " + why));
      }
    }
  }

  /** Routes an event to the online manager if it holds the event's slot; otherwise drops it. */
  synchronized void route(Event event) {
    SpokeLink spoke = event.spoke();
    if (inbox != null && routed.contains(spoke.slot())) {
      inbox.add(event);
    }
  }

  /** Spokes alive now, and slots in all. */
  synchronized int[] counts() {
    int live = 0;
    int slots = 0;
    for (Server server : servers.values()) {
      for (RemoteSpoke spoke : server.spokes) {
        slots++;
        if (spoke != null) {
          live++;
        }
      }
    }
    return new int[] {live, slots};
  }

  /** Waits until every slot has a live spoke, or the deadline passes. */
  public synchronized boolean awaitAllSpokes(long deadlineNanos) throws InterruptedException {
    while (true) {
      int[] c = counts();
      if (c[1] > 0 && c[0] == c[1]) {
        return true;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  synchronized boolean awaitAgents(int n, long deadlineNanos) throws InterruptedException {
    while (servers.size() < n) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  @Override
  public synchronized List<Lane> open(Pool pool, int max, BlockingQueue<Event> inbox) {
    List<Lane> lanes = new ArrayList<>();
    List<Server> all = new ArrayList<>(servers.values());
    switch (pool.kind()) {
      case INTRA_ALL, INTRA_ONE_PER_SERVER -> {
        Server hub = all.isEmpty() ? null : all.get(0);
        if (hub != null) {
          int n = pool.kind() == Pool.Kind.INTRA_ALL ? hub.slots() : 1;
          for (int i = 0; i < n; i++) {
            lanes.add(lane(hub, i));
          }
        }
      }
      case INTER -> {
        int most = all.stream().mapToInt(Server::slots).max().orElse(0);
        for (int i = 0; i < most; i++) {
          for (Server server : all) {
            if (i < server.slots()) {
              lanes.add(lane(server, i));
            }
          }
        }
      }
      case INTER_ONE_PER_SERVER -> {
        for (Server server : all) {
          lanes.add(lane(server, 0));
        }
      }
      case SLOTS -> {
        for (String name : pool.slots()) {
          lanes.add(lane(name));
        }
      }
      case SERIAL -> throw new IllegalArgumentException("the serial pool has no slots");
    }
    int cap = Math.min(pool.cap() == 0 ? Integer.MAX_VALUE : pool.cap(), max);
    if (lanes.size() > cap) {
      lanes = new ArrayList<>(lanes.subList(0, cap));
    }
    Set<String> slots = new HashSet<>();
    for (Lane lane : lanes) {
      slots.add(lane.slot());
    }
    this.inbox = inbox;
    this.routed = slots;
    return lanes;
  }

  /** What a slot's name puts between its server's name and its number: {@code server-1/slot-0}. */
  static final String SLOT = "/slot-";

  /** The server of a slot, from the slot's name. */
  static String serverOf(String slot) {
    int at = slot.lastIndexOf(SLOT);
    return at < 0 ? slot : slot.substring(0, at);
  }

  private Lane lane(Server server, int slot) {
    return new Lane(server.name + SLOT + slot, server.spokes[slot]);
  }

  private Lane lane(String slotName) {
    int cut = slotName.lastIndexOf(SLOT);
    Server server = cut < 0 ? null : servers.get(slotName.substring(0, cut));
    int slot = -1;
    if (server != null) {
      try {
        slot = Integer.parseInt(slotName.substring(cut + SLOT.length()));
      } catch (NumberFormatException e) {
        slot = -1;
      }
    }
    if (server == null || slot < 0 || slot >= server.slots()) {
      throw new SpmInputException("slot '" + slotName + "' is not in this session; its slots are " + slotNames());
    }
    return lane(server, slot);
  }

  private List<String> slotNames() {
    List<String> names = new ArrayList<>();
    for (Server server : servers.values()) {
      for (int i = 0; i < server.slots(); i++) {
        names.add(server.name + SLOT + i);
      }
    }
    return names;
  }

  @Override
  public synchronized void close() {
    inbox = null;
    routed = Set.of();
  }

  @Override
  public synchronized boolean canGrow(String slot) {
    return servers.containsKey(serverOf(slot));
  }

  @Override
  public synchronized boolean canGrow() {
    for (String slot : routed) {
      if (servers.containsKey(serverOf(slot))) {
        return true;
      }
    }
    return false;
  }
}
