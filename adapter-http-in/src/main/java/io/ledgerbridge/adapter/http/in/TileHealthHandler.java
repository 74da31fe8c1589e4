package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/tile/health} (WIRE §1B L3): the store's admin tile, for every binding state
 * (docs/state-machines.md). Authenticated like webhooks ({@link StoreTokenAuth}).
 *
 * <p>The numbers are best effort from the read side: {@code pending_count} counts runs that are
 * queued, running, waiting for a retry or held (each status counted up to {@value #COUNT_CAP});
 * {@code failed_24h} counts failed runs last updated in the past 24 hours among the newest {@value
 * #COUNT_CAP} failed runs; {@code last_run_at} is when the newest run last changed.
 */
final class TileHealthHandler {

  static final int COUNT_CAP = 1000;
  private static final List<SyncRunStatus> PENDING =
      List.of(
          SyncRunStatus.QUEUED,
          SyncRunStatus.RUNNING,
          SyncRunStatus.RETRY_SCHEDULED,
          SyncRunStatus.WAITING);

  private static final Logger LOG = LoggerFactory.getLogger(TileHealthHandler.class);

  private final StoreTokenAuth auth;
  private final QuerySyncRunsUseCase query;
  private final BindingLookup bindings;
  private final Clock clock;

  TileHealthHandler(
      StoreTokenAuth auth, QuerySyncRunsUseCase query, BindingLookup bindings, Clock clock) {
    this.auth = auth;
    this.query = query;
    this.bindings = bindings;
    this.clock = clock;
  }

  void handle(HttpCall ex) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    Optional<String> tenant = auth.tenantOrAnswer(ex, "tile health");
    if (tenant.isEmpty()) {
      return;
    }
    ObjectNode body;
    try {
      body = health(tenant.get());
    } catch (RuntimeException e) {
      LOG.error("tile health failed, answering 503: tenant={}", LogSafe.of(tenant.get()), e);
      Exchanges.sendUnavailable(ex, "temporarily_unavailable", WebhookHandler.RETRY_AFTER_SECONDS);
      return;
    }
    Exchanges.sendJson(ex, 200, body);
  }

  /**
   * The tenant's {@code magento_connection_status} (the store's admin tile reads it first): {@code
   * token_revoked} when the store must act (re-pair, or reconnect Sage: "re-pair required"), {@code
   * pending} while the binding waits for its Sage connection, else {@code active}.
   */
  static String connectionStatus(BindingStatus status) {
    return switch (status) {
      case TOKEN_REVOKED, DISCONNECTED -> "token_revoked";
      case PENDING_SAGE -> "pending";
      case ACTIVE, PAUSED -> "active";
    };
  }

  /**
   * The binding's {@code status} word: {@code active} is the only one the tile shows as connected;
   * a revoked Sage token is {@code revoked} (WIRE §1B), the others their own name.
   */
  static String bindingStatus(BindingStatus status) {
    return switch (status) {
      case TOKEN_REVOKED -> "revoked";
      case PENDING_SAGE -> "pending";
      default -> status.db();
    };
  }

  private ObjectNode health(String tenant) {
    ObjectNode body = Json.object();
    Optional<Binding> binding = bindings.find(tenant);
    body.putObject("tenant")
        .put(
            "magento_connection_status",
            binding.map(b -> connectionStatus(b.status())).orElse("active"));
    binding.ifPresent(
        b -> {
          ObjectNode node = body.putObject("binding").put("status", bindingStatus(b.status()));
          if (b.businessCountry() != null) {
            node.put("region", b.businessCountry().toLowerCase(Locale.ROOT));
          }
        });

    Figures figures = figures(query, tenant, clock);
    ObjectNode sync = body.putObject("sync");
    sync.put("pending_count", figures.pending());
    sync.put("failed_24h", figures.failed24h());
    if (figures.lastRunAt().isEmpty()) {
      sync.putNull("last_run_at");
    } else {
      sync.put("last_run_at", figures.lastRunAt().get().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return body;
  }

  /** A binding's sync figures, as the tile and the console's bindings page show them. */
  record Figures(int pending, long failed24h, Optional<Instant> lastRunAt) {}

  static Figures figures(QuerySyncRunsUseCase query, String tenant, Clock clock) {
    int pending = 0;
    for (SyncRunStatus status : PENDING) {
      pending += query.recent(new RunQuery(tenant, status, null, null, COUNT_CAP)).size();
    }
    Instant since = clock.instant().minus(Duration.ofHours(24));
    long failed24h =
        query.recent(new RunQuery(tenant, SyncRunStatus.FAILED, null, null, COUNT_CAP)).stream()
            .filter(r -> !r.updatedAt().isBefore(since))
            .count();
    List<SyncRun> newest = query.recent(new RunQuery(tenant, null, null, null, 1));
    return new Figures(
        pending,
        failed24h,
        newest.isEmpty() ? Optional.empty() : Optional.of(newest.get(0).updatedAt()));
  }
}
