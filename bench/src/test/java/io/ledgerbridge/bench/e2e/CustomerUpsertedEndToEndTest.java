package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreContact;
import io.ledgerbridge.sandbox.store.StoreCustomer;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code customer.upserted} over real HTTP: the sandbox store's customer saves reach the chassis,
 * which fetches {@code GET /customer/{id}} and creates or updates the customer's Sage contacts in
 * the sandbox Sage (each request validated against Sage's schema there). The store drops a repeat
 * of the fixed key while the first row is in its outbox, so each later save here follows the
 * store's 30-day outbox clean-up.
 */
class CustomerUpsertedEndToEndTest {
  private static final StoreAddress LONDON =
      StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB").withTelephone("020 7946 0000");
  private static final StoreAddress LEEDS = StoreAddress.of("9 Park Row", "Leeds", "LS1 5HD", "GB");

  @TempDir Path dataDir;
  private DemoEnvironment env;

  private void start(java.util.function.UnaryOperator<SyncPolicy> policy) {
    env = DemoEnvironment.start(ConnectE2e.config(dataDir), policy, 0.01);
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private static StoreCustomer jane(long id, StoreAddress address) {
    return StoreCustomer.builder()
        .id(id)
        .email("jane.doe@example.com")
        .name("Jane", "Doe")
        .defaultAddress(address)
        .build();
  }

  @Test
  void aNewCustomerGetsItsContactAnInvoiceFindsItAndAnEditReachesEveryContactOnce()
      throws Exception {
    start(p -> p);
    String business = env.sage().defaultBusinessId();
    long id = env.store().saveCustomer(jane(501, LONDON));

    SyncState created = awaitCustomerRun(id, 1);

    assertThat(created.syncStatus()).isEqualTo("synced");
    JsonNode contact = env.sage().contact(business, created.providerEntityId()).orElseThrow();
    assertThat(contact.path("reference").asText()).isEqualTo("M501G");
    assertThat(contact.path("name").asText()).isEqualTo("Jane Doe");
    assertThat(contact.path("currency").path("id").asText()).isEqualTo("GBP");
    assertThat(contact.path("main_address").path("city").asText()).isEqualTo("London");

    // the first invoice of that customer posts to that contact: no second contact
    long invoice = env.store().raiseInvoice(invoiceFor(id, "GBP", null));
    await("invoice synced", () -> terminal("invoice", invoice));
    assertThat(env.sage().contacts(business)).hasSize(1);
    JsonNode sageInvoice =
        env.sage()
            .salesInvoice(
                business,
                env.store().syncState("invoice", invoice).orElseThrow().providerEntityId())
            .orElseThrow();
    assertThat(sageInvoice.path("contact").path("id").asText())
        .isEqualTo(created.providerEntityId());

    // a EUR invoice gives the customer its EUR contact
    long euro = env.store().raiseInvoice(invoiceFor(id, "EUR", "1.1700"));
    await("EUR invoice synced", () -> terminal("invoice", euro));
    assertThat(env.sage().contacts(business)).hasSize(2);

    // the customer moves: both contacts follow, with one PUT each
    int putsBefore = env.sage().putCount("/contacts");
    nextOutboxDay();
    env.store().saveCustomer(jane(id, LEEDS));
    SyncState moved = awaitCustomerRun(id, 2);

    assertThat(moved.syncStatus()).isEqualTo("synced");
    assertThat(env.sage().putCount("/contacts")).isEqualTo(putsBefore + 2);
    for (JsonNode c : env.sage().contacts(business)) {
      JsonNode full = env.sage().contact(business, c.path("id").asText()).orElseThrow();
      assertThat(full.path("main_address").path("city").asText()).isEqualTo("Leeds");
    }
    assertThat(env.chassis().query().attempts(latestRun(id).id()))
        .anySatisfy(a -> assertThat(a.toString()).contains("updated EUR, GBP"));

    // saved again unchanged: the run ends synced without a Sage write
    nextOutboxDay();
    env.store().saveCustomer(jane(id, LEEDS));
    SyncState same = awaitCustomerRun(id, 3);

    assertThat(same.syncStatus()).isEqualTo("synced");
    assertThat(env.sage().putCount("/contacts")).isEqualTo(putsBefore + 2);
    assertThat(env.sage().contacts(business)).hasSize(2);
  }

  @Test
  void underB2cConsolidationANewCustomerGetsNoContactOfItsOwn() throws Exception {
    start(
        p ->
            p.withB2c(
                new SyncPolicy.B2cConsolidation(
                    true, "Web Sales", null, "WEBSALES", new BigDecimal("100.00"), true)));
    long id = env.store().saveCustomer(jane(777, LONDON));

    SyncState skipped = awaitCustomerRun(id, 1);

    assertThat(skipped.syncStatus()).isEqualTo("skipped");
    assertThat(skipped.toString()).contains("b2c_consolidated");
    assertThat(env.sage().contacts(env.sage().defaultBusinessId())).isEmpty();
  }

  @Test
  void aReferenceHeldByAContactDeletedInSageFailsNamingTheReference() throws Exception {
    start(p -> p);
    String business = env.sage().defaultBusinessId();
    // a contact M77G made in Sage by someone else, then deleted there: Sage keeps its reference
    ConnectE2e.Answer made =
        ConnectE2e.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(env.sage().apiBaseUrl() + "/contacts"))
                .header(
                    "Authorization",
                    "Bearer " + env.sage().issueAccessToken(DemoEnvironment.CLIENT_ID))
                .header("X-Business", business)
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"contact\":{\"name\":\"Old Jane\",\"contact_type_ids\":[\"CUSTOMER\"],"
                            + "\"reference\":\"M77G\",\"currency_id\":\"GBP\"}}")));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    env.sage().deleteContact(business, made.json().path("id").asText());

    long id = env.store().saveCustomer(jane(77, LONDON));
    await(
        "customer run ended",
        () -> {
          List<SyncRun> r = runs(id);
          return !r.isEmpty() && r.get(0).status().isTerminal();
        });

    SyncRun run = latestRun(id);
    assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
    assertThat(run.errorMessage())
        .contains("contact reference M77G is reserved by a deleted Sage contact")
        .contains("restore it in Sage");
    await("failure pushed", () -> terminal("customer", id));
    assertThat(env.store().syncState("customer", id).orElseThrow().syncStatus())
        .isEqualTo("failed");
  }

  // ------------------------------------------------------------------ helpers

  private StoreInvoice invoiceFor(long customerId, String currency, String rate) {
    StoreInvoice.Builder b =
        StoreInvoice.builder()
            .currency(currency)
            .customer(
                StoreContact.registered(customerId, "jane.doe@example.com", "Jane", "Doe")
                    .withDefaultAddresses(LONDON, LONDON))
            .billingAddress(LONDON)
            .shippingAddress(LONDON)
            .line("WB-01", "Water Bottle", "2", "10.00", "4.00")
            .shipping("5.00", "1.00")
            .paymentMethod("checkmo");
    if (rate != null) {
      b.baseToOrderRate(rate);
    }
    return b.build();
  }

  /**
   * The store's outbox clean-up as it runs 31 days on: the next save of the key is sent. The
   * envelope's {@code occurred_at} has one-second precision and the chassis dedupes on (key,
   * occurred_at), so the test lets a second pass first: a real store's repeat comes 30 days later.
   */
  private void nextOutboxDay() throws InterruptedException {
    assertThat(env.store().runOutboxGcAsOf(Instant.now().plus(Duration.ofDays(31)))).isPositive();
    Thread.sleep(1_100);
  }

  private boolean terminal(String type, long id) {
    return env.store()
        .syncState(type, id)
        .map(s -> !"pending".equals(s.syncStatus()))
        .orElse(false);
  }

  private List<SyncRun> runs(long customerId) {
    return env.chassis()
        .query()
        .recent(new RunQuery(null, null, "customer.upserted", customerId, 20));
  }

  private SyncRun latestRun(long customerId) {
    return runs(customerId).get(0);
  }

  /** Waits until the customer's {@code n}-th run has ended; returns the store's state row. */
  private SyncState awaitCustomerRun(long customerId, int n) throws InterruptedException {
    await(
        "customer run " + n + " ended",
        () -> {
          List<SyncRun> r = runs(customerId);
          return r.size() >= n && r.get(0).status().isTerminal();
        });
    SyncRun run = latestRun(customerId);
    await(
        "customer state pushed",
        () ->
            env.store()
                .syncState("customer", customerId)
                .map(s -> !"pending".equals(s.syncStatus()))
                .orElse(false));
    assertThat(run.status()).isIn(SyncRunStatus.SUCCEEDED, SyncRunStatus.SKIPPED_BY_POLICY);
    return env.store().syncState("customer", customerId).orElseThrow();
  }
}
