package io.ledgerbridge.adapter.http.in;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the metrics in the Prometheus text format 0.0.4, as the composition root's
 * scrape supplier renders them (ADR 0022). Without a supplier the route does not exist (404). It
 * carries no authentication of its own, like the console: serve it on a private interface.
 */
final class MetricsHandler {
  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);

  private final Supplier<String> scrape;

  /** {@code scrape} may be null: no metrics, the route answers 404. */
  MetricsHandler(Supplier<String> scrape) {
    this.scrape = scrape;
  }

  void handle(HttpCall ex) throws IOException {
    if (scrape == null) {
      Exchanges.notFound(ex);
      return;
    }
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    String text;
    try {
      text = scrape.get();
    } catch (RuntimeException e) {
      LOG.warn("metrics scrape failed: {}", e.toString());
      Exchanges.sendUnavailable(ex, "temporarily_unavailable", 5);
      return;
    }
    ex.setHeader("Content-Type", CONTENT_TYPE);
    ex.setHeader("X-Content-Type-Options", "nosniff");
    ex.setHeader("Cache-Control", "no-store");
    ex.send(200, text.getBytes(StandardCharsets.UTF_8));
  }
}
