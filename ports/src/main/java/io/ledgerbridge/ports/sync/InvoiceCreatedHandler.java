package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.StoreGateway;
import java.time.Clock;

/**
 * {@code invoice.created} → a Sage sales invoice: fetch the canonical invoice, plan it ({@link
 * InvoiceSyncPlanner}: policy, translation, what the cross-references know), resolve the contact,
 * post the invoice with an idempotency id derived from the run, remember the cross-reference.
 */
public final class InvoiceCreatedHandler implements SyncEventHandler {
  private final StoreGateway store;
  private final InvoiceSyncPlanner planner;
  private final InvoicePosting posting;

  public InvoiceCreatedHandler(
      StoreGateway store,
      AccountingGateway sage,
      EntityXrefRepository xrefs,
      ContactResolver contacts,
      Clock clock) {
    this.store = store;
    this.planner = new InvoiceSyncPlanner(xrefs);
    this.posting = new InvoicePosting(sage, xrefs, contacts, clock);
  }

  @Override
  public EventType event() {
    return EventType.INVOICE_CREATED;
  }

  @Override
  public SyncOutcome handle(SyncContext ctx) {
    String[] sent = new String[1];
    try {
      CanonicalInvoice invoice = store.fetchInvoice(ctx.store(), ctx.run().storeEntityId());
      InvoiceSyncPlanner.Plan plan = planner.plan(ctx.binding(), ctx.policy(), invoice);
      if (plan instanceof InvoiceSyncPlanner.Skip s) {
        return new SyncOutcome.Skipped(s.reason(), s.explanation());
      }
      if (plan instanceof InvoiceSyncPlanner.Invalid invalid) {
        return new SyncOutcome.Invalid(invalid.message());
      }
      SageRef ref =
          posting.post(
              ctx, ctx.storeEntityKey(), (InvoiceSyncPlanner.Post) plan, body -> sent[0] = body);
      return SyncOutcome.Posted.created(ref, sent[0]);
    } catch (GatewayException e) {
      return new SyncOutcome.Failed(Failure.of(e), sent[0]);
    }
  }
}
