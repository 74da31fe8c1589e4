package io.ledgerbridge.adapter.http.in;

import java.util.Map;

/**
 * Answers {@code GET /readyz}: whether this process can do its work now, i.e. every backend it is
 * configured with answers. 200 {@code {"status":"ready","backends":{"database":"up",...}}} when
 * ready, else 503 {@code "not_ready"} with the same map. Must not block: the chassis checks its
 * backends in the background and this returns the latest result.
 */
@FunctionalInterface
public interface ReadinessProbe {

  Readiness readiness();

  /**
   * @param backends each backend by name, true when up
   */
  record Readiness(boolean ready, Map<String, Boolean> backends) {}

  /** Ready whenever the liveness probe is healthy; no backends listed. */
  static ReadinessProbe sameAs(HealthProbe health) {
    return () -> new Readiness(health.healthy(), Map.of());
  }
}
