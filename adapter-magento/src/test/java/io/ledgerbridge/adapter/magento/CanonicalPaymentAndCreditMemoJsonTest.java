package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** WIRE §3.5 and §3.6 as the module's serializer writes them, onto the domain records. */
class CanonicalPaymentAndCreditMemoJsonTest {

  /** A PHP json_encode body: integer literal amount, escaped slashes, nested array as a string. */
  static final String PAYMENT =
      "{\"magento_id\":42,\"invoice_id\":42,\"invoice_increment_id\":\"000000042\","
          + "\"method\":\"stripe_payments\",\"currency\":\"EUR\",\"amount\":120,"
          + "\"captured_at\":\"2026-04-29T10:11:12Z\",\"gateway_txn_id\":\"pi_3Abc\\/ch_1\","
          + "\"gateway_metadata\":[\"Card \\/ Stripe\",true,2,27.5,null,"
          + "\"{\\\"brand\\\":\\\"visa\\\"}\"]}";

  static final String OFFLINE_MEMO =
      "{\"magento_id\":9,\"increment_id\":\"000000009\",\"website_id\":1,\"currency\":\"GBP\","
          + "\"customer\":{\"magento_id\":0,\"email\":\"ola@example.no\",\"first_name\":\"Ola\","
          + "\"website_id\":0,\"addresses\":[],\"created_at\":\"2026-04-29T10:11:12Z\","
          + "\"updated_at\":\"2026-04-29T10:11:12Z\"},"
          + "\"lines\":[{\"sku\":\"GC\",\"name\":\"Gift card\",\"qty\":1,\"unit_price\":20,"
          + "\"line_subtotal\":20,\"line_tax\":0,\"line_total\":20,\"product_type\":\"virtual\"}],"
          + "\"adjustment_positive\":0,\"adjustment_negative\":1.5,\"grand_total\":18.5,"
          + "\"shipping_amount\":0,\"shipping_tax_amount\":0,\"created_at\":\"2026-05-02T09:00:00Z\"}";

  @Test
  void mapsAPaymentKeepingEveryMetadataValueAsText() {
    CanonicalPayment p = CanonicalJson.payment(PAYMENT);

    assertThat(p.invoiceId()).isEqualTo(42);
    assertThat(p.invoiceIncrementId()).isEqualTo("000000042");
    assertThat(p.method()).isEqualTo("stripe_payments");
    assertThat(p.currency()).isEqualTo("EUR");
    assertThat(p.amount()).isEqualByComparingTo("120");
    assertThat(p.capturedAt()).isEqualTo(Instant.parse("2026-04-29T10:11:12Z"));
    assertThat(p.gatewayTxnId()).isEqualTo("pi_3Abc/ch_1");
    assertThat(p.gatewayMetadata())
        .containsExactly("Card / Stripe", "true", "2", "27.5", "null", "{\"brand\":\"visa\"}");
  }

  @Test
  void aPaymentWithoutTransactionIdAndAnEmptyMethodIsStillAPayment() {
    CanonicalPayment p =
        CanonicalJson.payment(
            PAYMENT
                .replace("\"stripe_payments\"", "\"\"")
                .replace(",\"gateway_txn_id\":\"pi_3Abc\\/ch_1\"", ""));
    assertThat(p.method()).isEmpty();
    assertThat(p.gatewayTxnId()).isNull();
  }

  @Test
  void mapsAnOfflineRefundWithoutInvoiceKeys() {
    CanonicalCreditMemo m = CanonicalJson.creditMemo(OFFLINE_MEMO);

    assertThat(m.hasInvoice()).isFalse();
    assertThat(m.invoiceId()).isNull();
    assertThat(m.invoiceIncrementId()).isNull();
    assertThat(m.invoiceCreatedAt()).isNull();
    assertThat(m.reason()).isNull();
    assertThat(m.baseToOrderRate()).isNull();
    assertThat(m.adjustmentNegative()).isEqualByComparingTo("1.5");
    assertThat(m.grandTotal()).isEqualByComparingTo("18.5");
    assertThat(m.customer().isGuest()).isTrue();
    assertThat(m.lines())
        .singleElement()
        .satisfies(l -> assertThat(l.productType()).isEqualTo("virtual"));
  }

  @Test
  void mapsAMemoOfAnInvoiceWithReasonAndDates() {
    String withInvoice =
        OFFLINE_MEMO
            .replace(
                "\"increment_id\":\"000000009\",",
                "\"increment_id\":\"000000009\",\"invoice_id\":42,\"invoice_increment_id\":\"000000042\",")
            .replace(
                "\"created_at\":\"2026-05-02T09:00:00Z\"}",
                "\"reason\":\"Damaged\",\"created_at\":\"2026-05-02T09:00:00Z\","
                    + "\"invoice_created_at\":\"2026-04-29T10:11:12Z\",\"base_to_order_rate\":1}");
    CanonicalCreditMemo m = CanonicalJson.creditMemo(withInvoice);

    assertThat(m.invoiceId()).isEqualTo(42L);
    assertThat(m.invoiceIncrementId()).isEqualTo("000000042");
    assertThat(m.reason()).isEqualTo("Damaged");
    assertThat(m.invoiceCreatedAt()).isEqualTo(Instant.parse("2026-04-29T10:11:12Z"));
    assertThat(m.baseToOrderRate()).isEqualByComparingTo("1");
  }

  @Test
  void refusesDocumentsThatAreNotCanonical() {
    assertThatThrownBy(() -> CanonicalJson.payment(PAYMENT.replace("\"amount\":120,", "")))
        .isInstanceOf(CanonicalJson.CanonicalJsonException.class)
        .hasMessageContaining("amount is missing");
    assertThatThrownBy(
            () ->
                CanonicalJson.creditMemo(
                    OFFLINE_MEMO.replace("\"magento_id\":9", "\"magento_id\":0")))
        .isInstanceOf(CanonicalJson.CanonicalJsonException.class)
        .hasMessageContaining("domain validation");
    assertThatThrownBy(
            () ->
                CanonicalJson.creditMemo(
                    OFFLINE_MEMO.replace(
                        "\"adjustment_negative\":1.5", "\"adjustment_negative\":\"x\"")))
        .isInstanceOf(CanonicalJson.CanonicalJsonException.class)
        .hasMessageContaining("adjustment_negative must be a number");
  }
}
