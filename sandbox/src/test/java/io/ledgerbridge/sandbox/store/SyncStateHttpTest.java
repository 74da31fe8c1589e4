package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /rest/V1/byte8/sync-state (WIRE §4). */
class SyncStateHttpTest {

  private static final String PATH = "/rest/V1/byte8/sync-state";
  private SandboxStore store;
  private StoreClient client;

  @BeforeEach
  void start() {
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .build());
    client = new StoreClient(store, MASTER, IAT);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void syncedCallbackIsStoredAndAnswered200EmptyArray() throws Exception {
    HttpResponse<String> r =
        client.post(
            PATH,
            "{\"entity_type\":\"invoice\",\"magento_entity_id\":42,\"provider\":\"sage_accounting\","
                + "\"sync_status\":\"synced\",\"provider_entity_id\":\"df6b646cf16\","
                + "\"provider_reference\":\"SI-27\",\"skip_reason\":null,\"error_code\":null,"
                + "\"last_sync_at\":\"2026-04-29T10:11:12Z\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("[]");
    assertThat(store.syncState("invoice", 42))
        .hasValue(
            new SyncState(
                "invoice",
                42,
                "sage_accounting",
                "synced",
                "df6b646cf16",
                "SI-27",
                null,
                null,
                "2026-04-29 10:11:12"));
    assertThat(store.syncStateCalls()).hasSize(1);
    assertThat(store.syncStateCalls().get(0).accepted()).isTrue();
  }

  @Test
  void camelCaseKeysAndNumericStringIdsAreAccepted() throws Exception {
    HttpResponse<String> r =
        client.post(
            PATH,
            "{\"entityType\":\"invoice\",\"magentoEntityId\":\"7\",\"provider\":\"sage_accounting\","
                + "\"syncStatus\":\"skipped\",\"skipReason\":\"payment_method_not_mapped\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(store.syncState("invoice", 7).orElseThrow().skipReason())
        .isEqualTo("payment_method_not_mapped");
    assertThat(store.syncState("invoice", 7).orElseThrow().lastSyncAt())
        .isEqualTo("2026-01-01 00:00:00");
  }

  @Test
  void upsertOverwritesAndOmittedOptionalsAreCleared() throws Exception {
    client.post(PATH, body("invoice", "9", "failed") + ",\"error_code\":\"provider\"}");
    client.post(PATH, body("invoice", "9", "synced") + ",\"provider_reference\":\"SI-1\"}");
    SyncState s = store.syncState("invoice", 9).orElseThrow();
    assertThat(s.syncStatus()).isEqualTo("synced");
    assertThat(s.errorCode()).isNull();
    assertThat(s.providerReference()).isEqualTo("SI-1");
  }

  @Test
  void longValuesAreTruncatedLikeNonStrictMysql() throws Exception {
    String longRef = "R".repeat(70);
    client.post(
        PATH, body("invoice", "3", "synced") + ",\"provider_reference\":\"" + longRef + "\"}");
    assertThat(store.syncState("invoice", 3).orElseThrow().providerReference())
        .isEqualTo("R".repeat(64));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"entity_type\":\"order\",\"magento_entity_id\":1,\"provider\":\"p\",\"sync_status\":\"synced\"}"
            + "|{\"message\":\"Unknown entity_type %1; expected one of: %2\",\"parameters\":[\"order\","
            + "\"invoice, creditmemo, customer, product\"]}",
        "{\"entity_type\":\"Invoice\",\"magento_entity_id\":0,\"provider\":\"\",\"sync_status\":\"x\"}"
            + "|{\"message\":\"Unknown entity_type %1; expected one of: %2\",\"parameters\":[\"Invoice\","
            + "\"invoice, creditmemo, customer, product\"]}",
        "{\"entity_type\":\"invoice\",\"magento_entity_id\":0,\"provider\":\"\",\"sync_status\":\"x\"}"
            + "|{\"message\":\"magento_entity_id must be positive\"}",
        "{\"entity_type\":\"invoice\",\"magento_entity_id\":\"-3\",\"provider\":\"p\",\"sync_status\":\"synced\"}"
            + "|{\"message\":\"magento_entity_id must be positive\"}",
        "{\"entity_type\":\"invoice\",\"magento_entity_id\":5,\"provider\":\"\",\"sync_status\":\"x\"}"
            + "|{\"message\":\"provider must be non-empty\"}",
        "{\"entity_type\":\"invoice\",\"magento_entity_id\":5,\"provider\":\"p\",\"sync_status\":\"pending\"}"
            + "|{\"message\":\"Invalid sync_status %1; pending is Magento-side only and must not arrive"
            + " via callback. Expected: %2\",\"parameters\":[\"pending\",\"synced, skipped, failed\"]}",
        "{\"entity_type\":\"invoice\",\"magento_entity_id\":5,\"provider\":\"p\",\"sync_status\":null}"
            + "|{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
            + "\"parameters\":{\"fieldName\":\"syncStatus\"}}",
        "{\"entity_type\":\"invoice\",\"magento_entity_id\":\"abc\",\"provider\":\"p\",\"sync_status\":\"synced\"}"
            + "|{\"message\":\"The \\\"%value\\\" value's type is invalid. The \\\"%type\\\" type was"
            + " expected. Verify and try again.\",\"parameters\":{\"value\":\"abc\",\"type\":\"int\"}}",
      })
  void validationFailuresAre400WithTheModuleMessages(String request, String expected)
      throws Exception {
    HttpResponse<String> r = client.post(PATH, request);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(expected);
    assertThat(store.syncStateCalls())
        .singleElement()
        .extracting(SyncStateCall::responseStatus)
        .isEqualTo(400);
  }

  @Test
  void severalMissingParametersGiveTheInputExceptionsList() throws Exception {
    HttpResponse<String> r = client.post(PATH, "{\"provider\":\"p\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"One or more input exceptions have occurred.\",\"errors\":["
                + "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
                + "\"parameters\":{\"fieldName\":\"entityType\"}},"
                + "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
                + "\"parameters\":{\"fieldName\":\"magentoEntityId\"}},"
                + "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\","
                + "\"parameters\":{\"fieldName\":\"syncStatus\"}}]}");
  }

  @Test
  void unauthenticatedCallbackIs401AndStillRecorded() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var r =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(store.baseUrl() + PATH))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(store.syncStateCalls())
        .singleElement()
        .extracting(SyncStateCall::rawBody)
        .isEqualTo("{}");
  }

  private static String body(String type, String id, String status) {
    return "{\"entity_type\":\""
        + type
        + "\",\"magento_entity_id\":"
        + id
        + ",\"provider\":\"sage_accounting\",\"sync_status\":\""
        + status
        + "\"";
  }
}
