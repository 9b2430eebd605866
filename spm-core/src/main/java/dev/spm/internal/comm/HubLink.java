package dev.spm.internal.comm;

import dev.spm.internal.wire.Message;

/** How a running task's messages reach the hub: over its spoke's connection, or, in the serial pool, directly. */
public interface HubLink {
  /**
   * Sends an ask and waits for its reply.
   *
   * @return the reply, or null if none came within {@code timeoutNanos}
   * @throws dev.spm.ChannelException if the hub cannot be reached
   */
  Message.ChannelReply ask(Message.ChannelMessage message, long timeoutNanos) throws InterruptedException;

  /**
   * Sends a message that gets no reply (a tell, a gang's declared result).
   *
   * @throws dev.spm.ChannelException if the hub cannot be reached
   */
  void post(Message message);
}
