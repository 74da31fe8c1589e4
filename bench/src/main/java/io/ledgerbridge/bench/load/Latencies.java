package io.ledgerbridge.bench.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed-capacity, thread-safe record of latencies in nanoseconds, summarised in milliseconds. */
final class Latencies {
  private final long[] nanos;
  private final AtomicInteger count = new AtomicInteger();

  Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  void record(long latencyNanos) {
    int i = count.getAndIncrement();
    if (i < nanos.length) {
      nanos[i] = latencyNanos;
    }
  }

  int count() {
    return Math.min(count.get(), nanos.length);
  }

  /** count, p50, p95, p99, p99.9, max and mean (milliseconds, three decimals). */
  Map<String, Object> summary() {
    int n = count();
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", n);
    out.put("p50_ms", ms(percentile(sorted, 50)));
    out.put("p95_ms", ms(percentile(sorted, 95)));
    out.put("p99_ms", ms(percentile(sorted, 99)));
    out.put("p999_ms", ms(percentile(sorted, 99.9)));
    out.put("max_ms", ms(n == 0 ? 0 : sorted[n - 1]));
    out.put("mean_ms", ms(n == 0 ? 0 : (long) Arrays.stream(sorted).average().orElse(0)));
    return out;
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  static double ms(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
