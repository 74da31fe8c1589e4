package io.ledgerbridge.adapter.http.in;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler bound at {@code /}: dispatches on the exact path, counts in-flight exchanges for
 * graceful shutdown, refuses new work with 503 while closing, and turns any unexpected failure into
 * a generic 503 (never a stack trace, never a 4xx).
 */
final class Router implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final WebhookHandler webhooks;
  private final TileHealthHandler tile;
  private final HealthProbe health;
  private final DashboardHandler dashboard;
  private final SyncRunsApiHandler api;
  private final AdminApiHandler admin;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();

  Router(
      WebhookHandler webhooks,
      TileHealthHandler tile,
      HealthProbe health,
      DashboardHandler dashboard,
      SyncRunsApiHandler api,
      AdminApiHandler admin) {
    this.webhooks = webhooks;
    this.tile = tile;
    this.health = health;
    this.dashboard = dashboard;
    this.api = api;
    this.admin = admin;
  }

  @Override
  public void handle(HttpExchange ex) {
    inFlight.incrementAndGet();
    try {
      if (closing.get()) {
        ex.getResponseHeaders().set("Connection", "close");
        Exchanges.sendUnavailable(
            ex, "temporarily_unavailable", WebhookHandler.RETRY_AFTER_SECONDS);
        return;
      }
      route(ex);
    } catch (IOException e) {
      LOG.debug("client connection failed: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.error(
          "unhandled failure on {} {}",
          LogSafe.of(ex.getRequestMethod(), 16),
          LogSafe.of(ex.getRequestURI().getRawPath(), 200),
          e);
      if (ex.getResponseCode() < 0) {
        try {
          Exchanges.sendUnavailable(
              ex, "temporarily_unavailable", WebhookHandler.RETRY_AFTER_SECONDS);
        } catch (IOException | RuntimeException ignored) {
          // the client is gone
        }
      }
    } finally {
      ex.close();
      inFlight.decrementAndGet();
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    if (path == null) {
      Exchanges.notFound(ex);
    } else if (path.startsWith(WebhookHandler.PREFIX)) {
      webhooks.handle(ex, path);
    } else if (path.equals("/v1/tile/health")) {
      tile.handle(ex);
    } else if (path.equals("/healthz")) {
      healthz(ex);
    } else if (path.equals("/dashboard") || path.startsWith("/dashboard/")) {
      dashboard.handle(ex, path);
    } else if (path.equals(SyncRunsApiHandler.PATH)
        || path.startsWith(SyncRunsApiHandler.PATH + "/")) {
      api.handle(ex, path);
    } else if (AdminApiHandler.matches(path)) {
      admin.handle(ex, path);
    } else {
      Exchanges.notFound(ex);
    }
  }

  private void healthz(HttpExchange ex) throws IOException {
    if (!"GET".equals(ex.getRequestMethod())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    boolean ok;
    try {
      ok = health.healthy();
    } catch (RuntimeException e) {
      LOG.warn("health probe failed: {}", e.toString());
      ok = false;
    }
    Exchanges.sendJson(ex, ok ? 200 : 503, Json.object().put("status", ok ? "ok" : "unavailable"));
  }

  void beginClosing() {
    closing.set(true);
  }

  int inFlight() {
    return inFlight.get();
  }
}
