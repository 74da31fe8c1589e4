package io.ledgerbridge.core.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The merchant's sync policy for one binding (PRODUCT §2). Immutable; a run keeps the version it was
 * accepted under.
 *
 * @param syncUnpaidInvoices false: only invoices already paid are posted
 * @param syncZeroValueInvoices false: zero grand total invoices are skipped
 * @param syncSince documents created earlier are skipped; null = no limit
 * @param websiteFilter website ids to sync; empty = all
 * @param storeFilter store ids to sync; empty = all
 * @param defaultTaxRateId Sage tax rate for lines without a tax-rate-map match
 * @param defaultLedgerAccountId Sage sales ledger account for every line
 * @param taxRateMap two-decimal percentage string ("20.00") to Sage tax rate id
 * @param zeroTaxRateId the zero rate used for cross-border lines and untaxed shipping
 * @param invoiceNumberPrefix prefix added (once) to the store invoice number in the Sage reference
 * @param customerNamePriority {@code Company} or {@code Person}
 * @param defaultEuGoodsServicesType {@code GOODS} or {@code SERVICES}
 */
public record SyncPolicy(
    boolean syncUnpaidInvoices,
    boolean syncZeroValueInvoices,
    Instant syncSince,
    Set<Integer> websiteFilter,
    Set<Integer> storeFilter,
    String defaultTaxRateId,
    String defaultLedgerAccountId,
    Map<String, String> taxRateMap,
    String zeroTaxRateId,
    String invoiceNumberPrefix,
    String customerNamePriority,
    String defaultEuGoodsServicesType) {

  public SyncPolicy {
    websiteFilter = websiteFilter == null ? Set.of() : Set.copyOf(websiteFilter);
    storeFilter = storeFilter == null ? Set.of() : Set.copyOf(storeFilter);
    taxRateMap = taxRateMap == null ? Map.of() : Map.copyOf(taxRateMap);
    Objects.requireNonNull(defaultTaxRateId, "default_tax_rate_id");
    Objects.requireNonNull(defaultLedgerAccountId, "default_ledger_account_id");
    zeroTaxRateId = zeroTaxRateId == null ? "GB_ZERO" : zeroTaxRateId;
    invoiceNumberPrefix = invoiceNumberPrefix == null ? "" : invoiceNumberPrefix;
    customerNamePriority = customerNamePriority == null ? "Company" : customerNamePriority;
    defaultEuGoodsServicesType =
        defaultEuGoodsServicesType == null ? "GOODS" : defaultEuGoodsServicesType;
  }

  /**
   * The documented defaults. The ledger account has no universal default in Sage; {@code
   * defaultLedgerAccountId} must be supplied by the binding's reference data or the merchant.
   */
  public static SyncPolicy defaults(String defaultLedgerAccountId) {
    return new SyncPolicy(
        true,
        true,
        null,
        Set.of(),
        Set.of(),
        "GB_STANDARD",
        defaultLedgerAccountId,
        Map.of(),
        "GB_ZERO",
        "",
        "Company",
        "GOODS");
  }
}
