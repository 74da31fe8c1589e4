package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.contact.ContactKey;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds or creates the Sage contact of a {@link ContactKey} (one per customer and currency, or the
 * B2C fallback contact), in this order: the cross-reference; a Sage customer contact with the key's
 * reference (a contact created earlier, perhaps by a run whose answer was lost); a new contact.
 * Whatever is found is remembered as the cross-reference, so the next document of that customer in
 * that currency makes no contact call at all. Shared by every handler that posts to a contact.
 */
public final class ContactResolver {
  /** The cross-reference entity of contacts (one row per contact key). */
  static final String CUSTOMER_ENTITY = "customer";

  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final Clock clock;

  public ContactResolver(AccountingGateway sage, EntityXrefRepository xrefs, Clock clock) {
    this.sage = sage;
    this.xrefs = xrefs;
    this.clock = clock;
  }

  /** The contact's cross-reference, if this binding already knows it. */
  static Optional<EntityXref> find(EntityXrefRepository xrefs, String tenantId, ContactKey key) {
    return xrefs.find(tenantId, CUSTOMER_ENTITY, key.storeCustomerKey(), key.xrefKind());
  }

  /**
   * The Sage id of the contact for {@code key}, creating it from {@code draft} when Sage has none.
   * The creation's idempotency id is derived from {@code runId}, so a retry of the same run cannot
   * create a second contact.
   */
  public String resolve(SyncContext ctx, ContactKey key, SageContactDraft draft) {
    return resolveContact(ctx, key, draft).sageId();
  }

  /** How {@link #resolveContact} came by the contact. */
  public enum How {
    /** The cross-reference named it. */
    KNOWN,
    /** Sage had a customer contact with the key's reference. */
    FOUND,
    /** This run created it. */
    CREATED
  }

  /** The contact, what Sage displays of it, and how it was come by. */
  public record Resolution(String sageId, String displayedAs, How how) {}

  /**
   * As {@link #resolve}, saying how the contact was come by. A contact this run creates gets the
   * digest of its update body recorded, so a {@code customer.upserted} with the same data sends
   * nothing.
   */
  public Resolution resolveContact(SyncContext ctx, ContactKey key, SageContactDraft draft) {
    return resolveContact(ctx, key, draft, find(xrefs, ctx.tenantId(), key));
  }

  /**
   * As {@link #resolve}, with the contact's cross-reference as the caller read it under this run's
   * business lease (a plan's look-up), so it is not read a second time.
   */
  public String resolve(
      SyncContext ctx, ContactKey key, SageContactDraft draft, Optional<EntityXref> known) {
    return resolveContact(ctx, key, draft, known).sageId();
  }

  private Resolution resolveContact(
      SyncContext ctx, ContactKey key, SageContactDraft draft, Optional<EntityXref> xref) {
    if (xref.isPresent()) {
      return new Resolution(xref.get().sageId(), xref.get().sageReference(), How.KNOWN);
    }
    ctx.gate().beforeSageCall();
    Optional<SageRef> found = sage.findContactByReference(ctx.sage(), key.reference());
    SageRef contact = found.orElseGet(() -> create(ctx, ctx.run().id(), key, draft));
    EntityXref recorded =
        xrefs.record(
            new EntityXref(
                ctx.tenantId(),
                CUSTOMER_ENTITY,
                key.storeCustomerKey(),
                key.xrefKind(),
                contact.id(),
                contact.displayedAs(),
                clock.instant()));
    if (found.isEmpty() && recorded.sageId().equals(contact.id())) {
      xrefs.recordSentDigest(
          ctx.tenantId(),
          CUSTOMER_ENTITY,
          key.storeCustomerKey(),
          key.xrefKind(),
          digest(sage.renderContactUpdate(draft)));
      return new Resolution(contact.id(), contact.displayedAs(), How.CREATED);
    }
    return new Resolution(recorded.sageId(), recorded.sageReference(), How.FOUND);
  }

  /** Lower-case hex SHA-256 of a request body, as recorded for the no-change rule. */
  public static String digest(String body) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private SageRef create(SyncContext ctx, UUID runId, ContactKey key, SageContactDraft draft) {
    String idem = IdempotencyIds.forRun("contact:" + key.reference(), runId);
    try {
      ctx.gate().beforeSageCall();
      return sage.createContact(ctx.sage(), draft, idem);
    } catch (PermanentGatewayException e) {
      // Another run may have created the same contact in the meantime: look once more.
      return sage.findContactByReference(ctx.sage(), key.reference()).orElseThrow(() -> e);
    }
  }
}
