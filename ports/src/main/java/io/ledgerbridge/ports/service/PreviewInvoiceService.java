package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.creditnote.CreditNoteSettlement;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.payment.ReceiptPlanner;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyValidator;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.AccountingGateway.SagePayment;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.ports.sync.CreditMemoSyncPlanner;
import io.ledgerbridge.ports.sync.CustomerSyncPlanner;
import io.ledgerbridge.ports.sync.IdempotencyIds;
import io.ledgerbridge.ports.sync.InvoiceSyncPlanner;
import io.ledgerbridge.ports.sync.PaymentSyncPlanner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dry run: plans an event exactly as the worker does ({@link InvoiceSyncPlanner}, {@link
 * PaymentSyncPlanner}, {@link CreditMemoSyncPlanner}) and renders the requests the Sage adapter
 * would send, without sending anything. Reads the chassis database (policy, cross-references,
 * reference cache) and, for a payment or a credit memo whose invoice is in Sage, what Sage says is
 * outstanding on it (GETs only); never writes to Sage or calls the store. Ids Sage has not assigned
 * yet appear as placeholders such as {@value #CONTACT_ID_PLACEHOLDER}.
 */
public final class PreviewInvoiceService implements PreviewInvoiceUseCase {
  /** Stands in for the id Sage assigns to a contact created by an earlier request of the plan. */
  public static final String CONTACT_ID_PLACEHOLDER = "{contact_id}";

  /** Stands in for the id of a sales invoice posted by an earlier request of the plan. */
  public static final String SALES_INVOICE_ID_PLACEHOLDER = "{sales_invoice_id}";

  /** Stands in for the id of a credit note posted by an earlier request of the plan. */
  public static final String CREDIT_NOTE_ID_PLACEHOLDER = "{sales_credit_note_id}";

  private static final String IDEM_NOTE =
      "idempotency_id is derived from the sync run when the worker posts";

  private final BindingRepository bindings;
  private final PolicyRepository policies;
  private final ReferenceDataRepository reference;
  private final AccountingGateway sage;
  private final InvoiceSyncPlanner planner;
  private final PaymentSyncPlanner payments;
  private final CreditMemoSyncPlanner memos;
  private final CustomerSyncPlanner customers;

  public PreviewInvoiceService(
      BindingRepository bindings,
      PolicyRepository policies,
      ReferenceDataRepository reference,
      EntityXrefRepository xrefs,
      AccountingGateway sage) {
    this.bindings = bindings;
    this.policies = policies;
    this.reference = reference;
    this.sage = sage;
    this.planner = new InvoiceSyncPlanner(xrefs);
    this.payments = new PaymentSyncPlanner(xrefs);
    this.memos = new CreditMemoSyncPlanner(xrefs);
    this.customers = new CustomerSyncPlanner(xrefs, sage);
  }

  /** The binding, the policy to plan with and the policy warnings of one preview. */
  private record Setup(Binding binding, SyncPolicy policy, List<String> warnings) {}

  private Setup setup(String tenantId, SyncPolicy tried) {
    Binding binding =
        bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    SyncPolicy policy =
        tried != null
            ? tried
            : policies
                .current(tenantId)
                .map(PolicySnapshot::policy)
                .orElseThrow(() -> new UnknownBindingException(tenantId));
    List<String> warnings = new ArrayList<>();
    for (FieldError e : PolicyValidator.validate(policy, reference.find(tenantId).orElse(null))) {
      warnings.add("policy_invalid: " + e.field() + ": " + e.code() + ": " + e.message());
    }
    return new Setup(binding, policy, warnings);
  }

  @Override
  public InvoicePreview preview(PreviewCommand command) {
    Setup s = setup(command.tenantId(), command.policy());
    InvoiceSyncPlanner.Plan plan = planner.plan(s.binding(), s.policy(), command.invoice());
    if (plan instanceof InvoiceSyncPlanner.Skip skip) {
      return new InvoicePreview("skip", skip.reason().code(), List.of(), s.warnings());
    }
    if (plan instanceof InvoiceSyncPlanner.Invalid i) {
      return new InvoicePreview("invalid", i.message(), List.of(), s.warnings());
    }
    InvoiceSyncPlanner.Post post = (InvoiceSyncPlanner.Post) plan;
    s.warnings().addAll(post.translation().warnings());
    if (post.existingInvoice().isPresent()) {
      s.warnings()
          .add(
              "already_posted: store invoice "
                  + command.invoice().magentoId()
                  + " is Sage invoice "
                  + post.existingInvoice().get().sageReference()
                  + "; nothing would be sent");
      return new InvoicePreview("proceed", null, List.of(), s.warnings());
    }
    List<PlannedRequest> requests = new ArrayList<>();
    postInvoice(
        post.translation(),
        post.contactXref(),
        command.tenantId(),
        command.invoice().magentoId(),
        requests);
    return new InvoicePreview("proceed", null, requests, s.warnings());
  }

  @Override
  public InvoicePreview previewPayment(PaymentPreviewCommand command) {
    Setup s = setup(command.tenantId(), command.policy());
    long invoiceId = command.payment().invoiceId();
    PaymentSyncPlanner.Plan plan;
    try {
      plan =
          payments.plan(
              s.binding(),
              s.policy(),
              command.payment(),
              () -> required(command.invoice(), invoiceId));
    } catch (InvoiceNeeded e) {
      return new InvoicePreview("wait", e.getMessage(), List.of(), s.warnings());
    }
    if (plan instanceof PaymentSyncPlanner.Skip skip) {
      return new InvoicePreview("skip", skip.reason().code(), List.of(), s.warnings());
    }
    if (plan instanceof PaymentSyncPlanner.Invalid i) {
      return new InvoicePreview("invalid", i.message(), List.of(), s.warnings());
    }
    if (plan instanceof PaymentSyncPlanner.Wait w) {
      return new InvoicePreview("wait", w.reason(), List.of(), s.warnings());
    }
    if (plan instanceof PaymentSyncPlanner.Done d) {
      s.warnings()
          .add(
              "already_received: the payment of invoice "
                  + command.payment().invoiceIncrementId()
                  + " is Sage payment "
                  + d.receipt().sageId()
                  + "; nothing would be sent");
      return new InvoicePreview("proceed", null, List.of(), s.warnings());
    }
    PaymentSyncPlanner.Receive r = (PaymentSyncPlanner.Receive) plan;
    List<PlannedRequest> requests = new ArrayList<>();
    SageDocumentBalance balance;
    if (r.invoice().isPresent()) {
      String id = r.invoice().get().sageId();
      requests.add(get("/sales_invoices/" + id, "read what is still outstanding on the invoice"));
      balance = sage.salesInvoice(connection(s.binding()), id);
    } else {
      InvoiceSyncPlanner.Post first = r.postInvoiceFirst().orElseThrow();
      InvoiceTranslation.Translated t = first.translation();
      s.warnings().addAll(t.warnings());
      String contactId =
          postInvoice(t, first.contactXref(), command.tenantId(), invoiceId, requests);
      SageInvoiceDraft draft = t.invoice();
      balance =
          new SageDocumentBalance(
              SALES_INVOICE_ID_PLACEHOLDER,
              draft.reference(),
              contactId,
              draft.currencyId(),
              draft.exchangeRate(),
              draft.expectedTotal(),
              draft.expectedTotal(),
              "UNPAID");
    }
    if (r.bankAccountId() == null) {
      s.warnings().add("no_receipt: " + r.leaveUnpaid().explanation());
      return new InvoicePreview("proceed", null, requests, s.warnings());
    }
    ReceiptPlanner.Plan receipt =
        ReceiptPlanner.plan(
            command.payment(), s.policy(), r.bankAccountId(), balance, s.binding().baseCurrency());
    if (receipt instanceof ReceiptPlanner.Invalid i) {
      return new InvoicePreview("invalid", i.message(), List.of(), s.warnings());
    }
    ReceiptPlanner.Receipt planned = (ReceiptPlanner.Receipt) receipt;
    s.warnings().addAll(planned.warnings());
    requests.add(
        post(
            "/contact_payments",
            sage.renderContactPayment(
                planned.draft(), idem("contact_payment", command.tenantId(), invoiceId)),
            "the customer receipt, allocated to the invoice; " + IDEM_NOTE));
    return new InvoicePreview("proceed", null, requests, s.warnings());
  }

  @Override
  public InvoicePreview previewCreditMemo(CreditMemoPreviewCommand command) {
    Setup s = setup(command.tenantId(), command.policy());
    long memoId = command.memo().magentoId();
    CreditMemoSyncPlanner.Plan plan =
        memos.plan(
            s.binding(), s.policy(), command.memo(), () -> Optional.ofNullable(command.invoice()));
    if (plan instanceof CreditMemoSyncPlanner.Skip skip) {
      return new InvoicePreview("skip", skip.reason().code(), List.of(), s.warnings());
    }
    if (plan instanceof CreditMemoSyncPlanner.Invalid i) {
      return new InvoicePreview("invalid", i.message(), List.of(), s.warnings());
    }
    if (plan instanceof CreditMemoSyncPlanner.Wait w) {
      return new InvoicePreview("wait", w.reason(), List.of(), s.warnings());
    }
    CreditMemoSyncPlanner.Post p = (CreditMemoSyncPlanner.Post) plan;
    s.warnings().addAll(p.translation().warnings());
    SageConnection connection = connection(s.binding());
    List<PlannedRequest> requests = new ArrayList<>();
    SageDocumentBalance invoice = null;
    String contactId;
    if (p.invoice().isPresent()) {
      String id = p.invoice().get().sageId();
      requests.add(get("/sales_invoices/" + id, "the invoice's contact and what is outstanding"));
      invoice = sage.salesInvoice(connection, id);
      Optional<String> problem =
          CreditMemoSyncPlanner.currencyProblem(p.translation().creditNote(), invoice);
      if (problem.isPresent()) {
        return new InvoicePreview("invalid", problem.get(), List.of(), s.warnings());
      }
      contactId = invoice.contactId();
    } else {
      contactId =
          contact(
              p.translation().contactKey(),
              p.translation().contact(),
              p.contactXref(),
              idem("contact", command.tenantId(), memoId),
              requests);
    }
    SageCreditNoteDraft draft = p.translation().creditNote().withContactId(contactId);
    SageDocumentBalance credit;
    if (p.creditNote().isPresent()) {
      String id = p.creditNote().get().sageId();
      s.warnings()
          .add(
              "already_posted: credit memo "
                  + command.memo().incrementId()
                  + " is Sage credit note "
                  + p.creditNote().get().sageReference());
      requests.add(get("/sales_credit_notes/" + id, "what is left to settle"));
      credit = sage.salesCreditNote(connection, id);
    } else {
      requests.add(
          post(
              "/sales_credit_notes",
              sage.renderSalesCreditNote(
                  draft, idem(CreditMemoSyncPlanner.CREDIT_NOTE_KIND, command.tenantId(), memoId)),
              p.invoice().isPresent() ? "on the invoice's contact; " + IDEM_NOTE : IDEM_NOTE));
      credit =
          new SageDocumentBalance(
              CREDIT_NOTE_ID_PLACEHOLDER,
              draft.reference(),
              contactId,
              draft.currencyId(),
              draft.exchangeRate(),
              draft.expectedTotal(),
              draft.expectedTotal(),
              "UNPAID");
    }
    CreditNoteSettlement settlement =
        CreditNoteSettlement.plan(credit, invoice, p.receipt().isPresent());
    if (settlement.allocate().signum() > 0 && p.allocation().isEmpty()) {
      requests.add(
          post(
              "/contact_allocations",
              sage.renderContactAllocation(
                  SageContactAllocationDraft.creditAgainstInvoice(
                      contactId, draft.date(), invoice.id(), credit.id(), settlement.allocate()),
                  idem(CreditMemoSyncPlanner.ALLOCATION_KIND, command.tenantId(), memoId)),
              "sets the credit against what the invoice still has outstanding; on Sage Start"
                  + " (no allocations) the credit note stays unallocated"));
    }
    if (settlement.refund().signum() > 0 && p.refund().isEmpty()) {
      String receiptId = p.receipt().orElseThrow().sageId();
      requests.add(get("/contact_payments/" + receiptId, "the bank the invoice's money went into"));
      SagePayment receipt = sage.contactPayment(connection, receiptId);
      requests.add(
          post(
              "/contact_payments",
              sage.renderContactPayment(
                  SageContactPaymentDraft.refund(
                      contactId,
                      receipt.bankAccountId(),
                      receipt.paymentMethodId(),
                      draft.date(),
                      settlement.refund(),
                      draft.currencyId(),
                      draft.exchangeRate(),
                      draft.reference(),
                      credit.id()),
                  idem(CreditMemoSyncPlanner.REFUND_KIND, command.tenantId(), memoId)),
              "the refund of what the invoice's receipt brought in; " + IDEM_NOTE));
    }
    if (settlement.leftOpen().signum() > 0) {
      s.warnings()
          .add(
              "credit_left_open: "
                  + settlement.leftOpen().toPlainString()
                  + " of the credit note would stay open on the contact");
    }
    return new InvoicePreview("proceed", null, requests, s.warnings());
  }

  @Override
  public InvoicePreview previewCustomer(CustomerPreviewCommand command) {
    Setup s = setup(command.tenantId(), command.policy());
    CustomerSyncPlanner.Plan plan = customers.plan(s.binding(), s.policy(), command.customer());
    if (plan instanceof CustomerSyncPlanner.Skip skip) {
      return new InvoicePreview("skip", skip.reason().code(), List.of(), s.warnings());
    }
    List<PlannedRequest> requests = new ArrayList<>();
    if (plan instanceof CustomerSyncPlanner.Create c) {
      contact(
          c.key(),
          c.draft(),
          Optional.empty(),
          idem("contact", command.tenantId(), command.customer().magentoId()),
          requests);
      return new InvoicePreview("proceed", null, requests, s.warnings());
    }
    for (CustomerSyncPlanner.ContactChange c : ((CustomerSyncPlanner.Update) plan).changes()) {
      if (c.unchanged()) {
        s.warnings()
            .add(
                "unchanged: the "
                    + c.currency()
                    + " contact already shows this customer; nothing would be sent");
        continue;
      }
      requests.add(
          new PlannedRequest(
              "PUT",
              "/contacts/" + c.xref().sageId(),
              c.body(),
              "the customer's " + c.currency() + " contact, " + c.xref().sageReference()));
    }
    return new InvoicePreview("proceed", null, requests, s.warnings());
  }

  /** Adds the contact and invoice requests of {@code t}; returns the invoice's contact id. */
  private String postInvoice(
      InvoiceTranslation.Translated t,
      Optional<EntityXref> contactXref,
      String tenantId,
      long invoiceId,
      List<PlannedRequest> requests) {
    String contactId =
        contact(
            t.contactKey(),
            t.contact(),
            contactXref,
            idem("contact", tenantId, invoiceId),
            requests);
    requests.add(
        post(
            "/sales_invoices",
            sage.renderSalesInvoice(
                t.invoice().withContactId(contactId), idem("sales_invoice", tenantId, invoiceId)),
            IDEM_NOTE));
    return contactId;
  }

  /** Adds the contact look-up and creation, unless it is known; returns its id or placeholder. */
  private String contact(
      ContactKey key,
      SageContactDraft draft,
      Optional<EntityXref> xref,
      String idem,
      List<PlannedRequest> requests) {
    if (xref.isPresent()) {
      return xref.get().sageId();
    }
    requests.add(
        get(
            "/contacts?contact_type_id=CUSTOMER&search="
                + URLEncoder.encode(key.reference(), StandardCharsets.UTF_8),
            "look for an existing customer contact with reference " + key.reference()));
    requests.add(
        post(
            "/contacts",
            sage.renderContact(draft, idem),
            "only if Sage has no customer contact with reference " + key.reference()));
    return CONTACT_ID_PLACEHOLDER;
  }

  private SageConnection connection(Binding binding) {
    BindingSecrets secrets =
        bindings
            .secrets(binding.tenantId())
            .orElseThrow(() -> new UnknownBindingException(binding.tenantId()));
    return new SageConnection(
        binding.tenantId(),
        binding.sageApiUrl(),
        binding.sageTokenUrl(),
        binding.sageBusinessId(),
        secrets.sageClientId(),
        secrets.sageClientSecret());
  }

  private static CanonicalInvoice required(CanonicalInvoice invoice, long invoiceId) {
    if (invoice == null) {
      throw new InvoiceNeeded(
          "invoice "
              + invoiceId
              + " is not in Sage: supply the store invoice to see whether it would be posted first,"
              + " skipped, or waited for");
    }
    return invoice;
  }

  private static PlannedRequest get(String path, String note) {
    return new PlannedRequest("GET", path, null, note);
  }

  private static PlannedRequest post(String path, String body, String note) {
    return new PlannedRequest("POST", path, body, note);
  }

  /** A stable preview idempotency id for {@code purpose} of one store entity. */
  private static String idem(String purpose, String tenantId, long storeEntityId) {
    return IdempotencyIds.forRun(
        purpose + ":preview:" + tenantId + ":" + storeEntityId, new UUID(0, 0));
  }

  /** The plan needs the store invoice and the command has none. */
  private static final class InvoiceNeeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvoiceNeeded(String message) {
      super(message, null, false, false);
    }
  }
}
