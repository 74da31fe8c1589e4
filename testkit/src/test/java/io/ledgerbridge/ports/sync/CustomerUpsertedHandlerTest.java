package io.ledgerbridge.ports.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.EntityXrefRepository.EntityXref;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryEntityXrefRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code customer.upserted} on its own: the customer's contacts follow the store, or nothing. */
class CustomerUpsertedHandlerTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T);
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final FakeAccountingGateway sage = new FakeAccountingGateway();
  private final InMemoryEntityXrefRepository xrefs = new InMemoryEntityXrefRepository();
  private final ContactResolver contacts = new ContactResolver(sage, xrefs, clock);
  private final CustomerUpsertedHandler handler =
      new CustomerUpsertedHandler(store, sage, xrefs, contacts);
  private int sageCalls;

  private SyncContext context(SyncPolicy policy) {
    Binding binding =
        new Binding(
            "t1",
            "http://store.test",
            "http://sage.test/v3.1",
            "http://sage.test/token",
            "b".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            T);
    SyncRun run =
        SyncRun.accepted(UUID.randomUUID(), "t1", EventType.CUSTOMER_UPSERTED, 5, "k", 1, T)
            .start(T);
    return SyncContext.of(
        run, binding, new BindingSecrets("key", "client", "secret"), policy, () -> sageCalls++);
  }

  private static SyncPolicy policy() {
    return SyncPolicy.defaults("ledger-4000");
  }

  private static CanonicalContact customer(String city) {
    CanonicalAddress billing =
        new CanonicalAddress("billing", List.of("1 High St"), city, null, "SW1A 1AA", "GB", null);
    return new CanonicalContact(
        5,
        "jane@example.com",
        "Jane",
        "Doe",
        null,
        "020 7946 0000",
        1,
        1,
        List.of(billing),
        null,
        null);
  }

  private void knownContact(String currency, String sageId) {
    xrefs.record(
        new EntityXref("t1", "customer", "M5", "contact:" + currency, sageId, "Jane Doe", T));
  }

  @Test
  void handlesTheCustomerUpsertedEvent() {
    assertThat(handler.event()).isEqualTo(EventType.CUSTOMER_UPSERTED);
  }

  @Test
  void aCustomerWithoutContactsGetsItsBaseCurrencyContactKeyedAsInvoicesKeyIt() {
    store.customers.put(5L, customer("London"));

    SyncOutcome outcome = handler.handle(context(policy()));

    assertThat(outcome).isInstanceOf(SyncOutcome.Posted.class);
    SyncOutcome.Posted posted = (SyncOutcome.Posted) outcome;
    assertThat(sage.createdContacts)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.reference()).isEqualTo("M5G");
              assertThat(d.currencyId()).isEqualTo("GBP");
              assertThat(d.name()).isEqualTo("Jane Doe");
            });
    assertThat(posted.detail()).startsWith("created contact M5G (GBP, ");
    assertThat(posted.sageReference()).isEqualTo("M5G"); // what the store's grid shows
    assertThat(posted.sentBody()).contains("M5G");
    assertThat(xrefs.find("t1", "customer", "M5", "contact:GBP")).isPresent();
    // found by an invoice later: no second contact
    assertThat(
            contacts.resolve(
                context(policy()),
                io.ledgerbridge.core.contact.ContactKeying.keyFor(customer("London"), "GBP"),
                null))
        .isEqualTo(posted.sageId());
    assertThat(sage.createdContacts).hasSize(1);
  }

  @Test
  void theSameCustomerAgainSendsNothing() {
    store.customers.put(5L, customer("London"));
    handler.handle(context(policy()));
    int calls = sageCalls;

    SyncOutcome again = handler.handle(context(policy()));

    assertThat(again).isInstanceOf(SyncOutcome.Posted.class);
    assertThat(((SyncOutcome.Posted) again).detail())
        .isEqualTo("contacts unchanged: GBP (nothing sent)");
    assertThat(((SyncOutcome.Posted) again).sentBody()).isNull();
    assertThat(sage.updatedContacts).isEmpty();
    assertThat(sageCalls).isEqualTo(calls);
  }

  @Test
  void aChangedAddressUpdatesEveryContactOfTheCustomerOnceThenNothing() {
    knownContact("GBP", "a".repeat(32));
    knownContact("EUR", "e".repeat(32));
    store.customers.put(5L, customer("London"));

    SyncOutcome first = handler.handle(context(policy()));
    store.customers.put(5L, customer("Leeds"));
    SyncOutcome moved = handler.handle(context(policy()));
    SyncOutcome same = handler.handle(context(policy()));

    assertThat(((SyncOutcome.Posted) first).detail()).isEqualTo("contacts updated EUR, GBP");
    assertThat(((SyncOutcome.Posted) moved).detail()).isEqualTo("contacts updated EUR, GBP");
    assertThat(((SyncOutcome.Posted) same).detail())
        .isEqualTo("contacts unchanged: EUR, GBP (nothing sent)");
    assertThat(sage.updatedContacts).hasSize(4);
    assertThat(sage.updatedContacts.get(2).getValue().mainAddress().city()).isEqualTo("Leeds");
    assertThat(sage.updatedContacts.get(2).getValue().name()).isEqualTo("Jane Doe (EUR)");
    assertThat(sage.updatedContacts.get(3).getKey()).isEqualTo("a".repeat(32));
    // the store is told the base-currency contact
    assertThat(((SyncOutcome.Posted) same).sageId()).isEqualTo("a".repeat(32));
    assertThat(sage.createdContacts).isEmpty();
  }

  @Test
  void aContactCreatedForAnInvoiceIsNotSentAgainWhenTheCustomerIsTheSame() {
    store.customers.put(5L, customer("London"));
    var key = io.ledgerbridge.core.contact.ContactKeying.keyFor(customer("London"), "GBP");
    contacts.resolve(
        context(policy()),
        key,
        io.ledgerbridge.core.contact.ContactDrafts.forContact(
            customer("London"), "Company", "GBP", key));

    SyncOutcome outcome = handler.handle(context(policy()));

    assertThat(((SyncOutcome.Posted) outcome).detail())
        .isEqualTo("contacts unchanged: GBP (nothing sent)");
    assertThat(sage.updatedContacts).isEmpty();
  }

  @Test
  void aContactSageAlreadyHadByReferenceIsAdoptedAndBroughtUpToDate() {
    store.customers.put(5L, customer("London"));
    sage.contactsByReference.put("M5G", new SageRef("c".repeat(32), "Jane Doe (M5G)"));

    SyncOutcome outcome = handler.handle(context(policy()));

    assertThat(sage.createdContacts).isEmpty();
    assertThat(sage.updatedContacts)
        .singleElement()
        .satisfies(u -> assertThat(u.getKey()).isEqualTo("c".repeat(32)));
    assertThat(((SyncOutcome.Posted) outcome).detail()).isEqualTo("contacts updated GBP");
  }

  @Test
  void underB2cConsolidationNoContactIsCreatedForANewCustomer() {
    store.customers.put(5L, customer("London"));
    SyncPolicy consolidating =
        policy()
            .withB2c(
                new SyncPolicy.B2cConsolidation(
                    true, "Web Sales", null, "WEBSALES", new BigDecimal("50.00"), true));

    SyncOutcome outcome = handler.handle(context(consolidating));

    assertThat(outcome).isInstanceOf(SyncOutcome.Skipped.class);
    assertThat(((SyncOutcome.Skipped) outcome).reason()).isEqualTo(SkipReason.B2C_CONSOLIDATED);
    assertThat(sage.createdContacts).isEmpty();
    assertThat(sageCalls).isZero();
  }

  @Test
  void underB2cConsolidationAKnownContactIsStillKeptUpToDate() {
    knownContact("GBP", "a".repeat(32));
    store.customers.put(5L, customer("London"));
    SyncPolicy consolidating =
        policy()
            .withB2c(
                new SyncPolicy.B2cConsolidation(
                    true, "Web Sales", null, "WEBSALES", new BigDecimal("50.00"), true));

    SyncOutcome outcome = handler.handle(context(consolidating));

    assertThat(((SyncOutcome.Posted) outcome).detail()).isEqualTo("contacts updated GBP");
  }

  @Test
  void aContactDeletedInSageFailsNamingIt() {
    knownContact("GBP", "a".repeat(32));
    store.customers.put(5L, customer("London"));
    sage.contactUpdateFailures.add(
        new PermanentGatewayException(
            "sage",
            "update_contact",
            404,
            "r1",
            ErrorClass.NOT_FOUND,
            "no such contact",
            null,
            null));

    SyncOutcome outcome = handler.handle(context(policy()));

    assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
    assertThat(((SyncOutcome.Failed) outcome).failure().message())
        .contains("the customer's GBP contact " + "a".repeat(32))
        .contains("no such contact")
        .contains("deleted in Sage?");
    assertThat(((SyncOutcome.Failed) outcome).failure().errorClass())
        .isEqualTo(ErrorClass.NOT_FOUND);
    assertThat(xrefs.sentDigest("t1", "customer", "M5", "contact:GBP")).isEmpty();
  }

  @Test
  void aStoreFailureIsAFailureWithNothingSent() {
    SyncOutcome outcome = handler.handle(context(policy()));

    assertThat(outcome).isInstanceOf(SyncOutcome.Failed.class);
    assertThat(sageCalls).isZero();
  }

  @Test
  void aCustomerOfAWebsiteOutsideTheFilterIsSkipped() {
    store.customers.put(5L, customer("London")); // website 1
    SyncPolicy p = policy();
    SyncPolicy filtered =
        p.withBehaviour(
            new SyncPolicy.SyncBehaviour(
                p.behaviour().syncUnpaidInvoices(),
                p.behaviour().syncZeroValueInvoices(),
                p.behaviour().syncSince(),
                java.util.Set.of(2),
                p.behaviour().storeFilter(),
                false,
                false));

    SyncOutcome outcome = handler.handle(context(filtered));

    assertThat(outcome).isInstanceOf(SyncOutcome.Skipped.class);
    assertThat(((SyncOutcome.Skipped) outcome).reason()).isEqualTo(SkipReason.WEBSITE_FILTERED);
    assertThat(sageCalls).isZero();
  }
}
