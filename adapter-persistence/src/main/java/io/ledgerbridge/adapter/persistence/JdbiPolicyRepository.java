package io.ledgerbridge.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.PolicyRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Versioned policies in {@code sync_policies} as JSON. A save takes the next free version with an
 * insert that skips on conflict, so concurrent saves never overwrite one another and never abort
 * the caller's transaction.
 */
final class JdbiPolicyRepository implements PolicyRepository {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Db db;

  JdbiPolicyRepository(Db db) {
    this.db = db;
  }

  /** The stored JSON shape; {@code sync_since} is an ISO-8601 instant. */
  record PolicyJson(
      @JsonProperty("sync_unpaid_invoices") boolean syncUnpaidInvoices,
      @JsonProperty("sync_zero_value_invoices") boolean syncZeroValueInvoices,
      @JsonProperty("sync_since") String syncSince,
      @JsonProperty("website_filter") List<Integer> websiteFilter,
      @JsonProperty("store_filter") List<Integer> storeFilter,
      @JsonProperty("default_tax_rate_id") String defaultTaxRateId,
      @JsonProperty("default_ledger_account_id") String defaultLedgerAccountId,
      @JsonProperty("tax_rate_map") Map<String, String> taxRateMap,
      @JsonProperty("zero_tax_rate_id") String zeroTaxRateId,
      @JsonProperty("invoice_number_prefix") String invoiceNumberPrefix,
      @JsonProperty("customer_name_priority") String customerNamePriority,
      @JsonProperty("default_eu_goods_services_type") String defaultEuGoodsServicesType) {

    static PolicyJson of(SyncPolicy p) {
      return new PolicyJson(
          p.syncUnpaidInvoices(),
          p.syncZeroValueInvoices(),
          p.syncSince() == null ? null : p.syncSince().toString(),
          List.copyOf(new TreeSet<>(p.websiteFilter())),
          List.copyOf(new TreeSet<>(p.storeFilter())),
          p.defaultTaxRateId(),
          p.defaultLedgerAccountId(),
          new TreeMap<>(p.taxRateMap()),
          p.zeroTaxRateId(),
          p.invoiceNumberPrefix(),
          p.customerNamePriority(),
          p.defaultEuGoodsServicesType());
    }

    SyncPolicy toPolicy() {
      return SyncPolicy.of(
          syncUnpaidInvoices,
          syncZeroValueInvoices,
          syncSince == null ? null : Instant.parse(syncSince),
          websiteFilter == null ? null : new TreeSet<>(websiteFilter),
          storeFilter == null ? null : new TreeSet<>(storeFilter),
          defaultTaxRateId,
          defaultLedgerAccountId,
          taxRateMap,
          zeroTaxRateId,
          invoiceNumberPrefix,
          customerNamePriority,
          defaultEuGoodsServicesType);
    }
  }

  static String toJson(SyncPolicy policy) {
    try {
      return JSON.writeValueAsString(PolicyJson.of(policy));
    } catch (JsonProcessingException e) {
      throw serde("policy.write", e);
    }
  }

  static SyncPolicy fromJson(String json) {
    try {
      return JSON.readValue(json, PolicyJson.class).toPolicy();
    } catch (JsonProcessingException | RuntimeException e) {
      throw serde("policy.read", e);
    }
  }

  private static PermanentGatewayException serde(String operation, Exception e) {
    return new PermanentGatewayException(
        SqlErrors.SYSTEM, operation, 0, null, ErrorClass.SERDE,
        "stored sync policy is unreadable: " + e.getClass().getSimpleName(), null, e);
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
                .map((rs, ctx) -> new PolicySnapshot(rs.getInt("version"), fromJson(rs.getString("policy_json"))))
                .findOne());
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
                .map((rs, ctx) -> new PolicySnapshot(rs.getInt("version"), fromJson(rs.getString("policy_json"))))
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
}
