package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.contact.ContactDrafts;
import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.ContactKeying;
import io.ledgerbridge.core.contact.ContactRoute;
import io.ledgerbridge.core.contact.ContactRouting;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code customer.upserted} should do, decided from the store's customer, the policy and what
 * the cross-references know, without calling Sage (PRODUCT §3). Shared by the worker's handler and
 * the preview, so both decide alike.
 *
 * <ul>
 *   <li>The customer has contacts (cross-references {@code contact:GBP}, {@code contact:EUR}, …
 *       under its store key): each is updated when the body of its update differs from the one last
 *       sent (its digest is kept on the cross-reference); one whose body is the same needs no Sage
 *       call.
 *   <li>It has none: its base-currency contact is created, keyed as invoices key it ({@link
 *       ContactKeying}), unless B2C consolidation would post its invoices to the fallback contact
 *       ({@code b2c_consolidated}).
 * </ul>
 */
public final class CustomerSyncPlanner {
  static final String CONTACT_KIND = "contact:";

  private final EntityXrefRepository xrefs;
  private final AccountingGateway renderer;

  /**
   * @param renderer renders update bodies (for their digests); nothing is sent through it here
   */
  public CustomerSyncPlanner(EntityXrefRepository xrefs, AccountingGateway renderer) {
    this.xrefs = xrefs;
    this.renderer = renderer;
  }

  /** What to do. */
  public sealed interface Plan permits Skip, Create, Update {}

  /** Nothing to do in Sage, for {@code reason}. */
  public record Skip(SkipReason reason, String explanation) implements Plan {}

  /** Find (by reference) or create the customer's base-currency contact. */
  public record Create(ContactKey key, SageContactDraft draft) implements Plan {}

  /** Bring the customer's contacts up to date; {@code shown} is what the store is told. */
  public record Update(List<ContactChange> changes, EntityXref shown) implements Plan {
    public List<ContactChange> toSend() {
      return changes.stream().filter(c -> !c.unchanged()).toList();
    }
  }

  /**
   * One contact of the customer: the update body Sage would get and whether it equals the one last
   * sent.
   */
  public record ContactChange(
      EntityXref xref,
      String currency,
      SageContactDraft draft,
      String body,
      String digest,
      boolean unchanged) {}

  public Plan plan(Binding binding, SyncPolicy policy, CanonicalContact customer) {
    java.util.Set<Integer> websites = policy.behaviour().websiteFilter();
    if (!websites.isEmpty() && !websites.contains(customer.websiteId())) {
      return new Skip(
          SkipReason.WEBSITE_FILTERED,
          "customer of website "
              + customer.websiteId()
              + ", not in the website filter "
              + websites);
    }
    String base = binding.baseCurrency();
    ContactKey baseKey = ContactKeying.keyFor(customer, base);
    List<EntityXref> known =
        xrefs
            .findAll(
                binding.tenantId(), ContactResolver.CUSTOMER_ENTITY, baseKey.storeCustomerKey())
            .stream()
            .filter(x -> x.kind().startsWith(CONTACT_KIND))
            .toList();
    if (known.isEmpty()) {
      ContactRoute route = ContactRouting.route(customer, BigDecimal.ZERO, base, policy, false);
      if (route instanceof ContactRoute.Fallback) {
        return new Skip(
            SkipReason.B2C_CONSOLIDATED,
            "B2C consolidation posts this customer's invoices below "
                + policy.b2c().minTotalForIndividual().toPlainString()
                + " to the fallback contact, so no contact of its own is created until an"
                + " invoice needs one");
      }
      return new Create(
          baseKey,
          ContactDrafts.forContact(customer, policy.customerNamePriority(), base, baseKey));
    }
    List<ContactChange> changes = new ArrayList<>();
    for (EntityXref x : known) {
      String currency = x.kind().substring(CONTACT_KIND.length());
      ContactKey key = ContactKeying.keyFor(customer, currency);
      SageContactDraft draft =
          ContactDrafts.forContact(customer, policy.customerNamePriority(), base, key);
      String body = renderer.renderContactUpdate(draft);
      String digest = ContactResolver.digest(body);
      Optional<String> last =
          xrefs.sentDigest(x.tenantId(), x.storeEntityType(), x.storeEntityKey(), x.kind());
      changes.add(
          new ContactChange(
              x, currency, draft, body, digest, last.isPresent() && last.get().equals(digest)));
    }
    EntityXref shown =
        known.stream()
            .filter(x -> x.kind().equals(CONTACT_KIND + base))
            .findFirst()
            .orElse(known.get(0));
    return new Update(List.copyOf(changes), shown);
  }
}
