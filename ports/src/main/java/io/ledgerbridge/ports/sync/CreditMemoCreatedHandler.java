package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.creditnote.CreditNoteSettlement;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SagePayment;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.StoreGateway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code creditmemo.created} → a Sage sales credit note on the same contact as the original
 * invoice, then settled ({@link CreditNoteSettlement}): allocated against what the invoice still
 * has outstanding, the rest refunded from the bank the invoice's receipt went into. Every Sage
 * write has an idempotency id derived from the run and a cross-reference keyed by the memo, so a
 * retry picks up where the last attempt stopped and nothing is posted twice. On a Sage edition
 * without allocations (Start) the credit note stays unallocated, with a warning, not a failure.
 */
public final class CreditMemoCreatedHandler implements SyncEventHandler {
  /** Warning code when the business's Sage edition offers no allocations. */
  public static final String ALLOCATIONS_UNAVAILABLE = "allocations_unavailable";

  /** Warning code when part of a credit note stays open on the contact. */
  public static final String CREDIT_LEFT_OPEN = "credit_left_open";

  private final StoreGateway store;
  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final ContactResolver contacts;
  private final CreditMemoSyncPlanner planner;
  private final Clock clock;

  public CreditMemoCreatedHandler(
      StoreGateway store,
      AccountingGateway sage,
      EntityXrefRepository xrefs,
      ContactResolver contacts,
      Clock clock) {
    this.store = store;
    this.sage = sage;
    this.xrefs = xrefs;
    this.contacts = contacts;
    this.planner = new CreditMemoSyncPlanner(xrefs);
    this.clock = clock;
  }

  @Override
  public EventType event() {
    return EventType.CREDITMEMO_CREATED;
  }

  @Override
  public SyncOutcome handle(SyncContext ctx) {
    List<String> sent = new ArrayList<>();
    try {
      CanonicalCreditMemo memo = store.fetchCreditMemo(ctx.store(), ctx.run().storeEntityId());
      CreditMemoSyncPlanner.Plan plan =
          planner.plan(
              ctx.binding(),
              ctx.policy(),
              memo,
              () -> Optional.of(store.fetchInvoice(ctx.store(), memo.invoiceId())));
      if (plan instanceof CreditMemoSyncPlanner.Skip s) {
        return new SyncOutcome.Skipped(s.reason(), s.explanation());
      }
      if (plan instanceof CreditMemoSyncPlanner.Invalid i) {
        return new SyncOutcome.Invalid(i.message());
      }
      if (plan instanceof CreditMemoSyncPlanner.Wait w) {
        return new SyncOutcome.Waiting(w.reason());
      }
      return post(ctx, (CreditMemoSyncPlanner.Post) plan, sent);
    } catch (GatewayException e) {
      return new SyncOutcome.Failed(Failure.of(e), joined(sent));
    }
  }

  private SyncOutcome post(SyncContext ctx, CreditMemoSyncPlanner.Post p, List<String> sent) {
    SageCreditNoteDraft draft = p.translation().creditNote();
    SageDocumentBalance invoice = null;
    String contactId;
    if (p.invoice().isPresent()) {
      ctx.gate().beforeSageCall();
      invoice = sage.salesInvoice(ctx.sage(), p.invoice().get().sageId());
      Optional<String> problem = CreditMemoSyncPlanner.currencyProblem(draft, invoice);
      if (problem.isPresent()) {
        return new SyncOutcome.Invalid(problem.get());
      }
      contactId = invoice.contactId();
    } else {
      contactId = contacts.resolve(ctx, p.translation().contactKey(), p.translation().contact());
    }
    draft = draft.withContactId(contactId);
    SageRef creditNote =
        p.creditNote().map(x -> new SageRef(x.sageId(), x.sageReference())).orElse(null);
    if (creditNote == null) {
      creditNote = write(ctx, CreditMemoSyncPlanner.CREDIT_NOTE_KIND, sent, draft);
    }
    List<String> notes = new ArrayList<>(p.translation().warnings());
    StringBuilder detail =
        new StringBuilder(p.creditNote().isPresent() ? "found " : "created ")
            .append(creditNote.displayedAs())
            .append(" (")
            .append(creditNote.id())
            .append(")");
    if (p.allocation().isEmpty() || p.refund().isEmpty()) {
      settle(ctx, p, draft, creditNote, invoice, sent, detail, notes);
    }
    notes.forEach(n -> detail.append("; ").append(n));
    return new SyncOutcome.Posted(
        creditNote.id(), creditNote.displayedAs(), detail.toString(), joined(sent));
  }

