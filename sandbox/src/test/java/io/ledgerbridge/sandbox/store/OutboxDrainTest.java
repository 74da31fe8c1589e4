package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox drains to a scripted ledger exactly as WIRE §5 and §6.3 describe. */
class OutboxDrainTest {

  private static final Instant NOW = Instant.parse("2026-04-29T10:11:12Z");
  private static final String TENANT = "tenant 1/ü";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestLedger ledger;
  private MutableClock clock;
  private SandboxStore store;

  @BeforeEach
  void start() {
    ledger = new TestLedger();
    clock = new MutableClock(NOW);
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(clock)
                .ledgerBaseUrl(ledger.baseUrl() + "/")
                .backoffScale(0.001)
                .build());
  }

  @AfterEach
  void stop() {
    store.close();
    ledger.close();
  }

  private static StoreInvoice invoice() {
    return StoreInvoice.builder().line("SKU", "Thing", "1", "10", "2").build();
  }

  @Test
  void acceptedEventSucceedsWithTheModulesRequestShape() throws Exception {
    ledger.enqueueReply(202, "{\"sync_run_id\":\"run-abc\"}");

    long id = store.raiseInvoice(invoice());
    TestLedger.Received r = ledger.take();
    await(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/webhooks/magento/tenant%201%2F%C3%BC/invoice.created");
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"magento_entity_id\":1,\"website_id\":1,\"store_id\":1,"
                + "\"occurred_at\":\"2026-04-29T10:11:12Z\","
                + "\"payload\":{\"increment_id\":\"000000001\",\"paid\":false}}");
    assertThat(r.header("Idempotency-Key")).isEqualTo("invoice.created:1");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    String token = r.header("Authorization").substring("Bearer ".length());
    assertThat(r.header("Authorization"))
        .startsWith("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
    JsonNode claims = claims(token);
    assertThat(claims.fieldNames())
        .toIterable()
        .containsExactly("iss", "sub", "aud", "iat", "nbf", "exp", "jti");
    assertThat(claims.get("iss").asText()).isEqualTo("magento");
    assertThat(claims.get("sub").asText()).isEqualTo(TENANT);
    assertThat(claims.get("aud").asText()).isEqualTo("byte8-ledger");
    assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.get("nbf").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(claims.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 60);
    assertThat(claims.get("jti").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    // the token verifies with the outbound subkey: the vector-checked signer made it
    assertThat(token)
        .isEqualTo(
            SandboxStore.outboundToken(
                MASTER, TENANT, NOW.getEpochSecond(), claims.get("jti").asText()));

    OutboxRow row = store.outbox().get(0);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.lastStatusCode()).isEqualTo(202);
    assertThat(row.lastError()).isNull();
    assertThat(store.syncRunId(id)).hasValue("run-abc");
    assertThat(store.syncState("invoice", id).orElseThrow().syncStatus()).isEqualTo("pending");
  }

  @Test
  void transientFailureIsRetriedWithNewJtiSameBodyAndSameKey() throws Exception {
    ledger.enqueueReply(503, "busy");
    ledger.enqueueReply(202, "{\"sync_run_id\":\"run-2\"}");

    long id = store.raiseInvoice(invoice());
    TestLedger.Received first = ledger.take();
    TestLedger.Received second = ledger.take();
    await(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);

    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotency-Key")).isEqualTo(first.header("Idempotency-Key"));
    assertThat(claims(bearer(second)).get("jti").asText())
        .isNotEqualTo(claims(bearer(first)).get("jti").asText());
    OutboxRow row = store.outbox().get(0);
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.lastStatusCode()).isEqualTo(202);
    assertThat(store.syncRunId(id)).hasValue("run-2");
  }

  @Test
  void transientFailureSchedulesTheFirstBackoffStep() throws Exception {
    store.close();
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(clock)
                .ledgerBaseUrl(ledger.baseUrl())
                .backoffScale(1.0)
                .build());
    ledger.enqueueReply(503, "busy");
    store.raiseInvoice(invoice());
    ledger.take();
    await(() -> store.outbox().get(0).attempts() == 1);

    OutboxRow row = store.outbox().get(0);
    assertThat(row.status()).isEqualTo(OutboxRow.Status.PENDING);
    assertThat(row.lastStatusCode()).isNull();
    assertThat(row.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(row.lastError())
        .isEqualTo(
            "Byte8 returned HTTP 503 from "
                + ledger.baseUrl()
                + "/webhooks/magento/tenant%201%2F%C3%BC/invoice.created; will retry.");
  }

  @Test
  void clientErrorDeadLettersImmediately() throws Exception {
    ledger.enqueueReply(422, "{\"error\":\"validation\"}");

    store.raiseInvoice(invoice());
    ledger.take();
    await(() -> store.outbox().get(0).status() == OutboxRow.Status.DEAD_LETTERED);

    OutboxRow row = store.outbox().get(0);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.lastStatusCode()).isEqualTo(422);
    assertThat(row.lastError()).isEqualTo("HTTP 422: {\"error\":\"validation\"}");
    store.drainOutboxNow();
    assertThat(ledger.all()).hasSize(1);
  }

  @Test
  void tenTransientFailuresDeadLetterAsExhausted() throws Exception {
    store.close();
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(clock)
                .ledgerBaseUrl(ledger.baseUrl())
                .backoffScale(0)
                .build());
    for (int i = 0; i < 10; i++) {
      ledger.enqueueReply(500, "");
    }
    store.raiseInvoice(invoice());
    await(() -> store.outbox().get(0).status() == OutboxRow.Status.DEAD_LETTERED);

    OutboxRow row = store.outbox().get(0);
    assertThat(row.attempts()).isEqualTo(10);
    assertThat(row.lastStatusCode()).isNull();
    assertThat(row.lastError()).startsWith("transient_exhausted: ");
    assertThat(ledger.all()).hasSize(10);
  }

  @Test
  void paidInvoiceEnqueuesCreatedThenPaidAndReEnqueueIsDeduplicated() throws Exception {
    long id =
        store.raiseInvoice(StoreInvoice.builder().line("S", "S", "1", "1", "0").paid().build());
    TestLedger.Received created = ledger.take();
    TestLedger.Received paid = ledger.take();
    assertThat(created.path()).endsWith("/invoice.created");
    assertThat(created.bodyText())
        .endsWith("\"payload\":{\"increment_id\":\"000000001\",\"paid\":true}}");
    assertThat(paid.path()).endsWith("/invoice.paid");
    assertThat(paid.bodyText()).endsWith("\"payload\":{\"increment_id\":\"000000001\"}}");
    assertThat(paid.header("Idempotency-Key")).isEqualTo("invoice.paid:" + id);

    store.payInvoice(id); // already paid: nothing new
    StoreOutbox outbox = new StoreOutbox(clock, 0, () -> null);
    assertThat(outbox.enqueue("invoice.created", "{\"a\":1}", "invoice.created:1")).isTrue();
    assertThat(outbox.enqueue("invoice.created", "{\"a\":2}", "invoice.created:1")).isFalse();
    assertThat(outbox.snapshot())
        .singleElement()
        .extracting(OutboxRow::payload)
        .isEqualTo("{\"a\":1}");
    outbox.close();
    await(() -> store.outbox().stream().allMatch(r -> r.status() == OutboxRow.Status.SUCCEEDED));
    assertThat(store.outbox()).hasSize(2);
  }

  @Test
  void openToPaidEnqueuesInvoicePaidOnce() throws Exception {
    long id = store.raiseInvoice(invoice());
    ledger.take();
    store.payInvoice(id);
    store.payInvoice(id);
    TestLedger.Received paid = ledger.take();
    assertThat(paid.header("Idempotency-Key")).isEqualTo("invoice.paid:" + id);
    await(
        () ->
            store.outbox().size() == 2
                && store.outbox().stream().allMatch(r -> r.status() == OutboxRow.Status.SUCCEEDED));
  }

  @Test
  void outboxWaitsUntilALedgerBaseUrlIsKnown() throws Exception {
    store.close();
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER).clock(clock).backoffScale(0.001).build());
    store.raiseInvoice(invoice());
    store.drainOutboxNow();
    assertThat(store.outbox().get(0).status()).isEqualTo(OutboxRow.Status.PENDING);
    assertThat(store.outbox().get(0).attempts()).isZero();

    store.setLedgerBaseUrl(ledger.baseUrl());
    ledger.take();
    await(() -> store.outbox().get(0).status() == OutboxRow.Status.SUCCEEDED);
  }

  @Test
  void networkErrorIsTransient() throws Exception {
    store.close();
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(clock)
                .ledgerBaseUrl("http://127.0.0.1:1")
                .backoffScale(1.0)
                .build());
    store.raiseInvoice(invoice());
    await(() -> store.outbox().get(0).attempts() == 1);
    assertThat(store.outbox().get(0).status()).isEqualTo(OutboxRow.Status.PENDING);
    assertThat(store.outbox().get(0).lastError())
        .startsWith("Network error publishing to Byte8 (http://127.0.0.1:1/webhooks/magento/");
  }

  // ------------------------------------------------------------------ helpers

  private static String bearer(TestLedger.Received r) {
    return r.header("Authorization").substring("Bearer ".length());
  }

  private static JsonNode claims(String token) throws Exception {
    String payload = token.split("\\.")[1];
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(10);
    }
  }
}
