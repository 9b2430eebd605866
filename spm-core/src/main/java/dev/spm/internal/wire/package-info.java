/**
 * The wire: JDK sockets, one connection per peer (agent to hub, spoke to hub), length-prefixed
 * frames, each one {@link dev.spm.internal.wire.Message} encoded by Apache Fory with class
 * registration required. The whole protocol is the sealed interface
 * {@link dev.spm.internal.wire.Message}; its first message, Hello, proves the session token and
 * carries the protocol version and build id, so a peer of another build is refused with a clear
 * reason. User values travel inside messages as opaque bytes
 * ({@link dev.spm.internal.task.Values}).
 */
package dev.spm.internal.wire;
