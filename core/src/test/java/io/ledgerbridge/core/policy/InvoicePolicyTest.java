package io.ledgerbridge.core.policy;

import static io.ledgerbridge.core.testing.Fixtures.gbPolicy;
import static io.ledgerbridge.core.testing.Fixtures.invoice;
import static io.ledgerbridge.core.testing.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.testing.Fixtures.InvoiceBuilder;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InvoicePolicyTest {

  private static InvoiceBuilder paidInvoice() {
    return invoice()
        .state(InvoiceState.PAID)
        .line(line("SKU1", "Widget", "1", "10", "10", "2", "0", "0.2", "simple"));
  }

  private static SyncPolicy policy(
      boolean unpaid, boolean zero, Instant since, Set<Integer> websites, Set<Integer> stores) {
    SyncPolicy p = gbPolicy();
    return SyncPolicy.of(
        unpaid,
        zero,
        since,
        websites,
        stores,
        p.defaultTaxRateId(),
        p.defaultLedgerAccountId(),
        p.taxRateMap(),
        p.zeroTaxRateId(),
        p.invoiceNumberPrefix(),
        p.customerNamePriority(),
        p.defaultEuGoodsServicesType());
  }

  private static SkipReason reasonOf(PolicyDecision decision) {
    assertThat(decision).isInstanceOf(PolicyDecision.Skip.class);
    return ((PolicyDecision.Skip) decision).reason();
  }

  @Test
  void proceedsWithDefaultPolicy() {
    assertThat(InvoicePolicy.evaluate(gbPolicy(), paidInvoice().build()))
        .isInstanceOf(PolicyDecision.Proceed.class);
  }

  @Test
  void evaluatesRulesInDocumentedOrder() {
    assertThat(InvoicePolicy.RULES)
        .containsExactly(
            InvoiceRule.NOT_CANCELLED,
            InvoiceRule.WEBSITE_IN_FILTER,
            InvoiceRule.STORE_IN_FILTER,
            InvoiceRule.CREATED_SINCE,
            InvoiceRule.PAID_WHEN_REQUIRED,
            InvoiceRule.NON_ZERO_WHEN_REQUIRED);
  }

  @Test
  void reportsTheFirstFailingRuleWhenSeveralApply() {
    InvoiceBuilder b = paidInvoice().state(InvoiceState.CANCELLED).grandTotal("0");
    b.websiteId = 9;
    SyncPolicy strict = policy(false, false, null, Set.of(1), Set.of());
    assertThat(reasonOf(InvoicePolicy.evaluate(strict, b.build())))
        .isEqualTo(SkipReason.INVOICE_CANCELLED);
  }

  @Test
  void reportsWebsiteBeforeUnpaid() {
    InvoiceBuilder b = paidInvoice().state(InvoiceState.OPEN);
    b.websiteId = 9;
    assertThat(
            reasonOf(
                InvoicePolicy.evaluate(policy(false, true, null, Set.of(1), Set.of()), b.build())))
        .isEqualTo(SkipReason.WEBSITE_FILTERED);
  }

  @Nested
  class NotCancelled {
    @Test
    void skipsCancelledInvoice() {
      PolicyDecision decision =
          InvoicePolicy.evaluate(gbPolicy(), paidInvoice().state(InvoiceState.CANCELLED).build());
      assertThat(reasonOf(decision)).isEqualTo(SkipReason.INVOICE_CANCELLED);
      assertThat(((PolicyDecision.Skip) decision).explanation()).contains("000000042");
    }

    @Test
    void letsOpenAndPaidInvoicesThrough() {
      assertThat(InvoiceRule.NOT_CANCELLED.check(gbPolicy(), paidInvoice().build())).isEmpty();
      assertThat(
              InvoiceRule.NOT_CANCELLED.check(
                  gbPolicy(), paidInvoice().state(InvoiceState.OPEN).build()))
          .isEmpty();
    }
  }

  @Nested
  class WebsiteInFilter {
    @Test
    void emptyFilterMeansAllWebsites() {
      InvoiceBuilder b = paidInvoice();
      b.websiteId = 77;
      assertThat(InvoiceRule.WEBSITE_IN_FILTER.check(gbPolicy(), b.build())).isEmpty();
    }

    @Test
    void skipsWebsiteOutsideFilter() {
      InvoiceBuilder b = paidInvoice();
      b.websiteId = 3;
      PolicyDecision decision =
          InvoicePolicy.evaluate(policy(true, true, null, Set.of(1, 2), Set.of()), b.build());
      assertThat(reasonOf(decision)).isEqualTo(SkipReason.WEBSITE_FILTERED);
      assertThat(((PolicyDecision.Skip) decision).explanation()).contains("website 3", "[1, 2]");
    }

    @Test
    void letsWebsiteInFilterThrough() {
      InvoiceBuilder b = paidInvoice();
      b.websiteId = 2;
      assertThat(
              InvoiceRule.WEBSITE_IN_FILTER.check(
                  policy(true, true, null, Set.of(1, 2), Set.of()), b.build()))
          .isEmpty();
    }
  }

  @Nested
  class StoreInFilter {
    @Test
    void skipsStoreOutsideFilter() {
      InvoiceBuilder b = paidInvoice();
      b.storeId = 5;
      assertThat(
              reasonOf(
                  InvoicePolicy.evaluate(policy(true, true, null, Set.of(), Set.of(1)), b.build())))
          .isEqualTo(SkipReason.STORE_FILTERED);
    }

    @Test
    void letsStoreInFilterAndEmptyFilterThrough() {
      InvoiceBuilder b = paidInvoice();
      b.storeId = 1;
      assertThat(
              InvoiceRule.STORE_IN_FILTER.check(
                  policy(true, true, null, Set.of(), Set.of(1)), b.build()))
          .isEmpty();
      b.storeId = 99;
      assertThat(InvoiceRule.STORE_IN_FILTER.check(gbPolicy(), b.build())).isEmpty();
    }
  }

  @Nested
  class CreatedSince {
    private final Instant since = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void skipsInvoiceCreatedBeforeSyncSince() {
      InvoiceBuilder b = paidInvoice();
      b.createdAt = Instant.parse("2026-03-31T23:59:59Z");
      assertThat(
              reasonOf(
                  InvoicePolicy.evaluate(policy(true, true, since, Set.of(), Set.of()), b.build())))
          .isEqualTo(SkipReason.OUTSIDE_SYNC_SINCE);
    }

    @Test
    void letsInvoiceCreatedExactlyAtSyncSinceThrough() {
      InvoiceBuilder b = paidInvoice();
      b.createdAt = since;
      assertThat(
              InvoiceRule.CREATED_SINCE.check(
                  policy(true, true, since, Set.of(), Set.of()), b.build()))
          .isEmpty();
    }

    @Test
    void letsInvoiceWithoutCreatedAtThrough() {
      InvoiceBuilder b = paidInvoice();
      b.createdAt = null;
      assertThat(
              InvoiceRule.CREATED_SINCE.check(
                  policy(true, true, since, Set.of(), Set.of()), b.build()))
          .isEmpty();
    }

    @Test
    void noSyncSinceMeansNoLimit() {
      InvoiceBuilder b = paidInvoice();
      b.createdAt = Instant.parse("2001-01-01T00:00:00Z");
      assertThat(InvoiceRule.CREATED_SINCE.check(gbPolicy(), b.build())).isEmpty();
    }
  }

  @Nested
  class PaidWhenRequired {
    @Test
    void skipsOpenInvoiceWhenOnlyPaidAreSynced() {
      PolicyDecision decision =
          InvoicePolicy.evaluate(
              policy(false, true, null, Set.of(), Set.of()),
              paidInvoice().state(InvoiceState.OPEN).build());
      assertThat(reasonOf(decision)).isEqualTo(SkipReason.INVOICE_NOT_PAID);
      assertThat(((PolicyDecision.Skip) decision).explanation()).contains("open");
    }

    @Test
    void letsPaidInvoiceThroughWhenOnlyPaidAreSynced() {
      assertThat(
              InvoiceRule.PAID_WHEN_REQUIRED.check(
                  policy(false, true, null, Set.of(), Set.of()), paidInvoice().build()))
          .isEmpty();
    }

    @Test
    void letsOpenInvoiceThroughByDefault() {
      assertThat(
              InvoiceRule.PAID_WHEN_REQUIRED.check(
                  gbPolicy(), paidInvoice().state(InvoiceState.OPEN).build()))
          .isEmpty();
    }
  }

  @Nested
  class NonZeroWhenRequired {
    private final SyncPolicy noZero = policy(true, false, null, Set.of(), Set.of());

    @Test
    void skipsZeroGrandTotalWhenZeroValueInvoicesAreOff() {
      assertThat(reasonOf(InvoicePolicy.evaluate(noZero, paidInvoice().grandTotal("0").build())))
          .isEqualTo(SkipReason.ZERO_VALUE_INVOICE);
    }

    @Test
    void treatsSubPennyNoiseAsZero() {
      CanonicalInvoice inv = paidInvoice().grandTotal("0.0040000000001").build();
      assertThat(reasonOf(InvoicePolicy.evaluate(noZero, inv)))
          .isEqualTo(SkipReason.ZERO_VALUE_INVOICE);
    }

    @Test
    void letsOnePennyThrough() {
      assertThat(
              InvoiceRule.NON_ZERO_WHEN_REQUIRED.check(
                  noZero, paidInvoice().grandTotal("0.005").build()))
          .isEmpty();
    }

    @Test
    void letsZeroValueThroughByDefault() {
      assertThat(
              InvoiceRule.NON_ZERO_WHEN_REQUIRED.check(
                  gbPolicy(), paidInvoice().grandTotal("0").build()))
          .isEmpty();
    }
  }

  @Test
  void skipExplanationNamesTheAmount() {
    PolicyDecision decision =
        InvoicePolicy.evaluate(
            policy(true, false, null, Set.of(), Set.of()), paidInvoice().grandTotal("0").build());
    assertThat(((PolicyDecision.Skip) decision).explanation()).contains("0.00");
    assertThat(((PolicyDecision.Skip) decision).reason().code()).isEqualTo("zero_value_invoice");
  }
}
