package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.StoreGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code customer.upserted} → the customer's Sage contacts, one per currency (PRODUCT §3): fetch
 * the canonical customer ({@code GET /customer/{id}}), plan ({@link CustomerSyncPlanner}), then
 * create the base-currency contact or {@code PUT /contacts/{id}} each contact whose update differs
 * from the one last sent, recording its digest. An unchanged customer costs no Sage call and the
 * run ends synced. The store is told the base-currency contact (or the first, by currency code) as
 * the customer's Sage entity.
 */
public final class CustomerUpsertedHandler implements SyncEventHandler {
  private final StoreGateway store;
  private final AccountingGateway sage;
  private final EntityXrefRepository xrefs;
  private final ContactResolver contacts;
  private final CustomerSyncPlanner planner;

  public CustomerUpsertedHandler(
      StoreGateway store,
      AccountingGateway sage,
      EntityXrefRepository xrefs,
      ContactResolver contacts) {
    this.store = store;
    this.sage = sage;
    this.xrefs = xrefs;
    this.contacts = contacts;
    this.planner = new CustomerSyncPlanner(xrefs, sage);
  }

  @Override
  public EventType event() {
    return EventType.CUSTOMER_UPSERTED;
  }

  @Override
  public SyncOutcome handle(SyncContext ctx) {
    String[] sent = new String[1];
    try {
      CanonicalContact customer;
      try {
        customer = store.fetchCustomer(ctx.store(), ctx.run().storeEntityId());
      } catch (GatewayException e) {
        if (!ctx.run().event().fromStore()
            && e.errorClass() == io.ledgerbridge.core.failure.ErrorClass.NOT_FOUND) {
          // the sweep looked again at a customer the store has deleted since: nothing to follow
          return new SyncOutcome.Skipped(
              io.ledgerbridge.core.policy.SkipReason.ENTITY_NOT_IN_STORE,
              "the store no longer has customer " + ctx.run().storeEntityId());
        }
        throw e;
      }
      CustomerSyncPlanner.Plan plan = planner.plan(ctx.binding(), ctx.policy(), customer);
      if (plan instanceof CustomerSyncPlanner.Skip s) {
        return new SyncOutcome.Skipped(s.reason(), s.explanation());
      }
      if (plan instanceof CustomerSyncPlanner.Create c) {
        sent[0] =
            sage.renderContact(
                c.draft(), IdempotencyIds.forRun("contact:" + c.key().reference(), ctx.run().id()));
        ContactResolver.Resolution r = contacts.resolveContact(ctx, c.key(), c.draft());
        if (r.how() == ContactResolver.How.CREATED) {
          return new SyncOutcome.Posted(
              r.sageId(),
              c.key().reference(),
              "created contact "
                  + c.key().reference()
                  + " ("
                  + c.key().currency()
                  + ", "
                  + r.sageId()
                  + ")",
              sent[0]);
        }
        // Sage had a contact with this reference already (made by an earlier run whose answer was
        // lost, or by hand): it is now cross-referenced, so plan again to bring it up to date
        plan = planner.plan(ctx.binding(), ctx.policy(), customer);
      }
      return update(ctx, customer, (CustomerSyncPlanner.Update) plan, sent);
    } catch (GatewayException e) {
      return new SyncOutcome.Failed(Failure.of(e), sent[0]);
    }
  }

  private SyncOutcome update(
      SyncContext ctx, CanonicalContact customer, CustomerSyncPlanner.Update plan, String[] sent) {
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (CustomerSyncPlanner.ContactChange c : plan.changes()) {
      if (c.unchanged()) {
        unchanged.add(c.currency());
        continue;
      }
      ctx.gate().beforeSageCall();
      sent[0] = c.body();
      try {
        sage.updateContact(ctx.sage(), c.xref().sageId(), c.draft());
      } catch (GatewayException e) {
        Failure f = Failure.of(e);
        // say which of the customer's contacts Sage refused (a 404: deleted in Sage)
        return new SyncOutcome.Failed(
            new Failure(
                f.isTransient(),
                f.errorClass(),
                f.system(),
                f.operation(),
                f.httpStatus(),
                "the customer's "
                    + c.currency()
                    + " contact "
                    + c.xref().sageId()
                    + ": "
                    + f.message()
                    + (f.errorClass() == io.ledgerbridge.core.failure.ErrorClass.NOT_FOUND
                        ? " (deleted in Sage? restore it there, or remove its cross-reference"
                            + " so a new contact is made)"
                        : ""),
                f.responseBody(),
                f.revokesConnection()),
            sent[0]);
      }
      xrefs.recordSentDigest(
          c.xref().tenantId(),
          c.xref().storeEntityType(),
          c.xref().storeEntityKey(),
          c.xref().kind(),
          c.digest());
      updated.add(c.currency());
    }
    String detail =
        updated.isEmpty()
            ? "unchanged: " + String.join(", ", unchanged) + " (nothing sent)"
            : "updated "
                + String.join(", ", updated)
                + (unchanged.isEmpty() ? "" : "; unchanged: " + String.join(", ", unchanged));
    String shownCurrency = plan.shown().kind().substring(CustomerSyncPlanner.CONTACT_KIND.length());
    return new SyncOutcome.Posted(
        plan.shown().sageId(),
        io.ledgerbridge.core.contact.ContactKeying.keyFor(customer, shownCurrency).reference(),
        "contacts " + detail,
        updated.isEmpty() ? null : sent[0],
        !updated.isEmpty());
  }
}
