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
 * Posts a planned invoice once: unless the plan found it in Sage already, the contact is resolved,
 * the invoice posted with an idempotency id derived from the run and remembered. Used by {@code
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
   * The Sage invoice of the store invoice {@code storeInvoiceKey}, posting it from {@code plan}'s
   * translation when it is not in Sage yet. The plan's look-ups (the invoice's and the contact's
   * cross-references) were made under this run's business lease, which no other run of the business
   * can hold meanwhile, so they are used as they are instead of being read again. {@code sent}
   * receives the request body just before it is sent.
   */
  SageRef post(
      SyncContext ctx,
      String storeInvoiceKey,
      InvoiceSyncPlanner.Post plan,
      Consumer<String> sent) {
    Optional<EntityXref> existing = plan.existingInvoice();
    if (existing.isPresent()) {
      // Second line of defence: this store invoice already has a Sage invoice.
      return new SageRef(existing.get().sageId(), existing.get().sageReference());
    }
    InvoiceTranslation.Translated t = plan.translation();
    String contactId = contacts.resolve(ctx, t.contactKey(), t.contact(), plan.contactXref());
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
}
