package io.ledgerbridge.adapter.persistence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.BankAccount;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference cache in {@code reference_cache}: one row per tenant, the data as JSON (percentages
 * as decimal strings, so their scale survives) and {@code fetched_at} in its own column. A store is
 * an update, else an insert that skips on conflict, repeated until one of them wins: portable to
 * both databases and never aborting the caller's transaction.
 */
final class JdbiReferenceDataRepository implements ReferenceDataRepository {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int MAX_ROUNDS = 10;

  private final Db db;

  JdbiReferenceDataRepository(Db db) {
    this.db = db;
  }

  /** The stored JSON shape; field names are the cache's format, independent of the records. */
  record DataJson(
      @JsonProperty("base_currency") String baseCurrency,
      @JsonProperty("business_country") String businessCountry,
      @JsonProperty("tax_rates") List<TaxRateJson> taxRates,
      @JsonProperty("ledger_accounts") List<LedgerAccountJson> ledgerAccounts,
      @JsonProperty("bank_accounts") List<BankAccountJson> bankAccounts,
      @JsonProperty("currencies") List<String> currencies) {

    static DataJson of(ReferenceData d) {
      return new DataJson(
          d.baseCurrency(),
          d.businessCountry(),
          d.taxRates().stream()
              .map(
                  t ->
                      new TaxRateJson(
                          t.id(),
                          t.displayedAs(),
                          t.percentage() == null ? null : t.percentage().toPlainString()))
              .toList(),
          d.ledgerAccounts().stream()
              .map(
                  a ->
                      new LedgerAccountJson(
                          a.id(),
                          a.displayedAs(),
                          a.nominalCode(),
                          a.visibleInSales(),
                          a.visibleInExpenses()))
              .toList(),
          d.bankAccounts().stream()
              .map(b -> new BankAccountJson(b.id(), b.displayedAs(), b.currency()))
              .toList(),
          d.currencies());
    }

    ReferenceData toData(Instant fetchedAt) {
      return new ReferenceData(
          baseCurrency,
          businessCountry,
          orEmpty(taxRates).stream()
              .map(
                  t ->
                      new TaxRate(
                          t.id(),
                          t.displayedAs(),
                          t.percentage() == null ? null : new BigDecimal(t.percentage())))
              .toList(),
          orEmpty(ledgerAccounts).stream()
              .map(
                  a ->
                      new LedgerAccount(
                          a.id(),
                          a.displayedAs(),
                          a.nominalCode(),
                          a.visibleInSales(),
                          a.visibleInExpenses()))
              .toList(),
          orEmpty(bankAccounts).stream()
              .map(b -> new BankAccount(b.id(), b.displayedAs(), b.currency()))
              .toList(),
          orEmpty(currencies),
          fetchedAt);
    }

    private static <T> List<T> orEmpty(List<T> list) {
      return list == null ? List.of() : list;
    }
  }

  record TaxRateJson(
      @JsonProperty("id") String id,
      @JsonProperty("displayed_as") String displayedAs,
      @JsonProperty("percentage") String percentage) {}

  record LedgerAccountJson(
      @JsonProperty("id") String id,
      @JsonProperty("displayed_as") String displayedAs,
      @JsonProperty("nominal_code") Integer nominalCode,
      @JsonProperty("visible_in_sales") boolean visibleInSales,
      @JsonProperty("visible_in_expenses") boolean visibleInExpenses) {}

  record BankAccountJson(
      @JsonProperty("id") String id,
      @JsonProperty("displayed_as") String displayedAs,
      @JsonProperty("currency") String currency) {}

  static String toJson(ReferenceData data) {
    try {
      return JSON.writeValueAsString(DataJson.of(data));
    } catch (JsonProcessingException e) {
      throw serde("reference.write", e);
    }
  }

  static ReferenceData fromJson(String json, Instant fetchedAt) {
    try {
      return JSON.readValue(json, DataJson.class).toData(fetchedAt);
    } catch (JsonProcessingException | RuntimeException e) {
      throw serde("reference.read", e);
    }
  }

  private static PermanentGatewayException serde(String operation, Exception e) {
    return new PermanentGatewayException(
        SqlErrors.SYSTEM,
        operation,
        0,
        null,
        ErrorClass.SERDE,
        "cached reference data is unreadable: " + e.getClass().getSimpleName(),
        null,
        e);
  }

  @Override
  public Optional<ReferenceData> find(String tenantId) {
    return db.call(
        "reference.find",
        h ->
            h.createQuery("SELECT data_json, fetched_at FROM reference_cache WHERE tenant_id = :t")
                .bind("t", tenantId)
                .map((rs, ctx) -> fromJson(rs.getString("data_json"), Db.instant(rs, "fetched_at")))
                .findOne());
  }

  @Override
  public void store(String tenantId, ReferenceData data) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(data, "data");
    String json = toJson(data);
    Instant now = db.now();
    for (int i = 0; i < MAX_ROUNDS; i++) {
      int written =
          db.call(
              "reference.store",
              h -> {
                int updated =
                    h.createUpdate(
                            "UPDATE reference_cache SET data_json = :json, fetched_at = :fetched,"
                                + " updated_at = :now WHERE tenant_id = :t")
                        .bind("t", tenantId)
                        .bind("json", json)
                        .bindByType("fetched", data.fetchedAt(), Instant.class)
                        .bindByType("now", now, Instant.class)
                        .execute();
                if (updated > 0) {
                  return updated;
                }
                return h.createUpdate(
                        "INSERT INTO reference_cache (tenant_id, data_json, fetched_at, updated_at)"
                            + " VALUES (:t, :json, :fetched, :now) ON CONFLICT DO NOTHING")
                    .bind("t", tenantId)
                    .bind("json", json)
                    .bindByType("fetched", data.fetchedAt(), Instant.class)
                    .bindByType("now", now, Instant.class)
                    .execute();
              });
      if (written > 0) {
        return;
      }
    }
    throw new IllegalStateException(
        "could not store the reference data of tenant " + tenantId + " (concurrent writers)");
  }
}
