package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/tile/health} (WIRE §1B L3): the store's admin tile. Authenticated like webhooks
 * with an outbound JWT; the tenant is the token's {@code sub}, read unverified only to choose the
 * key, then verified in full by the authenticator.
 *
 * <p>The numbers are best effort from the read side: {@code pending_count} counts runs that are
 * queued, running or waiting for a retry (each status counted up to {@value #COUNT_CAP}); {@code
 * failed_24h} counts failed runs last updated in the past 24 hours among the newest {@value
 * #COUNT_CAP} failed runs; {@code last_run_at} is when the newest run last changed.
 */
final class TileHealthHandler {

  static final int COUNT_CAP = 1000;
  static final int MAX_TOKEN_LENGTH = 8192;
  private static final List<SyncRunStatus> PENDING =
      List.of(
          SyncRunStatus.QUEUED,
          SyncRunStatus.RUNNING,
          SyncRunStatus.RETRY_SCHEDULED,
          SyncRunStatus.WAITING);

  private static final Logger LOG = LoggerFactory.getLogger(TileHealthHandler.class);

  private final WebhookAuthenticator authenticator;
  private final QuerySyncRunsUseCase query;
  private final BindingLookup bindings;
  private final Clock clock;
  private final RejectionLog rejections;

  TileHealthHandler(
      WebhookAuthenticator authenticator,
      QuerySyncRunsUseCase query,
      BindingLookup bindings,
      Clock clock,
      RejectionLog rejections) {
    this.authenticator = authenticator;
    this.query = query;
    this.bindings = bindings;
    this.clock = clock;
    this.rejections = rejections;
  }

  void handle(HttpCall ex) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    Optional<String> tenant;
    try {
      tenant = authenticate(ex);
    } catch (ClockSkew e) {
      Exchanges.sendUnavailable(ex, "clock_skew", WebhookHandler.CLOCK_SKEW_RETRY_AFTER_SECONDS);
      return;
    }
    if (tenant.isEmpty()) {
      ex.setHeader("WWW-Authenticate", "Bearer");
      Exchanges.sendError(ex, 401, "unauthorized", null);
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

  private Optional<String> authenticate(HttpCall ex) {
    List<String> headers = Exchanges.headerValues(ex, "Authorization");
    if (headers.size() != 1 || headers.get(0) == null) {
      rejections.record("tile health: missing or repeated Authorization header");
      return Optional.empty();
    }
    String header = headers.get(0);
    Optional<String> sub = peekSubject(header);
    if (sub.isEmpty()) {
      rejections.record("tile health: no readable sub claim");
      return Optional.empty();
    }
    WebhookAuthenticator.AuthResult result = authenticator.authenticate(sub.get(), header);
    if (result instanceof WebhookAuthenticator.ClockSkewed skewed) {
      rejections.webhook(sub.get(), "tile health: " + skewed.reason());
      throw new ClockSkew();
    }
    if (result instanceof WebhookAuthenticator.Authenticated ok
        && sub.get().equals(ok.tenantId())) {
      return Optional.of(ok.tenantId());
    }
    String reason =
        result instanceof WebhookAuthenticator.Rejected r
            ? r.reason()
            : "authenticated tenant differs";
    rejections.webhook(sub.get(), "tile health: " + reason);
    return Optional.empty();
  }

  /**
   * The {@code sub} claim of a {@code Bearer} JWT, decoded <em>without</em> verification: used only
   * to pick the tenant whose key then verifies the whole token.
   */
  static Optional<String> peekSubject(String authorization) {
    if (authorization.length() > MAX_TOKEN_LENGTH
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String[] parts = authorization.substring(7).trim().split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = Json.read(payload);
      JsonNode sub = claims == null ? null : claims.get("sub");
      if (sub == null || !sub.isTextual() || sub.textValue().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(sub.textValue());
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private ObjectNode health(String tenant) {
    ObjectNode body = Json.object();
    Optional<Binding> binding = bindings.find(tenant);
    boolean revoked = binding.map(b -> b.status() == BindingStatus.DISCONNECTED).orElse(false);
    body.putObject("tenant").put("magento_connection_status", revoked ? "token_revoked" : "active");
    binding.ifPresent(
        b ->
            body.putObject("binding")
                .put("status", b.status().db())
                .put("region", b.businessCountry().toLowerCase(Locale.ROOT)));

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
    ObjectNode sync = body.putObject("sync");
    sync.put("pending_count", pending);
    sync.put("failed_24h", failed24h);
    if (newest.isEmpty()) {
      sync.putNull("last_run_at");
    } else {
      sync.put("last_run_at", newest.get(0).updatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return body;
  }

  /** A correctly signed token outside its time window: 503, the clocks disagree. */
  private static final class ClockSkew extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClockSkew() {
      super(null, null, false, false);
    }
  }
}
