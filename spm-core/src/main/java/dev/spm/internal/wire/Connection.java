package dev.spm.internal.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One peer's connection: length-prefixed frames, each one {@link Message} encoded by
 * {@link Codec}. {@link #send} may be called from any thread; {@link #receive} only from the one
 * thread that reads the connection (a virtual thread per connection, by convention).
 */
public final class Connection implements Closeable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile boolean closed;

  public Connection(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
  }

  /**
   * Sends one message and flushes it.
   *
   * @throws IOException if the connection is broken or closed
   */
  public void send(Message message) throws IOException {
    byte[] frame = Codec.encode(message);
    writeLock.lock();
    try {
      out.writeInt(frame.length);
      out.write(frame);
      out.flush();
    } finally {
      writeLock.unlock();
    }
  }

  /** Sends, and on failure closes the connection instead of throwing: for best-effort notices. */
  public boolean trySend(Message message) {
    try {
      send(message);
      return true;
    } catch (IOException | RuntimeException e) {
      close();
      return false;
    }
  }

  /**
   * Blocks for the next message.
   *
   * @throws EOFException when the peer closed the connection
   * @throws IOException when it broke, or sent a frame that is too long or not a message
   */
  public Message receive() throws IOException {
    int length = in.readInt();
    if (length < 0 || length > Wire.MAX_FRAME) {
      throw new IOException("bad frame length " + length);
    }
    byte[] frame = new byte[length];
    in.readFully(frame);
    try {
      return Codec.decode(frame);
    } catch (RuntimeException e) {
      throw new IOException("undecodable frame of " + length + " bytes: " + e.getMessage(), e);
    }
  }

  public void setReadTimeoutMillis(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  /** Whether it runs over TLS. */
  public boolean isTls() {
    return socket instanceof javax.net.ssl.SSLSocket;
  }

  /** The address of the other end. */
  public java.net.InetAddress remoteAddress() {
    return socket.getInetAddress();
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing: nothing more to do
    }
  }
}
