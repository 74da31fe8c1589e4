package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MagentoStoreGatewayTest {
  private static final long NOW = 1_767_225_600L;
  private static final String JSON_UTF8 = "application/json; charset=utf-8";

  private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = MutableClock.atEpochSecond(NOW);
  private final AtomicLong jtiCounter = new AtomicLong();
  private final Supplier<UUID> jtis = () -> new UUID(0x1234L, jtiCounter.incrementAndGet());
  private StoreGateway gateway;
  private StoreEndpoint store;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    gateway =
        MagentoAdapter.storeGateway(Duration.ofSeconds(2), Duration.ofMillis(500), clock, jtis);
    store =
        new StoreEndpoint(
            StoreTokens.TENANT, server.url("/shop/").toString(), StoreTokens.MASTER_KEY);
  }

  @AfterEach
  void tearDown() throws IOException {
    server.shutdown();
  }

  @Test
  void fetchesAndParsesTheCanonicalInvoice() throws Exception {
    server.enqueue(json(200, Fixtures.read("invoice-registered-gbp.json")));

    CanonicalInvoice invoice = gateway.fetchInvoice(store, 42);

    assertThat(invoice.magentoId()).isEqualTo(42);
    assertThat(invoice.grandTotal()).isEqualTo(new BigDecimal("156.79"));
    assertThat(invoice.lines()).hasSize(3);
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/shop/rest/V1/byte8/invoice/42");
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
  }

  @Test
  void parsesAGuestEurInvoiceFromTheWire() {
    server.enqueue(json(200, Fixtures.read("invoice-guest-eur.json")));

    CanonicalInvoice invoice = gateway.fetchInvoice(store, 77);

    assertThat(invoice.customer().isGuest()).isTrue();
    assertThat(invoice.currency()).isEqualTo("EUR");
    assertThat(invoice.createdAt()).isNull();
  }

  @Test
  void signsEachRequestWithAFreshInboundTokenTheStoreWouldAccept() throws Exception {
    server.enqueue(json(200, Fixtures.read("invoice-guest-eur.json")));
    server.enqueue(json(200, Fixtures.read("invoice-guest-eur.json")));

    gateway.fetchInvoice(store, 77);
    gateway.fetchInvoice(store, 77);

    String first =
        MagentoRulesTokenCheck.assertAcceptedByStore(
            server.takeRequest().getHeader("Authorization"), StoreTokens.TENANT, NOW);
    String second =
        MagentoRulesTokenCheck.assertAcceptedByStore(
            server.takeRequest().getHeader("Authorization"), StoreTokens.TENANT, NOW);
    assertThat(first).isNotEqualTo(second);
    assertThat(UUID.fromString(first)).isEqualTo(new UUID(0x1234L, 1));
  }

  @Test
  void fetchesARegisteredCustomerFromItsRoute() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"magento_id\":5,\"email\":\"jane@example.com\",\"first_name\":\"Jane\","
                + "\"last_name\":\"Doe\",\"phone\":\"020 7946 0000\",\"website_id\":1,"
                + "\"group_id\":1,\"addresses\":[{\"kind\":\"billing\",\"street\":[\"1 High"
                + " St\"],\"city\":\"London\",\"postcode\":\"SW1A 1AA\",\"country_id\":\"GB\"}],"
                + "\"created_at\":\"2026-11-01T10:00:00Z\",\"updated_at\":\"2026-12-01T10:00:00Z\"}"));

    var customer = gateway.fetchCustomer(store, 5);

    assertThat(customer.magentoId()).isEqualTo(5);
    assertThat(customer.email()).isEqualTo("jane@example.com");
    assertThat(customer.billingAddress().orElseThrow().city()).isEqualTo("London");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/shop/rest/V1/byte8/customer/5");
    MagentoRulesTokenCheck.assertAcceptedByStore(
        request.getHeader("Authorization"), StoreTokens.TENANT, NOW);
  }

  @Test
  void fetchesAProductFromItsRoute() throws Exception {
    server.enqueue(json(200, CanonicalProductJsonTest.STOCKED));

    var product = gateway.fetchProduct(store, 42);

    assertThat(product.sku()).isEqualTo("WB/01");
    assertThat(product.stockQty()).isEqualByComparingTo("100");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/shop/rest/V1/byte8/product/42");
    MagentoRulesTokenCheck.assertAcceptedByStore(
        request.getHeader("Authorization"), StoreTokens.TENANT, NOW);
  }

  @Test
  void aMissingProductIsNotFoundAndAnUnreadableOneIsSerde() {
    server.enqueue(
        json(
            404,
            "{\"message\":\"The product that was requested doesn't exist. Verify the product and"
                + " try again.\"}"));
    server.enqueue(json(200, "{\"magento_id\":42}"));

    assertThatThrownBy(() -> gateway.fetchProduct(store, 42))
        .isInstanceOf(io.ledgerbridge.core.failure.GatewayException.class)
        .satisfies(
            e ->
                assertThat(((io.ledgerbridge.core.failure.GatewayException) e).errorClass())
                    .isEqualTo(io.ledgerbridge.core.failure.ErrorClass.NOT_FOUND));
    assertThatThrownBy(() -> gateway.fetchProduct(store, 42))
        .isInstanceOf(io.ledgerbridge.core.failure.GatewayException.class)
        .satisfies(
            e ->
                assertThat(((io.ledgerbridge.core.failure.GatewayException) e).errorClass())
                    .isEqualTo(io.ledgerbridge.core.failure.ErrorClass.SERDE));
  }

  @Test
  void aCustomerDocumentForAGuestIsRefused() {
    server.enqueue(
        json(
            200,
            "{\"magento_id\":0,\"email\":\"g@example.com\",\"website_id\":0,\"addresses\":[]}"));

    assertThatThrownBy(() -> gateway.fetchCustomer(store, 5))
        .isInstanceOf(io.ledgerbridge.core.failure.GatewayException.class)
        .hasMessageContaining("magento_id 0");
  }

  @Test
  void fetchesAPaymentAndACreditMemoFromTheirRoutes() throws Exception {
    server.enqueue(json(200, CanonicalPaymentAndCreditMemoJsonTest.PAYMENT));
    server.enqueue(json(200, CanonicalPaymentAndCreditMemoJsonTest.OFFLINE_MEMO));

    assertThat(gateway.fetchPayment(store, 42).amount()).isEqualByComparingTo("120");
    assertThat(gateway.fetchCreditMemo(store, 9).grandTotal()).isEqualByComparingTo("18.5");

    RecordedRequest payment = server.takeRequest();
    assertThat(payment.getPath()).isEqualTo("/shop/rest/V1/byte8/payment/42");
    MagentoRulesTokenCheck.assertAcceptedByStore(
        payment.getHeader("Authorization"), StoreTokens.TENANT, NOW);
    assertThat(server.takeRequest().getPath()).isEqualTo("/shop/rest/V1/byte8/creditmemo/9");
  }

  @Test
  void anInvoiceWithoutOrderPaymentIsAPermanentNotFound() {
    server.enqueue(
        json(
            404,
            "{\"message\":\"Invoice %1 has no associated order payment.\",\"parameters\":[42]}"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class, () -> gateway.fetchPayment(store, 42));

    assertClassified(e, "fetch_payment", 404, ErrorClass.NOT_FOUND);
    assertThat(e.responseBody()).contains("no associated order payment");
  }

  @Test
  void retriesTheGetOnceAfterAConnectionFailureWithANewJti() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(200, Fixtures.read("invoice-guest-eur.json")));

    CanonicalInvoice invoice = gateway.fetchInvoice(store, 77);

    assertThat(invoice.magentoId()).isEqualTo(77);
    assertThat(server.getRequestCount()).isEqualTo(2);
    server.takeRequest();
    String retried =
        MagentoRulesTokenCheck.assertAcceptedByStore(
            server.takeRequest().getHeader("Authorization"), StoreTokens.TENANT, NOW);
    assertThat(retried).isEqualTo(new UUID(0x1234L, 2).toString());
  }

  @Test
  void givesUpAfterTwoConnectionFailuresAsTransientHttp() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.fetchInvoice(store, 77));

    assertClassified(e, "fetch_invoice", 0, ErrorClass.HTTP);
    assertThat(e.getCause()).isInstanceOf(IOException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void classifiesAReadTimeoutAsTransientHttp() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.fetchInvoice(store, 77));

    assertClassified(e, "fetch_invoice", 0, ErrorClass.HTTP);
  }

  @Test
  void classifiesAnUnreachableStoreAsTransientHttp() throws IOException {
    String deadUrl = server.url("/").toString();
    server.shutdown();

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class,
            () ->
                gateway.fetchInvoice(
                    new StoreEndpoint(StoreTokens.TENANT, deadUrl, StoreTokens.MASTER_KEY), 77));

    assertClassified(e, "fetch_invoice", 0, ErrorClass.HTTP);
  }

  @ParameterizedTest(name = "HTTP {0} -> {1} {2}")
  @CsvSource({
    "500, true, PROVIDER",
    "502, true, PROVIDER",
    "503, true, PROVIDER",
    "429, true, RATE_LIMITED",
    "401, false, AUTH",
    "403, false, AUTH",
    "404, false, NOT_FOUND",
    "400, false, VALIDATION",
    "422, false, VALIDATION",
    "409, false, VALIDATION",
    "302, true, HTTP",
    "304, true, HTTP"
  })
  void classifiesFetchStatuses(int status, boolean transientFailure, ErrorClass errorClass) {
    server.enqueue(
        json(status, "{\"message\":\"The entity that was requested doesn't exist.\"}")
            .setHeader("Location", server.url("/elsewhere"))
            .setHeader("X-Request-Id", "req-" + status));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.fetchInvoice(store, 42));

    assertClassified(e, "fetch_invoice", status, errorClass);
    assertThat(e.isTransient()).isEqualTo(transientFailure);
    assertThat(e.requestId()).isEqualTo("req-" + status);
    assertThat(server.getRequestCount())
        .as("no redirect followed, no retry on a status")
        .isEqualTo(1);
  }

  @Test
  void keepsTheErrorBodyOnTheException() {
    String body =
        "{\"message\":\"The consumer isn't authorized to access %resources.\","
            + "\"parameters\":{\"resources\":\"Byte8_Client::byte8_webapi\"}}";
    server.enqueue(json(401, body));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class, () -> gateway.fetchInvoice(store, 42));

    assertThat(e.responseBody()).isEqualTo(body);
    assertThat(e.getMessage())
        .contains("HTTP 401")
        .doesNotContain(StoreTokens.MASTER_KEY)
        .doesNotContain("Bearer");
  }

  @Test
  void truncatesKeptResponseBodiesToEightKilobytes() {
    server.enqueue(json(500, "x".repeat(20_000)));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.fetchInvoice(store, 42));

    assertThat(e.responseBody()).startsWith("x".repeat(8192)).endsWith("[truncated]");
    assertThat(e.responseBody().length()).isLessThan(8192 + 20);
  }

  @Test
  void classifiesAnUnparsableSuccessBodyAsPermanentSerde() {
    server.enqueue(json(200, "<html>maintenance</html>"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class, () -> gateway.fetchInvoice(store, 42));

    assertClassified(e, "fetch_invoice", 200, ErrorClass.SERDE);
    assertThat(e.responseBody()).isEqualTo("<html>maintenance</html>");
  }

  @Test
  void classifiesASuccessBodyMissingRequiredKeysAsPermanentSerde() {
    server.enqueue(json(200, "{\"magento_id\":42}"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class, () -> gateway.fetchInvoice(store, 42));

    assertClassified(e, "fetch_invoice", 200, ErrorClass.SERDE);
  }

  @Test
  void refusesANonPositiveInvoiceIdWithoutCallingTheStore() {
    assertThatThrownBy(() -> gateway.fetchInvoice(store, 0))
        .isInstanceOf(PermanentGatewayException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void pushesSyncStateWithEveryKeyAndMysqlUtcTimestamp() throws Exception {
    server.enqueue(json(200, "[]"));

    gateway.pushSyncState(
        store,
        new EntitySyncState(
            StoreEntityType.INVOICE,
            42,
            EntitySyncState.Status.SYNCED,
            "df6b646cf16d11eeb8c10242ac120002",
            "SI-27",
            null,
            null,
            Instant.parse("2026-04-29T10:11:12.987654Z")));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/shop/rest/V1/byte8/sync-state");
    assertThat(request.getHeader("Content-Type")).isEqualTo(JSON_UTF8);
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    assertThat(request.getBody().readUtf8())
        .isEqualTo(
            "{\"entity_type\":\"invoice\",\"magento_entity_id\":42,\"provider\":\"sage_accounting\","
                + "\"sync_status\":\"synced\",\"provider_entity_id\":\"df6b646cf16d11eeb8c10242ac120002\","
                + "\"provider_reference\":\"SI-27\",\"skip_reason\":null,\"error_code\":null,\"last_sync_at\":\"2026-04-29"
                + " 10:11:12\"}");
    MagentoRulesTokenCheck.assertAcceptedByStore(
        request.getHeader("Authorization"), StoreTokens.TENANT, NOW);
  }

  @Test
  void pushesAFailedStateWithNullsForAbsentValues() throws Exception {
    server.enqueue(json(200, "[]"));

    gateway.pushSyncState(
        store,
        new EntitySyncState(
            StoreEntityType.CREDITMEMO,
            9,
            EntitySyncState.Status.FAILED,
            null,
            null,
            null,
            ErrorClass.PROVIDER,
            Instant.parse("2026-04-29T10:11:12Z")));

    assertThat(server.takeRequest().getBody().readUtf8())
        .isEqualTo(
            "{\"entity_type\":\"creditmemo\",\"magento_entity_id\":9,\"provider\":\"sage_accounting\","
                + "\"sync_status\":\"failed\",\"provider_entity_id\":null,\"provider_reference\":null,"
                + "\"skip_reason\":null,\"error_code\":\"provider\",\"last_sync_at\":\"2026-04-29"
                + " 10:11:12\"}");
  }

  @Test
  void retriesThePushOnceAfterAConnectionFailureWithANewJti() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(200, "[]"));

    gateway.pushSyncState(store, skipped());

    assertThat(server.getRequestCount()).isEqualTo(2);
    server.takeRequest(); // dropped before it was read
    RecordedRequest retried = server.takeRequest();
    assertThat(retried.getBody().readUtf8()).contains("\"sync_status\":\"skipped\"");
    assertThat(
            MagentoRulesTokenCheck.assertAcceptedByStore(
                retried.getHeader("Authorization"), StoreTokens.TENANT, NOW))
        .isEqualTo(new UUID(0x1234L, 2).toString());
  }

  @Test
  void givesUpOnThePushAfterTwoConnectionFailuresAsTransientHttp() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(json(200, "[]"));

    TransientGatewayException e =
        catchThrowableOfType(
            TransientGatewayException.class, () -> gateway.pushSyncState(store, skipped()));

    assertClassified(e, "push_sync_state", 0, ErrorClass.HTTP);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aStoreThatClosesEveryConnectionAfterAnsweringNeverFailsACall() {
    for (int i = 0; i < 20; i++) { // room for one retry per call
      server.enqueue(json(200, "[]").setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    }
    for (int i = 0; i < 10; i++) {
      gateway.pushSyncState(store, skipped()); // the pooled connection may already be closed
    }
    assertThat(server.getRequestCount()).isBetween(10, 20);
  }

  @ParameterizedTest(name = "HTTP {0} -> {1} {2}")
  @CsvSource({
    "503, true, PROVIDER",
    "429, true, RATE_LIMITED",
    "401, false, AUTH",
    "404, false, NOT_FOUND",
    "400, false, VALIDATION",
    "301, true, HTTP"
  })
  void classifiesPushStatuses(int status, boolean transientFailure, ErrorClass errorClass) {
    server.enqueue(
        json(status, "{\"message\":\"Invalid sync_status %1\",\"parameters\":[\"pending\"]}")
            .setHeader("Location", server.url("/elsewhere")));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.pushSyncState(store, skipped()));

    assertClassified(e, "push_sync_state", status, errorClass);
    assertThat(e.isTransient()).isEqualTo(transientFailure);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refusesAnEndpointWithoutApiKeyOrWithAnUnusableBaseUrl() {
    assertThatThrownBy(
            () -> gateway.fetchInvoice(new StoreEndpoint("t", server.url("/").toString(), ""), 1))
        .isInstanceOfSatisfying(
            PermanentGatewayException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.AUTH));
    assertThatThrownBy(() -> gateway.fetchInvoice(new StoreEndpoint("t", "not a url", "k"), 1))
        .isInstanceOfSatisfying(
            PermanentGatewayException.class,
            e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.VALIDATION));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void callsABaseUrlWithoutPathOrTrailingSlash() throws Exception {
    server.enqueue(json(200, "[]"));
    String base = server.url("/").toString();
    StoreEndpoint bare =
        new StoreEndpoint(
            StoreTokens.TENANT, base.substring(0, base.length() - 1), StoreTokens.MASTER_KEY);

    gateway.pushSyncState(bare, skipped());

    assertThat(server.takeRequest().getPath()).isEqualTo("/rest/V1/byte8/sync-state");
  }

  private static EntitySyncState skipped() {
    return new EntitySyncState(
        StoreEntityType.INVOICE,
        42,
        EntitySyncState.Status.SKIPPED,
        null,
        null,
        SkipReason.PAYMENT_METHOD_NOT_MAPPED,
        null,
        Instant.parse("2026-04-29T10:11:12Z"));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", JSON_UTF8)
        .setBody(body);
  }

  private static void assertClassified(
      GatewayException e, String operation, int status, ErrorClass errorClass) {
    assertThat(e).isNotNull();
    assertThat(e.system()).isEqualTo("magento");
    assertThat(e.operation()).isEqualTo(operation);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.errorClass()).isEqualTo(errorClass);
  }
}
