package io.ledgerbridge.core.creditnote;

import static io.ledgerbridge.core.testing.Fixtures.d;
import static io.ledgerbridge.core.testing.Fixtures.gbPolicy;
import static io.ledgerbridge.core.testing.Fixtures.line;
import static io.ledgerbridge.core.testing.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.core.invoice.SageItem;
import io.ledgerbridge.core.invoice.SageItems;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Credit-note lines name the Sage product, stock item or service of their SKU, as the invoice's
 * lines do; everything else is free text.
 */
class CreditNoteTranslatorItemsTest {
  private static final SageItems ITEMS =
      new SageItems(
          Map.of(
              "TEE-1", new SageItem(SageItem.Kind.PRODUCT, "prod-tee"),
              "SEAT-1", new SageItem(SageItem.Kind.STOCK_ITEM, "stock-seat"),
              "ENGRAVE", new SageItem(SageItem.Kind.SERVICE, "svc-engrave")));

  private static final List<CanonicalLine> LINES =
      List.of(
          line("TEE-1", "T-shirt", "1", "10", "10", "2", "0", "0.2", "simple"),
          line("SEAT-1", "Child seat", "1", "50", "50", "2.5", "0", "0.05", "simple"),
          line("ENGRAVE", "Engraving", "1", "15", "15", "3", "0", "0.2", "virtual"),
          line("WRAP-9", "Gift wrap", "1", "2.50", "2.50", "0.50", "0", "0.2", "simple"));

  private static CanonicalCreditMemo memo(
      List<CanonicalLine> lines, String adjustmentPositive, String shipping, String shippingTax) {
    BigDecimal total = d(adjustmentPositive).add(d(shipping)).add(d(shippingTax));
    for (CanonicalLine l : lines) {
      total = total.add(l.lineTotal());
    }
    return new CanonicalCreditMemo(
        9,
        "000000009",
        42L,
        "000000042",
        1,
        "GBP",
        registered(5, "Jane", "Doe", null),
        lines,
        d(adjustmentPositive),
        BigDecimal.ZERO,
        total,
        d(shipping),
        d(shippingTax),
        "damaged",
        Instant.parse("2026-05-02T09:00:00Z"),
        Instant.parse("2026-04-29T10:11:12Z"),
        BigDecimal.ONE);
  }

  private static SageCreditNoteDraft translated(CanonicalCreditMemo memo, SageItems items) {
    CreditNoteTranslation t =
        CreditNoteTranslator.translate(memo, gbPolicy(), "GB", "GBP", true, items);
    assertThat(t).isInstanceOf(CreditNoteTranslation.Translated.class);
    return ((CreditNoteTranslation.Translated) t).creditNote();
  }

  @Test
  void refundedLinesNameTheirProductStockItemOrServiceAndTheRestStayFreeText() {
    List<SageInvoiceLine> lines = translated(memo(LINES, "0", "0", "0"), ITEMS).lines();

    assertThat(lines)
        .extracting(SageInvoiceLine::productId)
        .containsExactly("prod-tee", "stock-seat", null, null);
    assertThat(lines)
        .extracting(SageInvoiceLine::serviceId)
        .containsExactly(null, null, "svc-engrave", null);
    assertThat(lines.get(3).description()).isEqualTo("Gift wrap");
    assertThat(lines.get(3).ledgerAccountId()).isEqualTo("LEDGER4000");
  }

  @Test
  void namingItemsChangesNothingElseOnTheCreditNote() {
    SageCreditNoteDraft free = translated(memo(LINES, "5", "5", "1"), SageItems.NONE);
    SageCreditNoteDraft named = translated(memo(LINES, "5", "5", "1"), ITEMS);

    assertThat(named.lines()).hasSameSizeAs(free.lines());
    for (int i = 0; i < free.lines().size(); i++) {
      SageInvoiceLine n = named.lines().get(i);
      assertThat(
              new SageInvoiceLine(
                  n.description(),
                  n.ledgerAccountId(),
                  n.quantity(),
                  n.unitPrice(),
                  n.discountAmount(),
                  n.taxRateId(),
                  n.taxAmount(),
                  n.euGoodsServicesTypeId()))
          .isEqualTo(free.lines().get(i));
    }
    assertThat(named.expectedTotal()).isEqualTo(free.expectedTotal());
    assertThat(named.shippingNetAmount()).isEqualTo(free.shippingNetAmount());
    assertThat(translated(memo(LINES, "0", "0", "0"), SageItems.NONE))
        .isEqualTo(
            ((CreditNoteTranslation.Translated)
                    CreditNoteTranslator.translate(
                        memo(LINES, "0", "0", "0"), gbPolicy(), "GB", "GBP", true))
                .creditNote());
  }

  @Test
  void adjustmentAndShippingRefundLinesNeverNameAnItem() {
    SageItems everything =
        new SageItems(
            Map.of(
                CreditNoteTranslator.ADJUSTMENT_REFUND,
                new SageItem(SageItem.Kind.PRODUCT, "p-adj"),
                CreditNoteTranslator.SHIPPING_REFUND,
                new SageItem(SageItem.Kind.SERVICE, "s-ship")));

    SageCreditNoteDraft adjustment = translated(memo(List.of(), "5", "0", "0"), everything);
    SageCreditNoteDraft shippingOnly = translated(memo(List.of(), "0", "5", "1"), everything);

    assertThat(adjustment.lines()).singleElement().satisfies(CreditNoteTranslatorItemsTest::free);
    assertThat(shippingOnly.lines())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.description()).isEqualTo(CreditNoteTranslator.SHIPPING_REFUND);
              free(l);
            });
  }

  @Test
  void aRowNotRefundedIsDroppedWhateverItsItem() {
    List<CanonicalLine> lines =
        List.of(
            line("TEE-1", "T-shirt", "0", "10", "0", "0", "0", "0.2", "simple"),
            line("ENGRAVE", "Engraving", "1", "15", "15", "3", "0", "0.2", "virtual"));

    assertThat(translated(memo(lines, "0", "0", "0"), ITEMS).lines())
        .singleElement()
        .satisfies(l -> assertThat(l.serviceId()).isEqualTo("svc-engrave"));
  }

  private static void free(SageInvoiceLine l) {
    assertThat(l.productId()).isNull();
    assertThat(l.serviceId()).isNull();
  }
}
