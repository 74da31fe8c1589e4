package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyValidator;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.ports.sync.IdempotencyIds;
import io.ledgerbridge.ports.sync.InvoiceSyncPlanner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The dry run: plans an invoice exactly as the worker does ({@link InvoiceSyncPlanner}) and renders
 * the requests the Sage adapter would send, without sending anything. Reads only the chassis
 * database (policy, cross-references, reference cache), never Sage or the store.
 */
public final class PreviewInvoiceService implements PreviewInvoiceUseCase {
  /** Stands in for the id Sage assigns to a contact created by an earlier request of the plan. */
  public static final String CONTACT_ID_PLACEHOLDER = "{contact_id}";

  private final BindingRepository bindings;
  private final PolicyRepository policies;
  private final ReferenceDataRepository reference;
  private final AccountingGateway sage;
  private final InvoiceSyncPlanner planner;

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
  }

  @Override
  public InvoicePreview preview(PreviewCommand command) {
    Binding binding =
        bindings
            .find(command.tenantId())
            .orElseThrow(() -> new UnknownBindingException(command.tenantId()));
    SyncPolicy policy =
        command.policy() != null
            ? command.policy()
            : policies
                .current(command.tenantId())
                .map(PolicySnapshot::policy)
                .orElseThrow(() -> new UnknownBindingException(command.tenantId()));
    List<String> warnings = new ArrayList<>();
    for (FieldError e :
        PolicyValidator.validate(policy, reference.find(command.tenantId()).orElse(null))) {
      warnings.add("policy_invalid: " + e.field() + ": " + e.code() + ": " + e.message());
    }
    InvoiceSyncPlanner.Plan plan = planner.plan(binding, policy, command.invoice());
    if (plan instanceof InvoiceSyncPlanner.Skip s) {
      return new InvoicePreview("skip", s.reason().code(), List.of(), warnings);
    }
    if (plan instanceof InvoiceSyncPlanner.Invalid i) {
      return new InvoicePreview("invalid", i.message(), List.of(), warnings);
    }
    InvoiceSyncPlanner.Post post = (InvoiceSyncPlanner.Post) plan;
    InvoiceTranslation.Translated t = post.translation();
    warnings.addAll(t.warnings());
    if (post.existingInvoice().isPresent()) {
      warnings.add(
          "already_posted: store invoice "
              + command.invoice().magentoId()
              + " is Sage invoice "
              + post.existingInvoice().get().sageReference()
              + "; nothing would be sent");
      return new InvoicePreview("proceed", null, List.of(), warnings);
    }
    List<PlannedRequest> requests = new ArrayList<>();
    String contactId;
    ContactKey key = t.contactKey();
    if (post.contactXref().isPresent()) {
      contactId = post.contactXref().get().sageId();
    } else {
      contactId = CONTACT_ID_PLACEHOLDER;
      requests.add(
          new PlannedRequest(
              "GET",
              "/contacts?contact_type_id=CUSTOMER&search="
                  + URLEncoder.encode(key.reference(), StandardCharsets.UTF_8),
              null,
              "look for an existing customer contact with reference " + key.reference()));
      requests.add(
          new PlannedRequest(
              "POST",
              "/contacts",
              sage.renderContact(t.contact(), previewIdem("contact", command)),
              "only if Sage has no customer contact with reference " + key.reference()));
    }
    SageInvoiceDraft draft = t.invoice().withContactId(contactId);
    requests.add(
        new PlannedRequest(
            "POST",
            "/sales_invoices",
            sage.renderSalesInvoice(draft, previewIdem("sales_invoice", command)),
            "idempotency_id is derived from the sync run when the worker posts"));
    return new InvoicePreview("proceed", null, requests, warnings);
  }

  private static String previewIdem(String purpose, PreviewCommand command) {
    return IdempotencyIds.forRun(
        purpose + ":preview:" + command.tenantId() + ":" + command.invoice().magentoId(),
        new UUID(0, 0));
  }
}
