package io.ledgerbridge.sandbox.sage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Scripted faults and latency. A rule matches a request when its prefix starts the full path
 * ({@code /v3.1/sales_invoices}) or the API-relative path ({@code /sales_invoices}). Rules are
 * consumed in the order they were added; each fires {@code times} times.
 */
final class FaultPlan {

  private static final class Rule {
    final String prefix;
    final int status;
    int remaining;

    Rule(String prefix, int status, int remaining) {
      this.prefix = prefix;
      this.status = status;
      this.remaining = remaining;
    }
  }

  private final List<Rule> before = new ArrayList<>();
  private final List<Rule> afterCommit = new ArrayList<>();
  private final Random random;
  private Duration minLatency = Duration.ZERO;
  private Duration maxLatency = Duration.ZERO;

  FaultPlan(Random random) {
    this.random = random;
  }

  synchronized void failNext(String prefix, int status, int times) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be a 4xx or 5xx: " + status);
    }
    before.add(new Rule(requirePrefix(prefix), status, requireTimes(times)));
  }

  synchronized void failNextAfterCommit(String prefix, int times) {
    afterCommit.add(new Rule(requirePrefix(prefix), 500, requireTimes(times)));
  }

  synchronized void clear() {
    before.clear();
    afterCommit.clear();
    minLatency = Duration.ZERO;
    maxLatency = Duration.ZERO;
  }

  synchronized void setLatency(Duration min, Duration max) {
    if (min == null || max == null || min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 <= min <= max");
    }
    minLatency = min;
    maxLatency = max;
  }

  /** Status of an injected failure to answer before processing, or 0. */
  synchronized int takeBefore(String fullPath) {
    return take(before, fullPath);
  }

  /** Whether to answer 500 after the object was committed. */
  synchronized boolean takeAfterCommit(String fullPath) {
    return take(afterCommit, fullPath) != 0;
  }

  synchronized Duration nextLatency() {
    long min = minLatency.toNanos();
    long spread = maxLatency.toNanos() - min;
    if (spread <= 0) {
      return minLatency;
    }
    return Duration.ofNanos(min + (long) (random.nextDouble() * spread));
  }

  private static int take(List<Rule> rules, String fullPath) {
    String apiPath =
        fullPath.startsWith(SandboxSage.API_PREFIX + "/")
            ? fullPath.substring(SandboxSage.API_PREFIX.length())
            : fullPath;
    Iterator<Rule> it = rules.iterator();
    while (it.hasNext()) {
      Rule r = it.next();
      if (fullPath.startsWith(r.prefix) || apiPath.startsWith(r.prefix)) {
        r.remaining--;
        if (r.remaining <= 0) {
          it.remove();
        }
        return r.status;
      }
    }
    return 0;
  }

  private static String requirePrefix(String prefix) {
    if (prefix == null || !prefix.startsWith("/")) {
      throw new IllegalArgumentException("path prefix must start with '/'");
    }
    return prefix;
  }

  private static int requireTimes(int times) {
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive");
    }
    return times;
  }
}
