package io.ledgerbridge.bench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.StoreContact;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The demo's money: paid invoices and credit memos, each checked where an accountant would look, in
 * the sandbox Sage (what is still outstanding on the invoice and on the credit note, the invoice's
 * status), not only the store's chip.
 */
public final class MoneyScenarios {
  private MoneyScenarios() {}

  /** What one scenario left in Sage, and whether it is what the scenario expects. */
  public record Outcome(String label, boolean ok, String sage) {}

  private static StoreInvoice.Builder waterBottles(String currency) {
    return StoreInvoice.builder()
        .currency(currency)
        .customer(
            StoreContact.registered(21, "lena.hart@example.com", "Lena", "Hart")
                .withDefaultAddresses(SampleInvoices.LONDON, SampleInvoices.LONDON))
        .billingAddress(SampleInvoices.LONDON)
        .shippingAddress(SampleInvoices.LONDON)
        .line("WB-01", "Water Bottle", "2", "10.00", "4.00")
        .shipping("5.00", "1.00");
  }

  /** Raises every scenario and waits for each to settle (at most {@code timeout} each). */
  public static List<Outcome> run(SandboxStore store, SandboxSage sage, Duration timeout)
      throws InterruptedException {
    Checks c = new Checks(store, sage, timeout);
    List<Outcome> out = new ArrayList<>();

    long mapped = store.raiseInvoice(waterBottles("GBP").paymentMethod("checkmo").paid().build());
    out.add(c.invoicePaidInFull("invoice paid by a mapped method (checkmo)", mapped));

    long unmapped =
        store.raiseInvoice(waterBottles("GBP").paymentMethod("stripe_payments").paid().build());
    out.add(c.invoiceLeftUnpaid("invoice paid by an unmapped method (stripe_payments)", unmapped));

    long euro =
        store.raiseInvoice(
            StoreInvoice.builder()
                .currency("EUR")
                .baseToOrderRate("1.1700")
                .customer(StoreContact.guest("max.mustermann@example.de", "Max", "Mustermann"))
                .billingAddress(SampleInvoices.BERLIN)
                .shippingAddress(SampleInvoices.BERLIN)
                .line("YM-02", "Yoga Mat", "1", "35.10", "0.00")
                .shipping("8.19", "0.00")
                .paymentMethod("checkmo")
                .paid()
                .build());
    out.add(c.invoicePaidInFull("EUR invoice paid", euro));

    long open = store.raiseInvoice(waterBottles("GBP").paymentMethod("checkmo").build());
    c.await(() -> c.synced("invoice", open));
    long partial =
        store.raiseCreditMemo(
            store
                .creditMemoFor(open)
                .refundLine("WB-01", "1")
                .comment("One bottle leaked")
                .build());
    out.add(c.partialCreditAllocated("partial credit memo on an unpaid invoice", open, partial));

    long paid = store.raiseInvoice(waterBottles("GBP").paymentMethod("checkmo").paid().build());
    c.await(() -> c.outstanding(c.sageInvoiceOf(paid)).signum() == 0);
    long refund = store.refundInvoice(paid);
    out.add(c.fullRefundPaidBack("full refund of a paid invoice", paid, refund));

    store.failNextDeliveries("invoice.created", 1);
    long early = store.raiseInvoice(waterBottles("GBP").paymentMethod("checkmo").paid().build());
    out.add(c.invoicePaidInFull("invoice.paid delivered before its invoice.created", early));
    return out;
  }

  public static void printSummary(List<Outcome> outcomes, PrintStream out) {
    String fmt = "%-52s %-4s %s%n";
    out.println();
    out.printf(fmt, "PAYMENTS AND REFUNDS", "OK", "SAGE NOW");
    for (Outcome o : outcomes) {
      out.printf(fmt, o.label(), o.ok() ? "yes" : "NO", o.sage());
    }
    out.printf(
        "%nsummary: %d money scenarios, %d as expected%n",
        outcomes.size(), outcomes.stream().filter(Outcome::ok).count());
  }

  /** Looks at the sandboxes, waiting for each scenario to settle. */
  private static final class Checks {
    private final SandboxStore store;
    private final SandboxSage sage;
    private final Duration timeout;

    Checks(SandboxStore store, SandboxSage sage, Duration timeout) {
      this.store = store;
      this.sage = sage;
      this.timeout = timeout;
    }

