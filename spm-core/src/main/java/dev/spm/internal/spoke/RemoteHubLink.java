package dev.spm.internal.spoke;

import dev.spm.ChannelException;
import dev.spm.internal.comm.HubLink;
import dev.spm.internal.wire.Connection;
import dev.spm.internal.wire.Message;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A spoke's task talking to the hub over the spoke's connection; replies come in on the spoke's reader. */
final class RemoteHubLink implements HubLink {
  private final Connection hub;
  private final Map<Key, CompletableFuture<Message.ChannelReply>> waiting = new ConcurrentHashMap<>();

  private record Key(long attempt, long seq) {}

  RemoteHubLink(Connection hub) {
    this.hub = hub;
  }

  @Override
  public Message.ChannelReply ask(Message.ChannelMessage message, long timeoutNanos) throws InterruptedException {
    Key key = new Key(message.attempt(), message.seq());
    CompletableFuture<Message.ChannelReply> reply = new CompletableFuture<>();
    waiting.put(key, reply);
    try {
      post(message);
      return reply.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new ChannelException("lost the hub while waiting for a reply on channel '" + message.channel() + "'",
          e.getCause());
    } finally {
      waiting.remove(key);
    }
  }

  @Override
  public void post(Message message) {
    try {
      hub.send(message);
    } catch (IOException e) {
      throw new ChannelException("cannot reach the hub: " + e.getMessage(), e);
    }
  }

  /** A reply from the hub; one that no ask waits for any more is dropped. */
  void replied(Message.ChannelReply reply) {
    CompletableFuture<Message.ChannelReply> waiter = waiting.get(new Key(reply.attempt(), reply.seq()));
    if (waiter != null) {
      waiter.complete(reply);
    }
  }

  /** The hub is gone: every ask fails now. */
  void lost(IOException cause) {
    waiting.values().forEach(w -> w.completeExceptionally(cause));
  }
}
