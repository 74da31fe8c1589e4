package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.BankAccount;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReferenceDataRepository} must do. Percentages compare by value ({@code 20.0}
 * equals {@code 20.00}), so a store may normalise their scale; everything else round-trips exactly,
 * {@code fetchedAt} to the microsecond.
 */
public abstract class ReferenceDataRepositoryContract {
  protected final MutableClock clock = MutableClock.standard();
  private ReferenceDataRepository repo;

  /** An empty cache; tenants {@code t-1} and {@code t-2} need not exist as bindings. */
  protected abstract ReferenceDataRepository createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    repo = createSubject(clock);
  }

  private ReferenceData gb() {
    return new ReferenceData(
        "GBP",
        "GB",
        List.of(
            new TaxRate("GB_STANDARD", "Standard 20.00%", new BigDecimal("20.0")),
            new TaxRate("GB_LOWER", "Lower Rate 5.00%", new BigDecimal("5")),
            new TaxRate("GB_FRACTION", "Odd 12.345%", new BigDecimal("12.345")),
            new TaxRate("GB_ZERO", "Zero Rated 0.00%", new BigDecimal("0.00")),
            new TaxRate("GB_NO_TAX", "No VAT", null)),
        List.of(
            new LedgerAccount(
                "7a5ab138884911ed84fa0252b90cda0d", "Sales - Products (4000)", 4000, true, false),
            new LedgerAccount(
                "163849e847954f66badb3a4bbbb4dc19", "Cost of sales (5000)", 5000, false, true),
            new LedgerAccount(
                "7a5ad74c884911ed84fa0252b90cda0d", "Carriage (5100)", 5100, true, true),
            new LedgerAccount("0000000000000000000000000000abcd", null, null, false, false)),
        List.of(
            new BankAccount("19e5f9768c9542ef840ab7532e231215", "Bank Account (1200)", "GBP"),
            new BankAccount("4ad5a004af3d463fa1c1179f8d821ad3", "Euro Account (1201)", "EUR"),
            new BankAccount("543bcf55ef144a109e90dd106f6304c6", null, null)),
        List.of("GBP", "EUR", "USD", "Zürich-ΣΩ"),
        clock.instant());
  }

  private ReferenceData minimal() {
    return new ReferenceData(
        "EUR", null, List.of(), List.of(), List.of(), List.of(), clock.instant());
  }

  /** Equal, with percentages compared by value. */
  private static void assertSameData(Optional<ReferenceData> actual, ReferenceData expected) {
    assertThat(actual).isPresent();
    assertThat(actual.get())
        .usingRecursiveComparison()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .isEqualTo(expected);
    assertThat(actual.get().taxRates()).hasSameSizeAs(expected.taxRates());
    assertThat(actual.get().fetchedAt()).isEqualTo(expected.fetchedAt());
  }

  @Test
  void unknownTenantHasNoReferenceData() {
    assertThat(repo.find("t-1")).isEmpty();
  }

  @Test
  void storedDataIsFoundWithEveryFieldInOrder() {
    ReferenceData data = gb();

    repo.store("t-1", data);

    assertSameData(repo.find("t-1"), data);
    assertThat(repo.find("t-1").orElseThrow().taxRate("GB_STANDARD").orElseThrow().percentage())
        .isEqualByComparingTo("20");
  }

  @Test
  void nullCountryAndEmptyListsRoundTrip() {
    ReferenceData data = minimal();

    repo.store("t-1", data);

    assertSameData(repo.find("t-1"), data);
    assertThat(repo.find("t-1").orElseThrow().businessCountry()).isNull();
  }

  @Test
  void secondStoreReplacesTheFirstEntirely() {
    repo.store("t-1", gb());
    clock.advance(Duration.ofDays(1));
    ReferenceData next = minimal();

    repo.store("t-1", next);

    assertSameData(repo.find("t-1"), next);
    assertThat(repo.find("t-1").orElseThrow().fetchedAt()).isEqualTo(clock.instant());
  }

  @Test
  void tenantsAreKeptApart() {
    ReferenceData first = gb();
    ReferenceData second = minimal();

    repo.store("t-1", first);
    repo.store("t-2", second);

    assertSameData(repo.find("t-1"), first);
    assertSameData(repo.find("t-2"), second);
  }

  @Test
  void storingNothingIsRefused() {
    assertThatThrownBy(() -> repo.store("t-1", null)).isInstanceOf(NullPointerException.class);
    assertThat(repo.find("t-1")).isEmpty();
  }
}
