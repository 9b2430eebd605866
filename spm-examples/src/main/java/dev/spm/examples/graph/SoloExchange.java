package dev.spm.examples.graph;

/** {@link Exchange#solo()}: one member, rank 0. Sending or receiving is a bug in the caller. */
enum SoloExchange implements Exchange {
  INSTANCE;

  @Override
  public int rank() {
    return 0;
  }

  @Override
  public int size() {
    return 1;
  }

  private static ExchangeException alone(int peer) {
    return new ExchangeException("member " + peer + " does not exist: a gang of one has only member 0");
  }

  @Override
  public void send(int to, int[] values) {
    throw alone(to);
  }

  @Override
  public void send(int to, long[] values) {
    throw alone(to);
  }

  @Override
  public void send(int to, double[] values) {
    throw alone(to);
  }

  @Override
  public int[] receiveInts(int from) {
    throw alone(from);
  }

  @Override
  public long[] receiveLongs(int from) {
    throw alone(from);
  }

  @Override
  public double[] receiveDoubles(int from) {
    throw alone(from);
  }

  @Override
  public double allReduceSum(double value) {
    return value;
  }

  @Override
  public double[] allReduceSum(double[] values) {
    return values.clone();
  }
}
