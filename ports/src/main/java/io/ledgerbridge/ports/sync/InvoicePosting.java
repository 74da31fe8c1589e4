package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Posts a translated invoice once: the cross-reference is read again under the business lease (a
 * run of another event of the same invoice may have posted it meanwhile), the contact resolved, the
 * invoice posted with an idempotency id derived from the run and remembered. Used by {@code
 * invoice.created}, and by {@code invoice.paid} when only paid invoices are synced.
 */
final class InvoicePosting {
  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final ContactResolver contacts;
  private final Clock clock;

  InvoicePosting(
      AccountingGateway sage, EntityXrefRepository xrefs, ContactResolver contacts, Clock clock) {
    this.sage = sage;
    this.xrefs = xrefs;
    this.contacts = contacts;
    this.clock = clock;
  }

  /**
   * The Sage invoice of the store invoice {@code storeInvoiceKey}, posting it from {@code t} when
   * it is not in Sage yet. {@code sent} receives the request body just before it is sent.
   */
  SageRef post(
      SyncContext ctx,
      String storeInvoiceKey,
      InvoiceTranslation.Translated t,
      Consumer<String> sent) {
    Optional<EntityXref> existing = find(ctx.tenantId(), storeInvoiceKey);
    if (existing.isPresent()) {
      // Second line of defence: this store invoice already has a Sage invoice.
      return new SageRef(existing.get().sageId(), existing.get().sageReference());
    }
    String contactId = contacts.resolve(ctx, t.contactKey(), t.contact());
    SageInvoiceDraft draft = t.invoice().withContactId(contactId);
    String idem = IdempotencyIds.forRun("sales_invoice", ctx.run().id());
    sent.accept(sage.renderSalesInvoice(draft, idem));
    ctx.gate().beforeSageCall();
    SageRef ref = sage.createSalesInvoice(ctx.sage(), draft, idem);
    xrefs.record(
        new EntityXref(
            ctx.tenantId(),
            InvoiceSyncPlanner.INVOICE_ENTITY,
            storeInvoiceKey,
            InvoiceSyncPlanner.SALES_INVOICE_KIND,
            ref.id(),
            ref.displayedAs(),
            clock.instant()));
    return ref;
  }

  /** The Sage invoice of a store invoice, if it is in Sage. */
  Optional<EntityXref> find(String tenantId, String storeInvoiceKey) {
    return xrefs.find(
        tenantId,
        InvoiceSyncPlanner.INVOICE_ENTITY,
        storeInvoiceKey,
        InvoiceSyncPlanner.SALES_INVOICE_KIND);
  }
}
