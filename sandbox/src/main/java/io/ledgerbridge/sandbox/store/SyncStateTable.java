package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code byte8_entity_sync_state} mirror and the POST /V1/byte8/sync-state service (WIRE §4):
 * framework input processing (snake_case or camelCase keys, null = absent, int coercion), the
 * module's validation order, and the full-overwrite upsert with MySQL non-strict truncation.
 */
final class SyncStateTable {

  static final DateTimeFormatter MYSQL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String ZERO_DATE = "0000-00-00 00:00:00";
  private static final Pattern NUMERIC =
      Pattern.compile("^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$");
  private static final Pattern MYSQL_DATETIME =
      Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2}))?");
  private static final Set<String> ENTITY_TYPES =
      Set.of("invoice", "creditmemo", "customer", "product");
  private static final Set<String> TERMINAL = Set.of("synced", "skipped", "failed");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** HTTP answer of the service. */
  record Reply(int status, String body) {}

  private record Key(String entityType, long magentoId, String provider) {}

  private final Map<Key, SyncState> rows = new LinkedHashMap<>();

  synchronized Optional<SyncState> find(String entityType, long magentoId, String provider) {
    return Optional.ofNullable(rows.get(new Key(entityType, magentoId, provider)));
  }

  synchronized List<SyncState> all() {
    return List.copyOf(rows.values());
  }

  /**
   * The enqueue-path mirror write: INSERT pending ... ON DUPLICATE KEY UPDATE last_sync_at, so an
   * existing status is kept.
   */
  synchronized void markPending(String entityType, long magentoId, String provider, Instant now) {
    Key key = new Key(entityType, magentoId, truncate(provider, 32));
    String ts = MYSQL.format(now);
    SyncState old = rows.get(key);
    if (old == null) {
      rows.put(
          key,
          new SyncState(
              entityType, magentoId, key.provider(), "pending", null, null, null, null, ts));
    } else {
      rows.put(
          key,
          new SyncState(
              old.entityType(),
              old.magentoId(),
              old.provider(),
              old.syncStatus(),
              old.providerEntityId(),
              old.providerReference(),
              old.skipReason(),
              old.errorCode(),
              ts));
    }
  }

  /** The POST service: parse, validate in module order, upsert. */
  Reply upsert(String rawBody, Instant now) {
    JsonNode body;
    try {
      body = JSON.readTree(rawBody);
    } catch (IOException e) {
      return new Reply(400, CanonicalJson.message("Decoding error."));
    }
    if (body == null || !body.isObject()) {
      return new Reply(400, CanonicalJson.message("Decoding error."));
    }
    // Framework: required parameters absent or null.
    String missing =
        WebapiInput.missingRequired(
            body, "entityType", "magentoEntityId", "provider", "syncStatus");
    if (missing != null) {
      return new Reply(400, missing);
    }
    // Framework: type casting.
    String[] names = {
      "entityType",
      "provider",
      "syncStatus",
      "providerEntityId",
      "providerReference",
      "skipReason",
      "errorCode",
      "lastSyncAt"
    };
    Map<String, String> s = new LinkedHashMap<>();
    for (String n : names) {
      JsonNode v = WebapiInput.param(body, n);
      if (v == null) {
        s.put(n, null);
      } else if (WebapiInput.asString(v) == null) {
        return new Reply(400, WebapiInput.typeInvalid("array", "string"));
      } else {
        s.put(n, WebapiInput.asString(v));
      }
    }
    JsonNode idNode = WebapiInput.param(body, "magentoEntityId");
    long magentoId;
    if (idNode.isIntegralNumber()) {
      magentoId = idNode.longValue();
    } else if (idNode.isNumber()) {
      magentoId = (long) idNode.doubleValue();
    } else if (idNode.isTextual() && NUMERIC.matcher(idNode.textValue()).matches()) {
      magentoId = new BigDecimal(idNode.textValue().trim()).longValue();
    } else {
      return new Reply(
          400, WebapiInput.typeInvalid(idNode.isTextual() ? idNode.textValue() : "array", "int"));
    }
    // Module validation, in order.
    String entityType = s.get("entityType");
    if (!ENTITY_TYPES.contains(entityType)) {
      return new Reply(
          400,
          CanonicalJson.messageWithPositional(
              "Unknown entity_type %1; expected one of: %2",
              entityType, "invoice, creditmemo, customer, product"));
    }
    if (magentoId <= 0) {
      return new Reply(400, CanonicalJson.message("magento_entity_id must be positive"));
    }
    String provider = s.get("provider");
    if (provider.isEmpty()) {
      return new Reply(400, CanonicalJson.message("provider must be non-empty"));
    }
    String syncStatus = s.get("syncStatus");
    if (!TERMINAL.contains(syncStatus)) {
      return new Reply(
          400,
          CanonicalJson.messageWithPositional(
              "Invalid sync_status %1; pending is Magento-side only and must not arrive via"
                  + " callback. Expected: %2",
              syncStatus, "synced, skipped, failed"));
    }
    String lastSyncAt =
        s.get("lastSyncAt") == null ? MYSQL.format(now) : mysqlTimestamp(s.get("lastSyncAt"));
    SyncState row =
        new SyncState(
            entityType,
            magentoId,
            truncate(provider, 32),
            syncStatus,
            truncate(s.get("providerEntityId"), 64),
            truncate(s.get("providerReference"), 64),
            truncate(s.get("skipReason"), 64),
            truncate(s.get("errorCode"), 64),
            lastSyncAt);
    synchronized (this) {
      rows.put(new Key(row.entityType(), row.magentoId(), row.provider()), row);
    }
    return new Reply(200, "[]");
  }

  /**
   * The accepted bodies among {@code calls} for one entity type, per entity id in arrival order,
   * with keys in snake_case and without {@code last_sync_at}, so that repeats of one push compare
   * equal.
   */
  static Map<Long, List<JsonNode>> acceptedPushes(List<SyncStateCall> calls, String entityType) {
    Map<Long, List<JsonNode>> out = new LinkedHashMap<>();
    for (SyncStateCall call : calls) {
      if (!call.accepted()) {
        continue;
      }
      ObjectNode normalised = JSON.createObjectNode();
      try {
        JSON.readTree(call.rawBody())
            .fields()
            .forEachRemaining(f -> normalised.set(WebapiInput.snake(f.getKey()), f.getValue()));
      } catch (IOException e) {
        throw new IllegalStateException("accepted push does not parse: " + call.rawBody(), e);
      }
      normalised.remove("last_sync_at");
      if (entityType.equals(normalised.path("entity_type").asText())) {
        out.computeIfAbsent(normalised.path("magento_entity_id").asLong(), k -> new ArrayList<>())
            .add(normalised);
      }
    }
    return out;
  }

  /** MySQL non-strict VARCHAR(n): silently keeps the first n characters. */
  static String truncate(String value, int max) {
    if (value == null || value.codePointCount(0, value.length()) <= max) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, max));
  }

  /** What a non-strict MySQL TIMESTAMP column (time_zone +00:00) reads back for a given string. */
  static String mysqlTimestamp(String value) {
    Matcher m = MYSQL_DATETIME.matcher(value.trim());
    if (!m.find()) {
      return ZERO_DATE;
    }
    int y = Integer.parseInt(m.group(1));
    int mo = Integer.parseInt(m.group(2));
    int d = Integer.parseInt(m.group(3));
    int h = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int mi = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int se = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    try {
      java.time.LocalDateTime t = java.time.LocalDateTime.of(y, mo, d, h, mi, se);
      return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    } catch (java.time.DateTimeException e) {
      return ZERO_DATE;
    }
  }
}
