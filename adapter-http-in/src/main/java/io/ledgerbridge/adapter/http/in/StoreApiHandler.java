package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase.Disconnected;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase.EntityStatus;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's calls besides webhooks and the tile (WIRE §1B), authenticated like them ({@link
 * StoreTokenAuth}):
 *
 * <ul>
 *   <li>{@code GET /v1/status?entity_type=T&entity_id=N} (L2): the combined sync state of one of
 *       the store's entities;
 *   <li>{@code POST /v1/tenant/disconnect} (L4): the store's admin pressed Disconnect; the Sage
 *       tokens are revoked and the binding disconnected, then any 2xx acknowledges it.
 * </ul>
 *
 * <p>Neither answers 4xx for anything a retry could fix: a failure of the chassis is 503.
 */
final class StoreApiHandler {
  static final String STATUS = "/v1/status";
  static final String DISCONNECT = "/v1/tenant/disconnect";
  static final int MAX_DISCONNECT_BODY = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(StoreApiHandler.class);

  private final StoreTokenAuth auth;
  private final QuerySyncRunsUseCase query;
  private final DisconnectBindingUseCase disconnect;

  /**
   * @param disconnect null: the disconnect route answers 503 {@code not_configured}
   */
  StoreApiHandler(
      StoreTokenAuth auth, QuerySyncRunsUseCase query, DisconnectBindingUseCase disconnect) {
    this.auth = auth;
    this.query = query;
    this.disconnect = disconnect;
  }

  static boolean matches(String path) {
    return path.equals(STATUS) || path.equals(DISCONNECT);
  }

  void handle(HttpCall ex, String path) throws IOException {
    if (path.equals(STATUS)) {
      status(ex);
    } else {
      disconnect(ex);
    }
  }

  private void status(HttpCall ex) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    Optional<String> tenant = auth.tenantOrAnswer(ex, "status");
    if (tenant.isEmpty()) {
      return;
    }
    Map<String, String> params;
    try {
      params = Exchanges.query(ex);
    } catch (IllegalArgumentException e) {
      Exchanges.sendError(ex, 400, "invalid_request", "the query string is not well formed");
      return;
    }
    Optional<StoreEntityType> type = entityType(params.get("entity_type"));
    if (type.isEmpty()) {
      Exchanges.sendError(
          ex,
          400,
          "invalid_request",
          "entity_type must be one of invoice, creditmemo, customer, product");
      return;
    }
    long id;
    try {
      id = Long.parseLong(params.getOrDefault("entity_id", "").trim());
    } catch (NumberFormatException e) {
      id = 0;
    }
    if (id <= 0) {
      Exchanges.sendError(ex, 400, "invalid_request", "entity_id must be a positive whole number");
      return;
    }
    EntityStatus status;
    try {
      status = query.entityStatus(tenant.get(), type.get(), id);
    } catch (RuntimeException e) {
      LOG.error("status query failed, answering 503: tenant={}", LogSafe.of(tenant.get()), e);
      Exchanges.sendUnavailable(ex, "temporarily_unavailable", WebhookHandler.RETRY_AFTER_SECONDS);
      return;
    }
    Exchanges.sendJson(ex, 200, body(params.get("entity_type").trim(), status));
  }

  /**
   * {@code status} is the store's word ({@code synced}, {@code skipped}, {@code failed}) for an
   * entity with an ended run, {@code pending} while only runs under way exist, {@code unknown} when
   * the chassis never heard of it.
   */
  static ObjectNode body(String typeWord, EntityStatus status) {
    ObjectNode body = Json.object();
    body.put("entity_type", typeWord);
    body.put("entity_id", status.storeEntityId());
    Optional<EntitySyncState> state = status.state();
    String word =
        state
            .map(s -> s.status().name().toLowerCase(java.util.Locale.ROOT))
            .orElse(status.inFlight() > 0 ? "pending" : "unknown");
    body.put("status", word);
    body.put("sage_id", state.map(EntitySyncState::sageId).orElse(null));
    body.put("sage_reference", state.map(EntitySyncState::sageReference).orElse(null));
    body.put("error_code", state.map(EntitySyncState::errorClass).map(e -> e.code()).orElse(null));
    body.put("skip_reason", state.map(EntitySyncState::skipReason).map(r -> r.code()).orElse(null));
    body.put(
        "last_sync_at",
        state.map(s -> s.at().truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null));
    body.put("runs_in_progress", status.inFlight());
    return body;
  }

  static Optional<StoreEntityType> entityType(String word) {
    if (word == null) {
      return Optional.empty();
    }
    return switch (word.trim()) {
      case "invoice" -> Optional.of(StoreEntityType.INVOICE);
      case "creditmemo" -> Optional.of(StoreEntityType.CREDITMEMO);
      case "customer" -> Optional.of(StoreEntityType.CUSTOMER);
      case "product" -> Optional.of(StoreEntityType.PRODUCT);
      default -> Optional.empty();
    };
  }

  private void disconnect(HttpCall ex) throws IOException {
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return;
    }
    Optional<String> tenant = auth.tenantOrAnswer(ex, "disconnect");
    if (tenant.isEmpty()) {
      return;
    }
    // the body is the 2 bytes {} (WIRE §1B L4); nothing in it is used
    if (Exchanges.readBody(ex, MAX_DISCONNECT_BODY).isEmpty()) {
      Exchanges.sendError(ex, 413, "body_too_large", null);
      return;
    }
    String expectedKey = "disconnect:" + sha1Hex(tenant.get());
    Optional<String> key = Exchanges.singleHeader(ex, "Idempotency-Key");
    if (key.isPresent() && !key.get().equals(expectedKey)) {
      LOG.warn(
          "disconnect of tenant {} carries an unexpected Idempotency-Key; disconnecting anyway",
          LogSafe.of(tenant.get()));
    }
    if (disconnect == null) {
      Exchanges.sendUnavailable(ex, "not_configured", WebhookHandler.RETRY_AFTER_SECONDS);
      return;
    }
    Disconnected done;
    try {
      done = disconnect.disconnect(tenant.get(), DisconnectBindingUseCase.Side.STORE);
    } catch (UnknownBindingException e) {
      // authenticated a moment ago: the binding was removed meanwhile; nothing left to do
      Exchanges.sendJson(ex, 200, Json.object().put("status", "disconnected"));
      return;
    } catch (RuntimeException e) {
      LOG.error("disconnect failed, answering 503: tenant={}", LogSafe.of(tenant.get()), e);
      Exchanges.sendUnavailable(ex, "temporarily_unavailable", WebhookHandler.RETRY_AFTER_SECONDS);
      return;
    }
    Exchanges.sendJson(
        ex,
        200,
        Json.object()
            .put("status", "disconnected")
            .put("already_disconnected", done.alreadyDisconnected())
            .put("sage_revoked", done.sageRevoked()));
  }

  /** SHA-1 is what the store's idempotency key uses (WIRE §1B L4), not a security use. */
  static String sha1Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
