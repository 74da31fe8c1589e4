package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.ContactKeying;
import io.ledgerbridge.core.creditnote.CreditMemoPolicy;
import io.ledgerbridge.core.creditnote.CreditNoteTranslation;
import io.ledgerbridge.core.creditnote.CreditNoteTranslator;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.policy.PaymentRoute;
import io.ledgerbridge.core.policy.PaymentRouting;
import io.ledgerbridge.core.policy.PolicyDecision;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what a {@code creditmemo.created} event becomes, for the worker and the preview alike:
 *
 * <ol>
 *   <li>the memo's own policy ({@link CreditMemoPolicy}) may skip it;
 *   <li>a memo of an invoice that is not in Sage: skipped for the invoice's reason when the policy
 *       skips the invoice, else it waits for the invoice (the credit note must go on the invoice's
 *       contact, SAGE §2.5);
 *   <li>a memo of an invoice the store has paid whose receipt is not in Sage yet (its {@code
 *       invoice.paid} is still on its way) waits for the receipt, so the credit is refunded from
 *       where the money went rather than allocated against an invoice about to be paid;
 *   <li>otherwise the credit note ({@link CreditNoteTranslator}) with what the cross-references
 *       already know: the original invoice and its receipt, a credit note, allocation or refund
 *       posted by an earlier attempt, and the Sage item of each line's SKU ({@link SageItemXrefs}),
 *       as the invoice's lines name them. The store fires the event on every save of a memo; the
 *       cross-reference keeps it to one credit note per memo.
 * </ol>
 */
public final class CreditMemoSyncPlanner {
  static final String CREDITMEMO_ENTITY = "creditmemo";
  public static final String CREDIT_NOTE_KIND = "sales_credit_note";
  public static final String ALLOCATION_KIND = "contact_allocation";
  public static final String REFUND_KIND = "contact_refund";

  private final EntityXrefRepository xrefs;
  private final InvoiceSyncPlanner invoices;

  public CreditMemoSyncPlanner(EntityXrefRepository xrefs) {
    this.xrefs = Objects.requireNonNull(xrefs, "xrefs");
    this.invoices = new InvoiceSyncPlanner(xrefs);
  }

  public sealed interface Plan permits Skip, Invalid, Wait, Post {}

  public record Skip(SkipReason reason, String explanation) implements Plan {}

  public record Invalid(String message) implements Plan {}

  public record Wait(String reason) implements Plan {}

  /**
   * Post (or finish posting) the credit note.
   *
   * @param invoice the original Sage invoice; empty for an offline refund
   * @param receipt the invoice's customer receipt, when the chassis posted one
   * @param creditNote the credit note, when an earlier attempt posted it
   * @param allocation the allocation, when an earlier attempt posted it
   * @param refund the refund, when an earlier attempt posted it
   * @param contactXref the routed contact's cross-reference (used without an invoice)
   */
  public record Post(
      CreditNoteTranslation.Translated translation,
      Optional<EntityXref> invoice,
      Optional<EntityXref> receipt,
      Optional<EntityXref> creditNote,
      Optional<EntityXref> allocation,
      Optional<EntityXref> refund,
      Optional<EntityXref> contactXref)
      implements Plan {}

