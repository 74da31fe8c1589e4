package io.ledgerbridge.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.PolicyRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Versioned policies in {@code sync_policies} as JSON: the settings document of {@link
 * PolicyCodec#encode} (every knob, flat snake_case keys), read back through {@link
 * PolicyCodec#decode}. A save takes the next free version with an insert that skips on conflict, so
 * concurrent saves never overwrite one another and never abort the caller's transaction.
 *
 * <p>Decoding is the expensive part of a read, and the accept path reads the current policy for
 * every webhook. Decoded policies are therefore kept per (tenant, version) together with the JSON
 * they came from; a read still asks the database, and decodes again only when the stored JSON
 * differs from the cached one (a new version, or a table rewritten under the same version number).
 */
final class JdbiPolicyRepository implements PolicyRepository {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};

  private static final int MAX_CACHED = 10_000;

  private final Db db;
  private final ConcurrentHashMap<Key, Decoded> decoded = new ConcurrentHashMap<>();

  private record Key(String tenantId, int version) {}

  private record Decoded(String json, SyncPolicy policy) {}

  JdbiPolicyRepository(Db db) {
    this.db = db;
  }

  /** The policy stored as {@code json} for (tenant, version), decoded once per distinct JSON. */
  private PolicySnapshot snapshot(String tenantId, int version, String json) {
    Key key = new Key(tenantId, version);
    Decoded known = decoded.get(key);
    if (known != null && known.json().equals(json)) {
      return new PolicySnapshot(version, known.policy());
    }
    SyncPolicy policy = fromJson(json);
    if (decoded.size() >= MAX_CACHED) {
      decoded.clear();
    }
    decoded.put(key, new Decoded(json, policy));
    return new PolicySnapshot(version, policy);
  }

  static String toJson(SyncPolicy policy) {
    try {
      return JSON.writeValueAsString(PolicyCodec.encode(policy));
    } catch (JsonProcessingException e) {
      throw serde("policy.write", e);
    }
  }

  static SyncPolicy fromJson(String json) {
    Map<String, Object> document;
    try {
      document = JSON.readValue(json, DOCUMENT);
    } catch (JsonProcessingException | RuntimeException e) {
      throw serde("policy.read", e);
    }
    PolicyCodec.Decoded decoded = PolicyCodec.decode(document);
    if (decoded instanceof PolicyCodec.Valid valid) {
      return valid.policy();
    }
    String problems =
        ((PolicyCodec.Invalid) decoded)
            .errors().stream().map(FieldError::field).collect(Collectors.joining(", "));
    throw serde("policy.read", new IllegalStateException("invalid fields: " + problems));
  }

  private static PermanentGatewayException serde(String operation, Exception e) {
    return new PermanentGatewayException(
        SqlErrors.SYSTEM,
        operation,
        0,
        null,
        ErrorClass.SERDE,
        "stored sync policy is unreadable: " + e.getClass().getSimpleName(),
        null,
        e);
  }

  @Override
  public Optional<PolicySnapshot> current(String tenantId) {
    return db.call(
        "policy.current",
        h ->
            h.createQuery(
                    "SELECT version, policy_json FROM sync_policies WHERE tenant_id = :t"
                        + " ORDER BY version DESC LIMIT 1")
                .bind("t", tenantId)
                .map(
                    (rs, ctx) ->
                        snapshot(tenantId, rs.getInt("version"), rs.getString("policy_json")))
                .findOne());
  }

  @Override
  public int currentVersion(String tenantId) {
    // the number alone: no policy document to read and decode
    return db.call(
        "policy.current_version",
        h ->
            h.createQuery(
                    "SELECT COALESCE(MAX(version), 0) FROM sync_policies WHERE tenant_id = :t")
                .bind("t", tenantId)
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public Optional<PolicySnapshot> version(String tenantId, int version) {
    return db.call(
        "policy.version",
        h ->
            h.createQuery(
                    "SELECT version, policy_json FROM sync_policies"
                        + " WHERE tenant_id = :t AND version = :v")
                .bind("t", tenantId)
                .bind("v", version)
                .map(
                    (rs, ctx) ->
                        snapshot(tenantId, rs.getInt("version"), rs.getString("policy_json")))
                .findOne());
  }

  @Override
  public PolicySnapshot save(String tenantId, SyncPolicy policy) {
    String json = toJson(policy);
    Instant now = db.now();
    for (int i = 0; i < 50; i++) {
      int saved =
          db.call(
              "policy.save",
              h -> {
                int next =
                    h.createQuery(
                            "SELECT COALESCE(MAX(version), 0) + 1 FROM sync_policies"
                                + " WHERE tenant_id = :t")
                        .bind("t", tenantId)
                        .mapTo(Integer.class)
                        .one();
                int rows =
                    h.createUpdate(
                            "INSERT INTO sync_policies (tenant_id, version, policy_json, created_at)"
                                + " VALUES (:t, :v, :json, :now) ON CONFLICT DO NOTHING")
                        .bind("t", tenantId)
                        .bind("v", next)
                        .bind("json", json)
                        .bindByType("now", now, Instant.class)
                        .execute();
                return rows == 1 ? next : 0;
              });
      if (saved > 0) {
        return new PolicySnapshot(saved, policy);
      }
    }
    throw new IllegalStateException("could not save a policy version for tenant " + tenantId);
  }

  @Override
  public List<PolicyVersionSummary> history(String tenantId, int limit) {
    return db.call(
        "policy.history",
        h ->
            h.createQuery(
                    "SELECT version, created_at FROM sync_policies WHERE tenant_id = :t"
                        + " ORDER BY version DESC LIMIT :limit")
                .bind("t", tenantId)
                .bind("limit", Math.max(0, limit))
                .map(
                    (rs, ctx) ->
                        new PolicyVersionSummary(
                            rs.getInt("version"), Db.instant(rs, "created_at")))
                .list());
  }
}
