package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.contact.ContactDrafts;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.ContactKeying;
import io.ledgerbridge.core.contact.ContactRoute;
import io.ledgerbridge.core.contact.ContactRouting;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.ports.out.StoreGateway;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code customer.upserted} → the customer's Sage contacts, one per currency (PRODUCT §3).
 *
 * <ol>
 *   <li>Fetch the canonical customer ({@code GET /customer/{id}}).
 *   <li>Every contact the customer already has (cross-references {@code contact:GBP}, {@code
 *       contact:EUR}, … under its store key) is brought up to date with {@code PUT /contacts/{id}}
 *       when what Sage would show changed: name by {@code customer_name_priority}, email,
 *       telephone, contact person, addresses. The digest of the last update body sent (or of the
 *       contact as created) is kept on the cross-reference; an equal digest means no Sage call.
 *   <li>A customer without any contact gets its base-currency contact, keyed as invoices key it
 *       ({@link ContactKeying}), so the first invoice finds it; unless B2C consolidation would post
 *       its invoices to the fallback contact, in which case nothing is created and the run is
 *       skipped ({@code b2c_consolidated}).
 * </ol>
 *
 * The store is told the base-currency contact (or the first, by currency code) as the customer's
 * Sage entity.
 */
public final class CustomerUpsertedHandler implements SyncEventHandler {
  private static final String CONTACT_KIND = "contact:";

  private final StoreGateway store;
  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final ContactResolver contacts;

  public CustomerUpsertedHandler(
      StoreGateway store,
      AccountingGateway sage,
      EntityXrefRepository xrefs,
      ContactResolver contacts) {
    this.store = store;
    this.sage = sage;
    this.xrefs = xrefs;
    this.contacts = contacts;
  }

  @Override
  public EventType event() {
    return EventType.CUSTOMER_UPSERTED;
  }

  @Override
  public SyncOutcome handle(SyncContext ctx) {
    String[] sent = new String[1];
    try {
      CanonicalContact customer = store.fetchCustomer(ctx.store(), ctx.run().storeEntityId());
      String base = ctx.binding().baseCurrency();
      ContactKey baseKey = ContactKeying.keyFor(customer, base);
      List<EntityXref> known =
          xrefs
              .findAll(ctx.tenantId(), ContactResolver.CUSTOMER_ENTITY, baseKey.storeCustomerKey())
              .stream()
              .filter(x -> x.kind().startsWith(CONTACT_KIND))
              .toList();
      if (known.isEmpty()) {
        return firstContact(ctx, customer, baseKey, sent);
      }
      return update(ctx, customer, known, sent);
    } catch (GatewayException e) {
      return new SyncOutcome.Failed(Failure.of(e), sent[0]);
    }
  }

  private SyncOutcome firstContact(
      SyncContext ctx, CanonicalContact customer, ContactKey key, String[] sent) {
    ContactRoute route =
        ContactRouting.route(customer, BigDecimal.ZERO, key.currency(), ctx.policy(), false);
    if (route instanceof ContactRoute.Fallback) {
      return new SyncOutcome.Skipped(
          SkipReason.B2C_CONSOLIDATED,
          "B2C consolidation posts this customer's invoices below "
              + ctx.policy().b2c().minTotalForIndividual().toPlainString()
              + " to the fallback contact, so no contact of its own is created until an invoice"
              + " needs one");
    }
    SageContactDraft draft =
        ContactDrafts.forContact(
            customer, ctx.policy().customerNamePriority(), key.currency(), key);
    sent[0] =
        sage.renderContact(
            draft, IdempotencyIds.forRun("contact:" + key.reference(), ctx.run().id()));
    ContactResolver.Resolution r = contacts.resolveContact(ctx, key, draft);
    if (r.how() == ContactResolver.How.CREATED) {
      return new SyncOutcome.Posted(
          r.sageId(),
          r.displayedAs(),
          "created contact " + key.reference() + " (" + key.currency() + ", " + r.sageId() + ")",
          sent[0]);
    }
    // Sage had a contact with this reference already (made by an earlier run whose answer was
    // lost, or by hand): bring it up to date like any known contact
    EntityXref xref =
        xrefs
            .find(
                ctx.tenantId(),
                ContactResolver.CUSTOMER_ENTITY,
                key.storeCustomerKey(),
                key.xrefKind())
            .orElseThrow(() -> new IllegalStateException("contact xref vanished: " + key));
    return update(ctx, customer, List.of(xref), sent);
  }

  private SyncOutcome update(
      SyncContext ctx, CanonicalContact customer, List<EntityXref> known, String[] sent) {
    String base = ctx.binding().baseCurrency();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (EntityXref x : known) {
      String currency = x.kind().substring(CONTACT_KIND.length());
      ContactKey key = ContactKeying.keyFor(customer, currency);
      SageContactDraft draft =
          ContactDrafts.forContact(customer, ctx.policy().customerNamePriority(), base, key);
      String body = sage.renderContactUpdate(draft);
      String digest = ContactResolver.digest(body);
      Optional<String> last =
          xrefs.sentDigest(x.tenantId(), x.storeEntityType(), x.storeEntityKey(), x.kind());
      if (last.isPresent() && last.get().equals(digest)) {
        unchanged.add(currency);
        continue;
      }
      ctx.gate().beforeSageCall();
      sent[0] = body;
      sage.updateContact(ctx.sage(), x.sageId(), draft);
      xrefs.recordSentDigest(
          x.tenantId(), x.storeEntityType(), x.storeEntityKey(), x.kind(), digest);
      updated.add(currency);
    }
    EntityXref shown =
        known.stream()
            .filter(x -> x.kind().equals(CONTACT_KIND + base))
            .findFirst()
            .orElse(known.get(0));
    String detail =
        updated.isEmpty()
            ? "unchanged: " + String.join(", ", unchanged) + " (nothing sent)"
            : "updated "
                + String.join(", ", updated)
                + (unchanged.isEmpty() ? "" : "; unchanged: " + String.join(", ", unchanged));
    return new SyncOutcome.Posted(
        shown.sageId(),
        shown.sageReference(),
        "contacts " + detail,
        updated.isEmpty() ? null : sent[0]);
  }
}