    void await(BooleanSupplier condition) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          if (condition.getAsBoolean()) {
            return;
          }
        } catch (RuntimeException notYet) {
          // a document that is not in Sage yet
        }
        Thread.sleep(25);
      }
    }

    boolean synced(String type, long id) {
      return store.syncState(type, id).map(s -> "synced".equals(s.syncStatus())).orElse(false);
    }

    JsonNode sageInvoiceOf(long invoiceId) {
      String id =
          store.syncState("invoice", invoiceId).map(SyncState::providerEntityId).orElse(null);
      return id == null ? null : sage.salesInvoice(sage.defaultBusinessId(), id).orElse(null);
    }

    JsonNode sageCreditNoteOf(long memoId) {
      String id =
          store.syncState("creditmemo", memoId).map(SyncState::providerEntityId).orElse(null);
      return id == null ? null : sage.salesCreditNote(sage.defaultBusinessId(), id).orElse(null);
    }

    BigDecimal outstanding(JsonNode doc) {
      return new BigDecimal(doc.path("outstanding_amount").asText());
    }

    private static String describe(String what, JsonNode doc) {
      return doc == null
          ? what + " missing"
          : what
              + " "
              + doc.path("displayed_as").asText()
              + " "
              + doc.path("status").path("id").asText()
              + ", outstanding "
              + doc.path("outstanding_amount").asText()
              + " of "
              + doc.path("total_amount").asText();
    }

    Outcome invoicePaidInFull(String label, long invoiceId) throws InterruptedException {
      await(
          () ->
              synced("invoice", invoiceId) && outstanding(sageInvoiceOf(invoiceId)).signum() == 0);
      JsonNode inv = sageInvoiceOf(invoiceId);
      boolean ok =
          synced("invoice", invoiceId)
              && inv != null
              && outstanding(inv).signum() == 0
              && "PAID".equals(inv.path("status").path("id").asText());
      return new Outcome(label, ok, describe("invoice", inv));
    }

    Outcome invoiceLeftUnpaid(String label, long invoiceId) throws InterruptedException {
      await(
          () ->
              synced("invoice", invoiceId)
                  && store.outbox().stream()
                      .noneMatch(
                          r ->
                              r.idempotencyKey().equals("invoice.paid:" + invoiceId)
                                  && r.status()
                                      == io.ledgerbridge.sandbox.store.OutboxRow.Status.PENDING));
      Thread.sleep(300); // a wrongly posted receipt would have landed by now
      JsonNode inv = sageInvoiceOf(invoiceId);
      boolean ok =
          synced("invoice", invoiceId)
              && inv != null
              && outstanding(inv).compareTo(new BigDecimal(inv.path("total_amount").asText())) == 0;
      return new Outcome(label, ok, describe("invoice", inv) + " (payment_method_not_mapped)");
    }

    Outcome partialCreditAllocated(String label, long invoiceId, long memoId)
        throws InterruptedException {
      await(
          () ->
              synced("creditmemo", memoId) && outstanding(sageCreditNoteOf(memoId)).signum() == 0);
      JsonNode inv = sageInvoiceOf(invoiceId);
      JsonNode note = sageCreditNoteOf(memoId);
      boolean ok =
          note != null
              && inv != null
              && outstanding(note).signum() == 0
              && outstanding(inv)
                      .add(new BigDecimal(note.path("total_amount").asText()))
                      .compareTo(new BigDecimal(inv.path("total_amount").asText()))
                  == 0
              && "PART_PAID".equals(inv.path("status").path("id").asText());
      return new Outcome(
          label, ok, describe("credit note", note) + "; " + describe("invoice", inv));
    }

    Outcome fullRefundPaidBack(String label, long invoiceId, long memoId)
        throws InterruptedException {
      await(
          () ->
              synced("creditmemo", memoId) && outstanding(sageCreditNoteOf(memoId)).signum() == 0);
      JsonNode inv = sageInvoiceOf(invoiceId);
      JsonNode note = sageCreditNoteOf(memoId);
      Optional<JsonNode> refund =
          note == null
              ? Optional.empty()
              : sage.contactPayments(sage.defaultBusinessId()).stream()
                  .filter(
                      p -> "CUSTOMER_REFUND".equals(p.path("transaction_type").path("id").asText()))
                  .filter(
                      p ->
                          p.path("allocated_artefacts")
                              .toString()
                              .contains(note.path("id").asText()))
                  .findFirst();
      boolean ok =
          note != null
              && inv != null
              && outstanding(note).signum() == 0
              && outstanding(inv).signum() == 0
              && refund.isPresent();
      return new Outcome(
          label,
          ok,
          describe("credit note", note)
              + (refund.isPresent()
                  ? "; refunded " + refund.get().path("total_amount").asText()
                  : "; no refund"));
    }
  }
}
