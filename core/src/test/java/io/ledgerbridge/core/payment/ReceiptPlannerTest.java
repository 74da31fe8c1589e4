package io.ledgerbridge.core.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptPlannerTest {
  private static final SyncPolicy POLICY = SyncPolicy.defaults("L");

  private static CanonicalPayment payment(String currency, String amount, String txn) {
    return new CanonicalPayment(
        42,
        "000000042",
        "checkmo",
        currency,
        new BigDecimal(amount),
        Instant.parse("2026-04-29T23:59:59Z"),
        txn,
        List.of());
  }

  private static SageDocumentBalance invoice(String currency, String rate, String outstanding) {
    return new SageDocumentBalance(
        "SI",
        "SI-3",
        "C",
        currency,
        rate == null ? null : new BigDecimal(rate),
        new BigDecimal("120.00"),
        new BigDecimal(outstanding),
        "UNPAID");
  }

  @Test
  void allocatesWhatIsOutstandingAndPutsTheRestOnAccountWithAWarning() {
    ReceiptPlanner.Receipt r =
        (ReceiptPlanner.Receipt)
            ReceiptPlanner.plan(
                payment("GBP", "120", null), POLICY, "B", invoice("GBP", null, "100.00"), "GBP");

    assertThat(r.draft().totalAmount()).isEqualByComparingTo("120.00");
    assertThat(r.draft().allocations())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.amount()).isEqualByComparingTo("100.00");
            });
    assertThat(r.draft().onAccount()).isEqualByComparingTo("20.00");
    assertThat(r.warnings()).singleElement().asString().startsWith("payment_on_account: 20.00");
    assertThat(r.draft().date()).hasToString("2026-04-29");
    assertThat(r.draft().exchangeRate()).isNull();
  }

  @Test
  void aForeignPaymentTakesTheSageInvoicesRate() {
    ReceiptPlanner.Receipt r =
        (ReceiptPlanner.Receipt)
            ReceiptPlanner.plan(
                payment("EUR", "120", null),
                POLICY,
                "B",
                invoice("EUR", "1.1275", "120.00"),
                "GBP");
    assertThat(r.draft().exchangeRate()).isEqualByComparingTo("1.1275");
    assertThat(r.draft().currencyId()).isEqualTo("EUR");
  }

  @Test
  void theReferenceIsTheGatewayIdsLast25CharactersOrTheInvoiceNumber() {
    assertThat(
            ReceiptPlanner.reference(payment("GBP", "1", "abcdefghij0123456789ABCDEFGHIJ"), POLICY))
        .isEqualTo("fghij0123456789ABCDEFGHIJ")
        .hasSize(25);
    assertThat(ReceiptPlanner.reference(payment("GBP", "1", " "), POLICY)).isEqualTo("000000042");
  }

  @Test
  void refusesAMismatchedCurrencyANonPositiveAmountAndAMissingDate() {
    assertThat(
            ReceiptPlanner.plan(
                payment("EUR", "1", null), POLICY, "B", invoice("GBP", null, "1"), "GBP"))
        .isInstanceOf(ReceiptPlanner.Invalid.class);
    assertThat(
            ReceiptPlanner.plan(
                payment("GBP", "0", null), POLICY, "B", invoice("GBP", null, "1"), "GBP"))
        .isInstanceOf(ReceiptPlanner.Invalid.class);
    CanonicalPayment undated =
        new CanonicalPayment(
            42, "000000042", "checkmo", "GBP", BigDecimal.TEN, null, null, List.of());
    assertThat(ReceiptPlanner.plan(undated, POLICY, "B", invoice("GBP", null, "10"), "GBP"))
        .isInstanceOf(ReceiptPlanner.Invalid.class);
  }
}
