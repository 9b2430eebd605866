package dev.spm.internal.wire;

import dev.spm.internal.task.ErrorData;
import dev.spm.internal.task.FunctionRef;
import org.apache.fory.Fory;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.config.Language;

/**
 * Encodes {@link Message}s with Apache Fory, with class registration required: only the
 * protocol's own records can be decoded from the wire. Registration ids are fixed here, so every
 * build that speaks {@link Wire#PROTOCOL} encodes the same way.
 */
public final class Codec {
  private Codec() {}

  private static final ThreadSafeFory FORY = build();

  /*
   * Agents and spokes run with -Dspm.wire.interpreted=true: Fory's generated serializers are
   * compiled at start-up (Janino), which costs about half a second of CPU per JVM on a 2-core
   * machine, for a wire whose heavy end is the hub. The hub keeps them.
   */
  private static ThreadSafeFory build() {
    org.apache.fory.logging.LoggerFactory.disableLogging(); // its INFO lines would reach users' stderr
    ThreadSafeFory fory = Fory.builder()
        .withLanguage(Language.JAVA)
        .requireClassRegistration(true)
        .withRefTracking(false)
        .withCodegen(!Boolean.getBoolean("spm.wire.interpreted"))
        .withAsyncCompilation(true)
        .buildThreadSafeForyPool(1, 256);
    short id = 200;
    fory.register(Message.Role.class, id++);
    fory.register(FunctionRef.class, id++);
    fory.register(ErrorData.class, id++);
    fory.register(ErrorData[].class, id++);
    fory.register(Message.Hello.class, id++);
    fory.register(Message.Welcome.class, id++);
    fory.register(Message.Refused.class, id++);
    fory.register(Message.DefineFunction.class, id++);
    fory.register(Message.TaskBatch.class, id++);
    fory.register(Message.EvalStarted.class, id++);
    fory.register(Message.ReportBatch.class, id++);
    fory.register(Message.KillSpoke.class, id++);
    fory.register(Message.SpokeExited.class, id++);
    fory.register(Message.Shutdown.class, id++);
    fory.register(Message.Heartbeat.class, id++);
    fory.register(Message.ChannelMessage.class, id++);
    fory.register(Message.ChannelReply.class, id++);
    fory.register(Message.GangStart.class, id++);
    fory.register(Message.GangResult.class, id++);
    fory.register(Message.PeerHello.class, id++);
    fory.register(Message.PeerData.class, id++);
    fory.register(Message.ClassPathRequest.class, id++);
    fory.register(Message.ClassPathManifest.class, id++);
    fory.register(Message.FetchJar.class, id++);
    fory.register(Message.JarChunk.class, id++);
    fory.register(Message.DefineClasses.class, id++);
    return fory;
  }

  /** Builds the codec and its serializer for one message, so that the first real one goes faster. */
  public static void warmUp() {
    decode(encode(new Message.Heartbeat()));
  }

  public static byte[] encode(Message message) {
    return FORY.serialize(message);
  }

  public static Message decode(byte[] bytes) {
    return (Message) FORY.deserialize(bytes);
  }
}