  /**
   * @param invoice the memo's store invoice (empty when it is not known, e.g. in a preview without
   *     it); asked for only when the invoice is not in Sage, or is in Sage without a receipt
   */
  public Plan plan(
      Binding binding,
      SyncPolicy policy,
      CanonicalCreditMemo memo,
      Supplier<Optional<CanonicalInvoice>> invoice) {
    PolicyDecision decision = CreditMemoPolicy.evaluate(policy, memo);
    if (decision instanceof PolicyDecision.Skip s) {
      return new Skip(s.reason(), s.explanation());
    }
    String tenant = binding.tenantId();
    Optional<EntityXref> invoiceXref = Optional.empty();
    Optional<EntityXref> receipt = Optional.empty();
    if (memo.hasInvoice()) {
      String invoiceKey = Long.toString(memo.invoiceId());
      invoiceXref =
          xrefs.find(
              tenant,
              InvoiceSyncPlanner.INVOICE_ENTITY,
              invoiceKey,
              InvoiceSyncPlanner.SALES_INVOICE_KIND);
      if (invoiceXref.isEmpty()) {
        Optional<CanonicalInvoice> storeInvoice = invoice.get();
        if (storeInvoice.isEmpty()) {
          return new Wait(
              "invoice "
                  + memo.invoiceIncrementId()
                  + " is not in Sage yet: the credit note goes on the invoice's contact");
        }
        InvoiceSyncPlanner.Plan ip = invoices.plan(binding, policy, storeInvoice.get());
        if (ip instanceof InvoiceSyncPlanner.Skip s) {
          return new Skip(
              s.reason(),
              "its invoice " + memo.invoiceIncrementId() + " is not synced: " + s.explanation());
        }
        return new Wait(
            "invoice "
                + memo.invoiceIncrementId()
                + " is not in Sage yet: the credit note goes on the invoice's contact, waiting"
                + " for its invoice.created to sync"
                + (ip instanceof InvoiceSyncPlanner.Invalid i
                    ? " (it cannot be posted: " + i.message() + ")"
                    : ""));
      }
      receipt =
          xrefs.find(
              tenant,
              InvoiceSyncPlanner.INVOICE_ENTITY,
              invoiceKey,
              PaymentSyncPlanner.RECEIPT_KIND);
      Optional<EntityXref> creditNote =
          xrefs.find(tenant, CREDITMEMO_ENTITY, Long.toString(memo.magentoId()), CREDIT_NOTE_KIND);
      if (receipt.isEmpty() && creditNote.isEmpty()) {
        Optional<CanonicalInvoice> storeInvoice = invoice.get();
        if (storeInvoice.isPresent() && receiptToCome(policy, storeInvoice.get())) {
          // refund what was received rather than allocate against an invoice about to be paid
          return new Wait(
              "invoice "
                  + memo.invoiceIncrementId()
                  + " is paid in the store: waiting for its receipt, so that the credit is refunded"
                  + " rather than allocated");
        }
      }
    }
    String currency = memo.currency().trim();
    Optional<ContactKey> individual = Optional.empty();
    Optional<EntityXref> individualXref = Optional.empty();
    try {
      individual = Optional.of(ContactKeying.keyFor(memo.customer(), currency));
      individualXref = ContactResolver.find(xrefs, tenant, individual.get());
    } catch (IllegalArgumentException e) {
      // no individual key (a guest without email): not a repeat customer
    }
    CreditNoteTranslation translation =
        CreditNoteTranslator.translate(
            memo,
            policy,
            binding.businessCountry(),
            binding.baseCurrency(),
            individualXref.isPresent(),
            SageItemXrefs.forLines(xrefs, tenant, memo.lines()));
    if (translation instanceof CreditNoteTranslation.Invalid i) {
      return new Invalid(i.message());
    }
    CreditNoteTranslation.Translated t = (CreditNoteTranslation.Translated) translation;
    String memoKey = Long.toString(memo.magentoId());
    return new Post(
        t,
        invoiceXref,
        receipt,
        xrefs.find(tenant, CREDITMEMO_ENTITY, memoKey, CREDIT_NOTE_KIND),
        xrefs.find(tenant, CREDITMEMO_ENTITY, memoKey, ALLOCATION_KIND),
        xrefs.find(tenant, CREDITMEMO_ENTITY, memoKey, REFUND_KIND),
        individual.isPresent() && t.contactKey().equals(individual.get())
            ? individualXref
            : ContactResolver.find(xrefs, tenant, t.contactKey()));
  }

  /** The invoice is paid in the store and its money is routed to a bank: a receipt will come. */
  private static boolean receiptToCome(SyncPolicy policy, CanonicalInvoice invoice) {
    return invoice.state() == InvoiceState.PAID
        && PaymentRouting.route(policy, invoice.paymentMethod()) instanceof PaymentRoute.PostToBank;
  }

  /**
   * Why a credit note cannot go on its invoice's contact: Sage locks a contact to one currency, so
   * a memo in another currency than its Sage invoice is invalid. Empty when it can.
   */
  public static Optional<String> currencyProblem(
      SageCreditNoteDraft draft, SageDocumentBalance invoice) {
    if (invoice.currencyId() != null
        && !invoice.currencyId().equalsIgnoreCase(draft.currencyId())) {
      return Optional.of(
          "credit memo currency "
              + draft.currencyId()
              + " differs from its Sage invoice's currency "
              + invoice.currencyId());
    }
    return Optional.empty();
  }
}
