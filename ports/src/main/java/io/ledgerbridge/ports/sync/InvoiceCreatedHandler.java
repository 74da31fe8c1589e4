package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.StoreGateway;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code invoice.created} → a Sage sales invoice: fetch the canonical invoice, plan it ({@link
 * InvoiceSyncPlanner}: policy, translation, what the cross-references know), resolve the contact,
 * post the invoice with an idempotency id derived from the run, remember the cross-reference.
 */
public final class InvoiceCreatedHandler implements SyncEventHandler {
  private final StoreGateway store;
  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final ContactResolver contacts;
  private final InvoiceSyncPlanner planner;
  private final Clock clock;

  public InvoiceCreatedHandler(
      StoreGateway store,
      AccountingGateway sage,
      EntityXrefRepository xrefs,
      ContactResolver contacts,
      Clock clock) {
    this.store = store;
    this.sage = sage;
    this.xrefs = xrefs;
    this.contacts = contacts;
    this.planner = new InvoiceSyncPlanner(xrefs);
    this.clock = clock;
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
      InvoiceTranslation.Translated t = ((InvoiceSyncPlanner.Post) plan).translation();
      return SyncOutcome.Posted.created(post(ctx, t, sent), sent[0]);
    } catch (GatewayException e) {
      return new SyncOutcome.Failed(Failure.of(e), sent[0]);
    }
  }

  /** Posts the invoice unless the cross-reference says it already is in Sage. */
  private SageRef post(SyncContext ctx, InvoiceTranslation.Translated t, String[] sent) {
    // Re-read under the business lease: another worker may have posted this invoice meanwhile.
    Optional<EntityXref> existing =
        xrefs.find(
            ctx.tenantId(),
            InvoiceSyncPlanner.INVOICE_ENTITY,
            ctx.storeEntityKey(),
            InvoiceSyncPlanner.SALES_INVOICE_KIND);
    if (existing.isPresent()) {
      // Second line of defence: this store invoice already has a Sage invoice.
      return new SageRef(existing.get().sageId(), existing.get().sageReference());
    }
    String contactId = contacts.resolve(ctx, t.contactKey(), t.contact());
    SageInvoiceDraft draft = t.invoice().withContactId(contactId);
    String idem = IdempotencyIds.forRun("sales_invoice", ctx.run().id());
    sent[0] = sage.renderSalesInvoice(draft, idem);
    ctx.gate().beforeSageCall();
    SageRef ref = sage.createSalesInvoice(ctx.sage(), draft, idem);
    xrefs.record(
        new EntityXref(
            ctx.tenantId(),
            InvoiceSyncPlanner.INVOICE_ENTITY,
            ctx.storeEntityKey(),
            InvoiceSyncPlanner.SALES_INVOICE_KIND,
            ref.id(),
            ref.displayedAs(),
            clock.instant()));
    return ref;
  }
}
