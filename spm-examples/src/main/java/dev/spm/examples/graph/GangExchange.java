package dev.spm.examples.graph;

import dev.spm.Gang;

/**
 * The graph kernels' {@link Exchange} over an spm gang: point-to-point arrays go spoke to spoke
 * with {@link Gang#send}, and sums are the gang's {@link Gang#allReduce}, which combines in rank
 * order on one member and sends that one result to all, so every member gets the same bits.
 */
public final class GangExchange implements Exchange {
  private final Gang gang;

  public GangExchange(Gang gang) {
    this.gang = gang;
  }

  @Override
  public int rank() {
    return gang.rank();
  }

  @Override
  public int size() {
    return gang.size();
  }

  @Override
  public void send(int to, int[] values) {
    gang.send(to, values);
  }

  @Override
  public void send(int to, long[] values) {
    gang.send(to, values);
  }

  @Override
  public void send(int to, double[] values) {
    gang.send(to, values);
  }

  @Override
  public int[] receiveInts(int from) {
    return expect(gang.receive(from), int[].class, from);
  }

  @Override
  public long[] receiveLongs(int from) {
    return expect(gang.receive(from), long[].class, from);
  }

  @Override
  public double[] receiveDoubles(int from) {
    return expect(gang.receive(from), double[].class, from);
  }

  @Override
  public double allReduceSum(double value) {
    return gang.allReduce(value, Double::sum);
  }

  @Override
  public double[] allReduceSum(double[] values) {
    return gang.allReduce(values, (a, b) -> {
      double[] sum = a.clone();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += b[i];
      }
      return sum;
    });
  }

  private static <T> T expect(Object value, Class<T> type, int from) {
    if (!type.isInstance(value)) {
      throw new ExchangeException("member " + from + " sent " + (value == null ? "null" : value.getClass().getSimpleName())
          + " where " + type.getSimpleName() + " was expected");
    }
    return type.cast(value);
  }
}
