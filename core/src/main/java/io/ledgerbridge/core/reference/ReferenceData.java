package io.ledgerbridge.core.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Sage reference data of one binding, as last fetched: what policy validation and translation
 * read instead of calling Sage on the hot path.
 *
 * @param baseCurrency from financial settings, e.g. {@code GBP}
 * @param businessCountry ISO alpha-2 of the business, e.g. {@code GB}
 * @param currencies currency ids Sage knows ({@code GBP}, {@code EUR}, ...)
 */
public record ReferenceData(
    String baseCurrency,
    String businessCountry,
    List<TaxRate> taxRates,
    List<LedgerAccount> ledgerAccounts,
    List<BankAccount> bankAccounts,
    List<String> currencies,
    Instant fetchedAt) {

  public ReferenceData {
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    taxRates = List.copyOf(taxRates);
    ledgerAccounts = List.copyOf(ledgerAccounts);
    bankAccounts = List.copyOf(bankAccounts);
    currencies = List.copyOf(currencies);
    Objects.requireNonNull(fetchedAt, "fetchedAt");
  }

  /**
   * A Sage tax rate.
   *
   * @param percentage current percentage, null for "no tax" rates
   */
  public record TaxRate(String id, String displayedAs, BigDecimal percentage) {}

  /** A Sage ledger account and where Sage lets it be used. */
  public record LedgerAccount(
      String id,
      String displayedAs,
      Integer nominalCode,
      boolean visibleInSales,
      boolean visibleInExpenses) {}

  /** A Sage bank account. */
  public record BankAccount(String id, String displayedAs, String currency) {}

  public Optional<TaxRate> taxRate(String id) {
    return taxRates.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public Optional<LedgerAccount> ledgerAccount(String id) {
    return ledgerAccounts.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public Optional<BankAccount> bankAccount(String id) {
    return bankAccounts.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
