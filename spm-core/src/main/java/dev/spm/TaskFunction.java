package dev.spm;

import java.util.List;

/**
 * A task function written as a class, resolved on the spoke by its class name. The class must be
 * public, with a public no-argument constructor, and on the class path of the spokes. One
 * instance is made per spoke and reused for every task that names the class, so it may cache
 * what is costly to build, but it must not rely on any state set by another task.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<R> {
  /**
   * Evaluates one task on a spoke, online.
   *
   * @param args the task's arguments, decoded on the spoke
   * @return the result, which travels to the hub; it must be serializable by spm
   * @throws Exception any failure; the task's report then carries {@link TaskEvalUncaught}
   */
  R apply(List<Object> args) throws Exception;
}
