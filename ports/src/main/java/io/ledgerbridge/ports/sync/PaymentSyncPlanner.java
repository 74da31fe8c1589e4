package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.policy.PaymentRoute;
import io.ledgerbridge.core.policy.PaymentRouting;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what an {@code invoice.paid} event becomes, for the worker and the preview alike:
 *
 * <ol>
 *   <li>a receipt already recorded for the invoice → done (nothing is sent twice);
 *   <li>the invoice is not in Sage: when the policy skips it for a reason other than being unpaid
 *       (cancelled, filtered, before {@code sync_since}, zero value) the payment is skipped with
 *       the same reason; when only paid invoices are synced ({@code sync_unpaid_invoices = false})
 *       the invoice is posted first, in this run; otherwise the payment waits for {@code
 *       invoice.created} (it may arrive later, WIRE §5.2);
 *   <li>the payment method's route ({@link PaymentRouting}): leave unpaid → skipped with {@code
 *       payment_method_mapped_to_none} or {@code payment_method_not_mapped};
 *   <li>otherwise a receipt into the routed bank account.
 * </ol>
 */
public final class PaymentSyncPlanner {
  /** The cross-reference kind of an invoice's customer receipt (keyed by the store invoice). */
  public static final String RECEIPT_KIND = "contact_payment";

  private final EntityXrefRepository xrefs;
  private final InvoiceSyncPlanner invoices;

  public PaymentSyncPlanner(EntityXrefRepository xrefs) {
    this.xrefs = Objects.requireNonNull(xrefs, "xrefs");
    this.invoices = new InvoiceSyncPlanner(xrefs);
  }

  /** What to do with one payment. */
  public sealed interface Plan permits Skip, Invalid, Wait, Done, Receive {}

  public record Skip(SkipReason reason, String explanation) implements Plan {}

  public record Invalid(String message) implements Plan {}

  /** The invoice is not in Sage yet: wait for it, without counting a failure. */
  public record Wait(String reason) implements Plan {}

  /** The receipt was posted before; {@code invoice} is the Sage invoice the store shows. */
  public record Done(EntityXref invoice, EntityXref receipt) implements Plan {}

  /**
   * Post a receipt into {@code bankAccountId}. Exactly one of {@code invoice} (the Sage invoice the
   * receipt goes to) and {@code postInvoiceFirst} (the invoice to post in this run) is present.
   * When the method's money goes nowhere ({@code leaveUnpaid} set, {@code bankAccountId} null) only
   * the invoice is posted.
   */
  public record Receive(
      Optional<EntityXref> invoice,
      Optional<InvoiceSyncPlanner.Post> postInvoiceFirst,
      String bankAccountId,
      Skip leaveUnpaid)
      implements Plan {}

  /**
   * @param invoice fetches the store invoice; called only when the invoice is not in Sage
   */
  public Plan plan(
      Binding binding,
      SyncPolicy policy,
      CanonicalPayment payment,
      Supplier<CanonicalInvoice> invoice) {
    String tenant = binding.tenantId();
    String key = Long.toString(payment.invoiceId());
    Optional<EntityXref> invoiceXref =
        xrefs.find(
            tenant, InvoiceSyncPlanner.INVOICE_ENTITY, key, InvoiceSyncPlanner.SALES_INVOICE_KIND);
    Optional<EntityXref> receipt =
        xrefs.find(tenant, InvoiceSyncPlanner.INVOICE_ENTITY, key, RECEIPT_KIND);
    if (receipt.isPresent() && invoiceXref.isPresent()) {
      return new Done(invoiceXref.get(), receipt.get());
    }
    Optional<InvoiceSyncPlanner.Post> postFirst = Optional.empty();
    if (invoiceXref.isEmpty()) {
      InvoiceSyncPlanner.Plan ip = invoices.plan(binding, policy, invoice.get());
      if (ip instanceof InvoiceSyncPlanner.Skip s) {
        return new Skip(
            s.reason(),
            "invoice " + payment.invoiceIncrementId() + " is not synced: " + s.explanation());
      }
      if (ip instanceof InvoiceSyncPlanner.Invalid i) {
        return new Wait(
            "invoice "
                + payment.invoiceIncrementId()
                + " is not in Sage: it cannot be posted ("
                + i.message()
                + "); fix and retry its invoice.created run");
      }
      if (policy.syncUnpaidInvoices()) {
        return new Wait(
            "invoice "
                + payment.invoiceIncrementId()
                + " is not in Sage yet: waiting for its invoice.created to sync");
      }
      postFirst = Optional.of((InvoiceSyncPlanner.Post) ip);
    }
    PaymentRoute route = PaymentRouting.route(policy, payment.method());
    if (route instanceof PaymentRoute.LeaveUnpaid unpaid) {
      Skip skip = unpaidSkip(payment, unpaid);
      // only paid invoices are synced and this one is paid: it goes to Sage, unpaid
      return postFirst.isPresent() ? new Receive(invoiceXref, postFirst, null, skip) : skip;
    }
    return new Receive(
        invoiceXref, postFirst, ((PaymentRoute.PostToBank) route).bankAccountId(), null);
  }

  private static Skip unpaidSkip(CanonicalPayment payment, PaymentRoute.LeaveUnpaid unpaid) {
    return new Skip(
        SkipReason.fromCode(unpaid.reasonCode()),
        "payment method '"
            + payment.method()
            + "' "
            + (unpaid.reasonCode().equals(SkipReason.PAYMENT_METHOD_MAPPED_TO_NONE.code())
                ? "is mapped to no bank account: the invoice stays unpaid in Sage"
                : "is not in payment_method_map and there is no default_bank_account_id: the"
                    + " invoice stays unpaid in Sage"));
  }
}
