package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.ContactKeying;
import io.ledgerbridge.core.invoice.InvoiceTranslation;
import io.ledgerbridge.core.invoice.InvoiceTranslator;
import io.ledgerbridge.core.policy.InvoicePolicy;
import io.ledgerbridge.core.policy.PolicyDecision;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.EntityXrefRepository.StoreEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what one canonical invoice becomes in Sage: skip (policy), invalid (translation), or the
 * drafts to post together with what the cross-references already know (the Sage invoice, the
 * contact, and the Sage product, stock item or service of each line's SKU: {@link SageItemXrefs}).
 * The worker executes a plan; the dry-run preview renders it. Both call this class, so they cannot
 * disagree.
 */
public final class InvoiceSyncPlanner {
  static final String INVOICE_ENTITY = "invoice";
  static final String SALES_INVOICE_KIND = "sales_invoice";

  private final EntityXrefRepository xrefs;

  public InvoiceSyncPlanner(EntityXrefRepository xrefs) {
    this.xrefs = xrefs;
  }

  /** What to do with one invoice. */
  public sealed interface Plan permits Skip, Invalid, Post {}

  /** The policy skips the invoice. */
  public record Skip(SkipReason reason, String explanation) implements Plan {}

  /** The invoice cannot be posted faithfully. */
  public record Invalid(String message) implements Plan {}

  /**
   * Post the translated drafts. {@code existingInvoice} is set when this store invoice already has
   * a Sage invoice (nothing must be posted); {@code contactXref} when the contact is already known.
   */
  public record Post(
      InvoiceTranslation.Translated translation,
      Optional<EntityXref> existingInvoice,
      Optional<EntityXref> contactXref)
      implements Plan {}

  public Plan plan(Binding binding, SyncPolicy policy, CanonicalInvoice invoice) {
    PolicyDecision decision = InvoicePolicy.evaluate(policy, invoice);
    if (decision instanceof PolicyDecision.Skip s) {
      return new Skip(s.reason(), s.explanation());
    }
    String tenant = binding.tenantId();
    ContactKey individual;
    try {
      individual = ContactKeying.keyFor(invoice.customer(), invoice.currency());
    } catch (IllegalArgumentException e) {
      // No individual key (e.g. a guest without email): not a repeat customer. The translator
      // either routes the invoice to the fallback contact or reports why it cannot be keyed.
      individual = null;
    }
    // what the cross-references know about the customer, the SKUs and the invoice: one look-up
    String invoiceKey = Long.toString(invoice.magentoId());
    List<StoreEntity> entities = new ArrayList<>();
    if (individual != null) {
      entities.add(new StoreEntity(ContactResolver.CUSTOMER_ENTITY, individual.storeCustomerKey()));
    }
    Set<String> skus = SageItemXrefs.skus(invoice.lines());
    for (String sku : skus) {
      entities.add(new StoreEntity(SageItemXrefs.PRODUCT_SKU_ENTITY, sku));
    }
    entities.add(new StoreEntity(INVOICE_ENTITY, invoiceKey));
    List<EntityXref> known = xrefs.findAllOfEach(tenant, entities);
    Optional<EntityXref> individualXref =
        individual == null
            ? Optional.empty()
            : pick(
                known,
                ContactResolver.CUSTOMER_ENTITY,
                individual.storeCustomerKey(),
                individual.xrefKind());
    InvoiceTranslation translation =
        InvoiceTranslator.translate(
            invoice,
            policy,
            binding.businessCountry(),
            binding.baseCurrency(),
            individualXref.isPresent(),
            SageItemXrefs.fromKnown(known, skus));
    if (translation instanceof InvoiceTranslation.Invalid invalid) {
      return new Invalid(invalid.message());
    }
    InvoiceTranslation.Translated t = (InvoiceTranslation.Translated) translation;
    return new Post(
        t,
        pick(known, INVOICE_ENTITY, invoiceKey, SALES_INVOICE_KIND),
        // the translated key is usually the individual one already read: no second round trip
        t.contactKey().equals(individual) ? individualXref : contactXref(tenant, t.contactKey()));
  }

  /** The cross-reference of one entity and kind among those read, if there is one. */
  private static Optional<EntityXref> pick(
      List<EntityXref> known, String type, String key, String kind) {
    for (EntityXref x : known) {
      if (x.storeEntityType().equals(type)
          && x.storeEntityKey().equals(key)
          && x.kind().equals(kind)) {
        return Optional.of(x);
      }
    }
    return Optional.empty();
  }

  Optional<EntityXref> contactXref(String tenantId, ContactKey key) {
    return ContactResolver.find(xrefs, tenantId, key);
  }
}
