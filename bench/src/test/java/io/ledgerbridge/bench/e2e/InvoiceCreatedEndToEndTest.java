package io.ledgerbridge.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.store.OutboxRow;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SyncState;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain over real HTTP on loopback: sandbox store outbox -> chassis webhook -> worker ->
 * store canonical GET -> sandbox Sage -> status push back to the store. Embedded H2 in a temp dir.
 */
class InvoiceCreatedEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static DemoEnvironment env;

  @BeforeAll
  static void start() {
    env = DemoEnvironment.start(config(dataDir.resolve("main")), p -> p);
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  static AppConfig config(Path dir) {
    return AppConfig.from(
            Map.of("LEDGER_HTTP_PORT", "0", "LEDGER_SWEEP_MS", "100", "LEDGER_WORKER_THREADS", "2"))
        .withDataDir(dir);
  }

  private static SampleInvoices.Sample sample(String labelStart) {
    return SampleInvoices.all().stream()
        .filter(s -> s.label().startsWith(labelStart))
        .findFirst()
        .orElseThrow();
  }

  static SyncState awaitTerminal(SandboxStore store, long invoiceId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var s = store.syncState("invoice", invoiceId);
      if (s.isPresent() && !"pending".equals(s.get().syncStatus())) {
        return s.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("invoice " + invoiceId + " never reached a terminal status");
  }

  private static JsonNode sageInvoice(String id) {
    return env.sage().salesInvoices(env.sage().defaultBusinessId()).stream()
        .filter(i -> i.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static long sageInvoicesWithReference(String reference) {
    return env.sage().salesInvoices(env.sage().defaultBusinessId()).stream()
        .filter(i -> i.path("reference").asText().equals(reference))
        .count();
  }

  @Test
  void domesticInvoiceReachesSageAndTheStoreShowsTheSageReference() throws Exception {
    long id = env.store().raiseInvoice(sample("domestic GBP").invoice());

    SyncState state = awaitTerminal(env.store(), id);

    assertThat(state.syncStatus()).isEqualTo("synced");
    assertThat(state.providerReference()).matches("SI-\\d+");
    JsonNode invoice = sageInvoice(state.providerEntityId());
    assertThat(invoice.path("displayed_as").asText()).isEqualTo(state.providerReference());
    assertThat(new BigDecimal(invoice.path("total_amount").asText())).isEqualByComparingTo("30.00");
    assertThat(invoice.path("currency").path("id").asText()).isEqualTo("GBP");
    assertThat(invoice.path("contact_reference").asText()).isEqualTo("M5G");
  }

  @Test
  void euroGuestAbroadIsZeroRatedWithGoodsOrServicesTypeAndExchangeRate() throws Exception {
    long id = env.store().raiseInvoice(sample("EUR guest").invoice());

    SyncState state = awaitTerminal(env.store(), id);

    assertThat(state.syncStatus()).isEqualTo("synced");
    JsonNode invoice = sageInvoice(state.providerEntityId());
    assertThat(invoice.path("currency").path("id").asText()).isEqualTo("EUR");
    assertThat(new BigDecimal(invoice.path("exchange_rate").asText())).isEqualByComparingTo("1.17");
    assertThat(new BigDecimal(invoice.path("total_amount").asText())).isEqualByComparingTo("54.99");
    assertThat(invoice.path("shipping_tax_rate").path("id").asText()).isEqualTo("GB_ZERO");
    for (JsonNode line : invoice.path("invoice_lines")) {
      assertThat(line.path("tax_rate").path("id").asText()).isEqualTo("GB_ZERO");
      assertThat(line.path("eu_goods_services_type").path("id").asText()).isEqualTo("GOODS");
    }
  }

  @Test
  void duplicateWebhookGetsTheSameRunIdAndCreatesOneSageInvoice() throws Exception {
    long id = env.store().raiseInvoice(sample("B2B company").invoice());
    SyncState state = awaitTerminal(env.store(), id);
    OutboxRow row = outboxRow("invoice.created:" + id);
    String firstRunId = env.store().syncRunId(id).orElseThrow();

    HttpResponse<String> again =
        postWebhook(
            row.eventName(),
            row.idempotencyKey(),
            row.payload(),
            freshToken(UUID.randomUUID().toString()));

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.body()).isEqualTo("{\"sync_run_id\":\"" + firstRunId + "\"}");
    Thread.sleep(300); // a wrongly queued second run would have posted by now
    String reference = sageInvoice(state.providerEntityId()).path("reference").asText();
    assertThat(sageInvoicesWithReference(reference)).isEqualTo(1);
    assertThat(runsFor(id)).hasSize(1);
  }

  @Test
  void replayedAndTamperedTokensAreRejectedAndNothingIsStored() throws Exception {
    String body =
        "{\"magento_entity_id\":990001,\"website_id\":1,\"store_id\":1,"
            + "\"occurred_at\":\"2026-11-27T10:00:00Z\",\"payload\":{\"increment_id\":\"990001\",\"paid\":false}}";
    String token = freshToken("replay-" + UUID.randomUUID());
    int before = allRuns().size();

    HttpResponse<String> first =
        postWebhook("invoice.created", "invoice.created:990001", body, token);
    HttpResponse<String> replay =
        postWebhook("invoice.created", "invoice.created:990002", body, token);
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    HttpResponse<String> forged =
        postWebhook("invoice.created", "invoice.created:990003", body, tampered);
    String otherTenant =
        SandboxStore.outboundToken(
            env.apiKey(),
            "someone-else",
            Instant.now().getEpochSecond(),
            UUID.randomUUID().toString());
    HttpResponse<String> wrongSub =
        postWebhook("invoice.created", "invoice.created:990004", body, otherTenant);

    assertThat(first.statusCode()).isEqualTo(202);
    for (HttpResponse<String> r : List.of(replay, forged, wrongSub)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }
    List<SyncRun> runs = allRuns();
    assertThat(runs).hasSize(before + 1);
    assertThat(runs)
        .extracting(SyncRun::idempotencyKey)
        .doesNotContain(
            "invoice.created:990002", "invoice.created:990003", "invoice.created:990004");
  }

  @Test
  void sageUnavailableOnceThenTheRetrySucceeds() throws Exception {
    env.sage().failNext("/sales_invoices", 503, 1);
    long id = env.store().raiseInvoice(sample("per-line discounts").invoice());

    SyncState state = awaitTerminal(env.store(), id);

    assertThat(state.syncStatus()).isEqualTo("synced");
    SyncRun run = runsFor(id).get(0);
    assertThat(attempts(run)).extracting(SyncAttempt::outcome).containsExactly("transient", "ok");
    assertThat(attempts(run).get(0).httpStatus()).isEqualTo(503);
  }

  @Test
  void sageFailingAfterCommitIsRetriedWithoutADuplicateInvoice() throws Exception {
    env.sage().failNextAfterCommit("/sales_invoices", 1);
    long id = env.store().raiseInvoice(sample("product name with HTML").invoice());

    SyncState state = awaitTerminal(env.store(), id);

    assertThat(state.syncStatus()).isEqualTo("synced");
    JsonNode invoice = sageInvoice(state.providerEntityId());
    assertThat(sageInvoicesWithReference(invoice.path("reference").asText())).isEqualTo(1);
    assertThat(invoice.path("invoice_lines").get(0).path("description").asText())
        .isEqualTo("Lumaflex™ Band & Strap");
    assertThat(attempts(runsFor(id).get(0)))
        .extracting(SyncAttempt::outcome)
        .containsExactly("transient", "ok");
  }

  @Test
  void zeroValueInvoiceIsSkippedByPolicyAndTheStoreIsToldWhy() throws Exception {
    long id = env.store().raiseInvoice(sample("zero-value").invoice());

    SyncState state = awaitTerminal(env.store(), id);

    assertThat(state.syncStatus()).isEqualTo("skipped");
    assertThat(state.skipReason()).isEqualTo("zero_value_invoice");
    assertThat(state.providerEntityId()).isNull();
  }

  @Test
  void sageValidationErrorEndsTheRunFailedAndTheStoreIsToldValidation() throws Exception {
    try (DemoEnvironment bad =
        DemoEnvironment.start(
            config(dataDir.resolve("bad-ledger")),
            p ->
                SyncPolicy.of(
                    p.syncUnpaidInvoices(),
                    p.syncZeroValueInvoices(),
                    p.syncSince(),
                    p.websiteFilter(),
                    p.storeFilter(),
                    p.defaultTaxRateId(),
                    "0123456789abcdef0123456789abcdef",
                    p.taxRateMap(),
                    p.zeroTaxRateId(),
                    p.invoiceNumberPrefix(),
                    p.customerNamePriority(),
                    p.defaultEuGoodsServicesType()))) {
      long id = bad.store().raiseInvoice(sample("domestic GBP").invoice());

      SyncState state = awaitTerminal(bad.store(), id);

      assertThat(state.syncStatus()).isEqualTo("failed");
      assertThat(state.errorCode()).isEqualTo("validation");
      SyncRun run = bad.chassis().query().recent(RunQuery.latest(10)).get(0);
      List<SyncAttempt> tries = bad.chassis().query().attempts(run.id());
      assertThat(tries)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.httpStatus()).isEqualTo(422);
                assertThat(a.responseBody()).contains("$dataCode");
                assertThat(a.requestBody()).contains("\"sales_invoice\"");
              });
      assertThat(bad.sage().salesInvoices(bad.sage().defaultBusinessId())).isEmpty();
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String freshToken(String jti) {
    return SandboxStore.outboundToken(
        env.apiKey(), env.tenant(), Instant.now().getEpochSecond(), jti);
  }

  private static HttpResponse<String> postWebhook(
      String event, String key, String body, String token) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(env.chassisUrl() + "/webhooks/magento/" + env.tenant() + "/" + event))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static OutboxRow outboxRow(String key) {
    return env.store().outbox().stream()
        .filter(r -> r.idempotencyKey().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static List<SyncRun> allRuns() {
    return env.chassis().query().recent(RunQuery.latest(1000));
  }

  private static List<SyncRun> runsFor(long invoiceId) {
    return env.chassis()
        .query()
        .recent(new RunQuery(null, null, "invoice.created", invoiceId, 100));
  }

  private static List<SyncAttempt> attempts(SyncRun run) {
    return env.chassis().query().attempts(run.id());
  }
}
