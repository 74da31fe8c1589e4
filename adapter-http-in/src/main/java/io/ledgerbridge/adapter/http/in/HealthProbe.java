package io.ledgerbridge.adapter.http.in;

/**
 * Answers {@code GET /healthz}: {@code true} gives 200 {@code {"status":"ok"}}, {@code false} or an
 * exception gives 503. Keep it cheap (a load balancer calls it every few seconds).
 */
@FunctionalInterface
public interface HealthProbe {

  boolean healthy();

  static HealthProbe alwaysHealthy() {
    return () -> true;
  }
}