  private void settle(
      SyncContext ctx,
      CreditMemoSyncPlanner.Post p,
      SageCreditNoteDraft draft,
      SageRef creditNote,
      SageDocumentBalance invoice,
      List<String> sent,
      StringBuilder detail,
      List<String> notes) {
    ctx.gate().beforeSageCall();
    SageDocumentBalance credit = sage.salesCreditNote(ctx.sage(), creditNote.id());
    CreditNoteSettlement plan = CreditNoteSettlement.plan(credit, invoice, p.receipt().isPresent());
    if (plan.allocate().signum() > 0 && p.allocation().isEmpty()) {
      SageContactAllocationDraft allocation =
          SageContactAllocationDraft.creditAgainstInvoice(
              draft.contactId(), draft.date(), invoice.id(), creditNote.id(), plan.allocate());
      String idem = IdempotencyIds.forRun(CreditMemoSyncPlanner.ALLOCATION_KIND, ctx.run().id());
      sent.add(sage.renderContactAllocation(allocation, idem));
      ctx.gate().beforeSageCall();
      Optional<SageRef> made = sage.createContactAllocation(ctx.sage(), allocation, idem);
      if (made.isPresent()) {
        remember(ctx, CreditMemoSyncPlanner.ALLOCATION_KIND, made.get());
        detail
            .append("; allocated ")
            .append(plan.allocate().toPlainString())
            .append(" against ")
            .append(invoice.displayedAs());
      } else {
        notes.add(
            ALLOCATIONS_UNAVAILABLE
                + ": this Sage edition offers no allocations; "
                + creditNote.displayedAs()
                + " is left unallocated against "
                + invoice.displayedAs());
      }
    }
    if (plan.refund().signum() > 0 && p.refund().isEmpty()) {
      ctx.gate().beforeSageCall();
      SagePayment receipt = sage.contactPayment(ctx.sage(), p.receipt().orElseThrow().sageId());
      SageContactPaymentDraft refund =
          SageContactPaymentDraft.refund(
              draft.contactId(),
              receipt.bankAccountId(),
              receipt.paymentMethodId(),
              draft.date(),
              plan.refund(),
              draft.currencyId(),
              draft.exchangeRate(),
              draft.reference(),
              creditNote.id());
      SageRef made = write(ctx, CreditMemoSyncPlanner.REFUND_KIND, sent, refund);
      detail
          .append("; refunded ")
          .append(plan.refund().toPlainString())
          .append(" as Sage payment ")
          .append(made.id());
    }
    if (plan.leftOpen().signum() > 0) {
      notes.add(
          CREDIT_LEFT_OPEN
              + ": "
              + plan.leftOpen().toPlainString()
              + " of "
              + creditNote.displayedAs()
              + " stays open on the contact"
              + (invoice == null
                  ? " (the refund has no invoice in Sage)"
                  : " (nothing outstanding on "
                      + invoice.displayedAs()
                      + " and no receipt to refund)"));
    }
  }

  /** Posts one document of the memo, with its idempotency id and cross-reference. */
  private SageRef write(SyncContext ctx, String kind, List<String> sent, Object draft) {
    String idem = IdempotencyIds.forRun(kind, ctx.run().id());
    SageRef ref;
    if (draft instanceof SageCreditNoteDraft note) {
      sent.add(sage.renderSalesCreditNote(note, idem));
      ctx.gate().beforeSageCall();
      ref = sage.createSalesCreditNote(ctx.sage(), note, idem);
    } else {
      SageContactPaymentDraft payment = (SageContactPaymentDraft) draft;
      sent.add(sage.renderContactPayment(payment, idem));
      ctx.gate().beforeSageCall();
      ref = sage.createContactPayment(ctx.sage(), payment, idem);
    }
    remember(ctx, kind, ref);
    return ref;
  }

  private void remember(SyncContext ctx, String kind, SageRef ref) {
    xrefs.record(
        new EntityXref(
            ctx.tenantId(),
            CreditMemoSyncPlanner.CREDITMEMO_ENTITY,
            ctx.storeEntityKey(),
            kind,
            ref.id(),
            ref.displayedAs(),
            clock.instant()));
  }

  private static String joined(List<String> sent) {
    return sent.isEmpty() ? null : String.join("\n\n", sent);
  }
}
