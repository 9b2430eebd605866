package dev.spm.internal.comm;

/**
 * The kind of manager a task runs under, sent with its batch: it decides whether the task may
 * talk before it ends. Coarse grain managers allow nothing; a HubChannelManager allows the hub's
 * channels; a GangManager allows the channels and the gang's peers.
 */
public final class CommMode {
  private CommMode() {}

  public static final byte LIST = 0;
  public static final byte DAG = 1;
  public static final byte MAP_REDUCE = 2;
  public static final byte CLONE = 3;
  public static final byte HUB = 4;
  public static final byte GANG = 5;

  /** The public class name of the manager of this kind, for error messages. */
  public static String managerName(byte mode) {
    return switch (mode) {
      case LIST -> "ListManager";
      case DAG -> "DagManager";
      case MAP_REDUCE -> "MapReduceManager";
      case CLONE -> "CloneManager";
      case HUB -> "HubChannelManager";
      case GANG -> "GangManager";
      default -> "manager kind " + mode;
    };
  }

  public static boolean mayTalkToHub(byte mode) {
    return mode == HUB || mode == GANG;
  }
}
