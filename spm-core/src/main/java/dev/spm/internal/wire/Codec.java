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
    fory.register(Message.StopStarting.class, id++);
    fory.register(Message.StopConfirmed.class, id++);
    return fory;
  }

  /** Builds the codec and its serializer for one message, so that the first real one goes faster. */
  public static void warmUp() {
    decode(encode(new Message.Heartbeat()));
  }

  /**
   * {@link #warmUp}, then the serializers of the messages a spoke exchanges for tasks. Without
   * Fory's code generation (spokes run so), a record's first use spins a few hidden classes for its
   * components (about 40 classes for these). Measured in a cold JVM, the first of these messages
   * took 47 ms together with a core to spare and 121 ms on one core; a spoke spent that in its
   * first task, on the cores the task wanted.
   */
  public static void warmUpForTasks() {
    warmUp();
    FunctionRef f = new FunctionRef(false, "Warm", "up", "()V", 0);
    ErrorData error = new ErrorData("Warm", "up", java.util.List.of("up"), null);
    decode(encode(new Message.DefineFunction(1, f)));
    decode(encode(new Message.TaskBatch(new long[] {1}, new int[] {1}, new byte[][] {{1}}, new boolean[] {true},
        (byte) 0, 0)));
    decode(encode(new Message.EvalStarted(1)));
    decode(encode(new Message.ReportBatch(new long[] {1, 2}, new byte[] {0, 1}, new byte[][] {{1}, null},
        new long[] {1, 2}, new ErrorData[] {null, error}, 1)));
    decode(encode(new Message.StopStarting(1))); // a failure's stop is answered at once
    decode(encode(new Message.StopConfirmed(1)));
  }

  public static byte[] encode(Message message) {
    return FORY.serialize(message);
  }

  public static Message decode(byte[] bytes) {
    return (Message) FORY.deserialize(bytes);
  }
}
