package dev.spm.examples.graph;

/**
 * PageRank's power iteration did not bring the L1 change below the tolerance within the allowed
 * number of iterations (networkx raises {@code PowerIterationFailedConvergence} then). The message
 * gives both figures; on a gang, every member throws it after the same iteration.
 */
public final class NotConvergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotConvergedException(int iterations, double change, double tolerance) {
    super("PageRank did not converge in " + iterations + " iterations: the last L1 change was " + change
        + ", the tolerance " + tolerance);
  }
}
