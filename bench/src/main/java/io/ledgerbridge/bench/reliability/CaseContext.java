package io.ledgerbridge.bench.reliability;

import io.ledgerbridge.bench.reliability.WebhookTokens.Claims;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a case needs to build its request against one chassis: base URL, the tenant and its api key,
 * a second bound tenant and its key, the chassis's webhook body limit, and fresh tokens,
 * Idempotency-Keys and entity ids (unique per run, so the catalogue can run twice against the same
 * database). {@link #valid()} is a request the chassis accepts; cases break one thing in it.
 */
public final class CaseContext {
  public static final String EVENT = "invoice.created";

  private final String baseUrl;
  private final String tenant;
  private final String apiKey;
  private final String otherTenant;
  private final String otherApiKey;
  private final int maxBodyBytes;
  private final Clock clock;
  private final String runTag;
  private final AtomicLong counter = new AtomicLong();

  /**
   * @param baseUrl chassis base URL, e.g. {@code http://127.0.0.1:8080} (no trailing slash)
   * @param otherTenant a second active binding, for cross-tenant cases
   * @param maxBodyBytes the chassis's webhook body limit ({@code LEDGER_MAX_BODY_BYTES}, 1 MiB by
   *     default)
   */
  public CaseContext(
      String baseUrl,
      String tenant,
      String apiKey,
      String otherTenant,
      String otherApiKey,
      int maxBodyBytes,
      Clock clock) {
    this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    this.otherTenant = Objects.requireNonNull(otherTenant, "otherTenant");
    this.otherApiKey = Objects.requireNonNull(otherApiKey, "otherApiKey");
    if (tenant.equals(otherTenant) || apiKey.equals(otherApiKey)) {
      throw new IllegalArgumentException("the other tenant must differ in id and key");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes below 1 KiB: " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
    byte[] tag = new byte[4];
    new SecureRandom().nextBytes(tag);
    this.runTag = HexFormat.of().formatHex(tag);
  }

  private static String stripSlash(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String tenant() {
    return tenant;
  }

  public String apiKey() {
    return apiKey;
  }

  public String otherTenant() {
    return otherTenant;
  }

  public String otherApiKey() {
    return otherApiKey;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Unix seconds now. */
  public long now() {
    return clock.instant().getEpochSecond();
  }

  public String jti() {
    return UUID.randomUUID().toString();
  }

  /** The store's claims for the tenant, issued now, with a fresh {@code jti}. */
  public Claims claims() {
    return Claims.store(tenant, now(), jti());
  }

  /** A fresh valid token for the tenant. */
  public String token() {
    return token(claims());
  }

  /** Claims signed under the store header with the tenant's outbound subkey. */
  public String token(Claims claims) {
    return token(WebhookTokens.STORE_HEADER, claims);
  }

  public String token(String headerJson, Claims claims) {
    return WebhookTokens.sign(headerJson, claims.toJson(), WebhookTokens.outboundKey(apiKey));
  }

  /** A fresh Idempotency-Key unique to this run, in the store's shape. */
  public String idempotencyKey() {
    return EVENT + ":hostile-" + runTag + "-" + counter.incrementAndGet();
  }

  /** A positive entity id unique to this run. */
  public long entityId() {
    return 900_000_000L + counter.incrementAndGet();
  }

  /** The store's envelope for an invoice (WIRE §5.1). */
  public String validBody() {
    return body(entityId(), "{\"increment_id\":\"HOSTILE-1\",\"paid\":false}");
  }

  /** The envelope with this entity id and a raw JSON {@code payload}. */
  public String body(long entityId, String payloadJson) {
    return "{\"magento_entity_id\":"
        + entityId
        + ",\"website_id\":1,\"store_id\":1,\"occurred_at\":\"2026-04-29T10:11:12Z\",\"payload\":"
        + payloadJson
        + "}";
  }

  /** {@code /webhooks/magento/{tenant}/{event}} with both segments percent-encoded. */
  public static String path(String tenant, String event) {
    return "/webhooks/magento/" + encode(tenant) + "/" + encode(event);
  }

  /** PHP {@code rawurlencode}: RFC 3986 unreserved characters stay, everything else is escaped. */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  public String webhookPath() {
    return path(tenant, EVENT);
  }

  /** A complete request the chassis accepts with 202 and one new run. */
  public HostileRequest valid() {
    return HostileRequest.post(webhookPath())
        .header("Authorization", "Bearer " + token())
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey())
        .body(validBody());
  }

  /** Strings that must never appear in a response: both master keys and their subkeys. */
  public List<String> secrets() {
    List<String> s = new ArrayList<>();
    for (String key : List.of(apiKey, otherApiKey)) {
      s.add(key);
      s.add(WebhookTokens.base64Url(WebhookTokens.outboundKey(key)));
      s.add(HexFormat.of().formatHex(WebhookTokens.outboundKey(key)));
      s.add(WebhookTokens.base64Url(WebhookTokens.inboundKey(key)));
    }
    return s;
  }
}
