package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.payment.ReceiptPlanner;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.StoreGateway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code invoice.paid} → a Sage customer receipt allocated to the invoice: fetch the store's
 * payment (WIRE §3.6), plan it ({@link PaymentSyncPlanner}), post the invoice first when the plan
 * says so, read the Sage invoice's outstanding amount, post the receipt ({@link ReceiptPlanner})
 * with an idempotency id derived from the run, remember it. The store is told about the invoice:
 * the run carries the Sage invoice's id and reference, the receipt is in the attempt's detail.
 */
public final class InvoicePaidHandler implements SyncEventHandler {
  private final StoreGateway store;
  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final PaymentSyncPlanner planner;
  private final InvoicePosting posting;
  private final Clock clock;

  public InvoicePaidHandler(
      StoreGateway store,
      AccountingGateway sage,
      EntityXrefRepository xrefs,
      ContactResolver contacts,
      Clock clock) {
    this.store = store;
    this.sage = sage;
    this.xrefs = xrefs;
    this.planner = new PaymentSyncPlanner(xrefs);
    this.posting = new InvoicePosting(sage, xrefs, contacts, clock);
    this.clock = clock;
  }

  @Override
  public EventType event() {
    return EventType.INVOICE_PAID;
  }

  @Override
  public SyncOutcome handle(SyncContext ctx) {
    List<String> sent = new ArrayList<>();
    try {
      long invoiceId = ctx.run().storeEntityId();
      CanonicalPayment payment = store.fetchPayment(ctx.store(), invoiceId);
      PaymentSyncPlanner.Plan plan =
          planner.plan(
              ctx.binding(),
              ctx.policy(),
              payment,
              () -> store.fetchInvoice(ctx.store(), invoiceId));
      if (plan instanceof PaymentSyncPlanner.Skip s) {
        return new SyncOutcome.Skipped(s.reason(), s.explanation());
      }
      if (plan instanceof PaymentSyncPlanner.Invalid i) {
        return new SyncOutcome.Invalid(i.message());
      }
      if (plan instanceof PaymentSyncPlanner.Wait w) {
        return new SyncOutcome.Waiting(w.reason());
      }
      if (plan instanceof PaymentSyncPlanner.Done d) {
        return new SyncOutcome.Posted(
            d.invoice().sageId(),
            d.invoice().sageReference(),
            "already received as Sage payment " + d.receipt().sageId(),
            null);
      }
      PaymentSyncPlanner.Receive r = (PaymentSyncPlanner.Receive) plan;
      SageRef invoice =
          r.invoice()
              .map(x -> new SageRef(x.sageId(), x.sageReference()))
              .orElseGet(
                  () ->
                      posting.post(
                          ctx,
                          ctx.storeEntityKey(),
                          r.postInvoiceFirst().orElseThrow(),
                          sent::add));
      if (r.bankAccountId() == null) {
        return posted(
            invoice,
            "posted "
                + invoice.displayedAs()
                + " (only paid invoices are synced); no receipt: "
                + r.leaveUnpaid().explanation(),
            sent);
      }
      ctx.gate().beforeSageCall();
      SageDocumentBalance balance = sage.salesInvoice(ctx.sage(), invoice.id());
      ReceiptPlanner.Plan receipt =
          ReceiptPlanner.plan(
              payment, ctx.policy(), r.bankAccountId(), balance, ctx.binding().baseCurrency());
      if (receipt instanceof ReceiptPlanner.Invalid i) {
        return new SyncOutcome.Invalid(i.message());
      }
      ReceiptPlanner.Receipt planned = (ReceiptPlanner.Receipt) receipt;
      SageRef paid = receive(ctx, planned.draft(), sent);
      StringBuilder detail =
          new StringBuilder("received ")
              .append(planned.draft().totalAmount().toPlainString())
              .append(' ')
              .append(planned.draft().currencyId())
              .append(" as Sage payment ")
              .append(paid.id())
              .append(" against ")
              .append(invoice.displayedAs());
      planned.warnings().forEach(w -> detail.append("; ").append(w));
      return posted(invoice, detail.toString(), sent);
    } catch (GatewayException e) {
      return new SyncOutcome.Failed(
          Failure.of(e), sent.isEmpty() ? null : String.join("\n\n", sent));
    }
  }

  private SageRef receive(SyncContext ctx, SageContactPaymentDraft draft, List<String> sent) {
    String idem = IdempotencyIds.forRun("contact_payment", ctx.run().id());
    sent.add(sage.renderContactPayment(draft, idem));
    ctx.gate().beforeSageCall();
    SageRef paid = sage.createContactPayment(ctx.sage(), draft, idem);
    xrefs.record(
        new EntityXref(
            ctx.tenantId(),
            InvoiceSyncPlanner.INVOICE_ENTITY,
            ctx.storeEntityKey(),
            PaymentSyncPlanner.RECEIPT_KIND,
            paid.id(),
            paid.displayedAs(),
            clock.instant()));
    return paid;
  }

  private static SyncOutcome posted(SageRef invoice, String detail, List<String> sent) {
    return new SyncOutcome.Posted(
        invoice.id(),
        invoice.displayedAs(),
        detail,
        sent.isEmpty() ? null : String.join("\n\n", sent));
  }
}
