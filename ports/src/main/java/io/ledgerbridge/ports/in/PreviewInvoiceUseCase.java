package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.List;

/**
 * Dry run: what the worker would decide and send to Sage for a store event (an invoice, the payment
 * of an invoice, a credit memo), without posting. Runs the worker's own planning code.
 */
public interface PreviewInvoiceUseCase {

  /** {@code invoice.created}. */
  InvoicePreview preview(PreviewCommand command);

  /** {@code invoice.paid}. */
  InvoicePreview previewPayment(PaymentPreviewCommand command);

  /** {@code creditmemo.created}. */
  InvoicePreview previewCreditMemo(CreditMemoPreviewCommand command);

  /** {@code customer.upserted}. */
  InvoicePreview previewCustomer(CustomerPreviewCommand command);

  /**
   * @param policy a policy to try instead of the binding's current one, or null
   */
  record PreviewCommand(String tenantId, CanonicalInvoice invoice, SyncPolicy policy) {}

  /**
   * @param invoice the paid store invoice; needed only when it is not in Sage yet (null otherwise)
   * @param policy a policy to try instead of the binding's current one, or null
   */
  record PaymentPreviewCommand(
      String tenantId, CanonicalPayment payment, CanonicalInvoice invoice, SyncPolicy policy) {}

  /**
   * @param invoice the memo's store invoice; needed only when it is not in Sage yet (null
   *     otherwise)
   * @param policy a policy to try instead of the binding's current one, or null
   */
  record CreditMemoPreviewCommand(
      String tenantId, CanonicalCreditMemo memo, CanonicalInvoice invoice, SyncPolicy policy) {}

  /**
   * @param customer the store customer as {@code GET /customer/{id}} returns it
   * @param policy a policy to try instead of the binding's current one, or null
   */
  record CustomerPreviewCommand(String tenantId, CanonicalContact customer, SyncPolicy policy) {}

  /**
   * @param decision {@code proceed}, {@code skip}, {@code invalid} or {@code wait} (the invoice it
   *     belongs to is not in Sage yet)
   * @param reason skip reason code or validation message; null when proceeding
   * @param requests the Sage requests in the order they would be sent
   * @param warnings translation warnings (codes first)
   */
  record InvoicePreview(
      String decision, String reason, List<PlannedRequest> requests, List<String> warnings) {}

  /**
   * One request. {@code note} says when it is conditional (e.g. a contact created only if Sage has
   * none with that reference).
   */
  record PlannedRequest(String method, String path, String body, String note) {}
}
