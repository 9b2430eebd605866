/**
 * End-to-end benchmarks of spm: throughput of no-op tasks through the List manager beside a
 * {@link java.util.concurrent.ThreadPoolExecutor}, and the round-trip latency of one task.
 * Run them with {@code ./spm bench throughput} and {@code ./spm bench latency}.
 */
package dev.spm.bench;
