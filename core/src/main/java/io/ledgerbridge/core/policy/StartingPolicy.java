package io.ledgerbridge.core.policy;

import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The policy a binding starts with when it is connected to Sage without one: the defaults, with the
 * mappings chosen from the business's own reference data, so the first invoice can sync before
 * anyone has opened the settings.
 *
 * <ul>
 *   <li>sales ledger account: nominal code 4000 (Sage's "Sales Type A" in the UK and Ireland) when
 *       the business has it visible in sales, else the lowest visible nominal code;
 *   <li>standard tax rate: {@code <COUNTRY>_STANDARD} when the business has it, else the rate with
 *       the highest percentage;
 *   <li>zero tax rate: {@code <COUNTRY>_ZERO} when the business has it, else a 0 % rate.
 * </ul>
 */
public final class StartingPolicy {
  static final int USUAL_SALES_NOMINAL_CODE = 4000;

  private StartingPolicy() {}

  /** Empty when the business has no ledger account visible in sales (nothing can be posted). */
  public static Optional<SyncPolicy> from(ReferenceData data) {
    Optional<LedgerAccount> ledger =
        data.ledgerAccounts().stream()
            .filter(LedgerAccount::visibleInSales)
            .filter(a -> a.nominalCode() != null && a.nominalCode() == USUAL_SALES_NOMINAL_CODE)
            .findFirst()
            .or(
                () ->
                    data.ledgerAccounts().stream()
                        .filter(LedgerAccount::visibleInSales)
                        .min(
                            Comparator.comparing(
                                LedgerAccount::nominalCode,
                                Comparator.nullsLast(Comparator.naturalOrder()))));
    if (ledger.isEmpty()) {
      return Optional.empty();
    }
    SyncPolicy defaults = SyncPolicy.defaults(ledger.get().id());
    String country =
        data.businessCountry() == null ? "GB" : data.businessCountry().toUpperCase(Locale.ROOT);
    String standard =
        data.taxRate(country + "_STANDARD")
            .or(
                () ->
                    data.taxRates().stream()
                        .filter(t -> t.percentage() != null)
                        .max(Comparator.comparing(TaxRate::percentage)))
            .map(TaxRate::id)
            .orElse(defaults.mappings().defaultTaxRateId());
    String zero =
        data.taxRate(country + "_ZERO")
            .or(
                () ->
                    data.taxRates().stream()
                        .filter(
                            t ->
                                t.percentage() != null
                                    && t.percentage().compareTo(BigDecimal.ZERO) == 0)
                        .findFirst())
            .map(TaxRate::id)
            .orElse(defaults.mappings().zeroTaxRateId());
    SyncPolicy.DefaultMappings m = defaults.mappings();
    return Optional.of(
        defaults.withMappings(
            new SyncPolicy.DefaultMappings(
                standard,
                m.defaultLedgerAccountId(),
                m.defaultBankAccountId(),
                m.defaultPurchaseLedgerAccountId(),
                zero)));
  }
}
