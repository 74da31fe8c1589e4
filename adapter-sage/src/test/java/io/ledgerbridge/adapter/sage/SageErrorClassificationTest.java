package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.IDEMPOTENCY_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static io.ledgerbridge.adapter.sage.SageFixtures.TENANT;
import static io.ledgerbridge.adapter.sage.SageFixtures.envelope;
import static io.ledgerbridge.adapter.sage.SageFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per row of the classification table (SAGE §3), all on {@code POST /sales_invoices}. */
class SageErrorClassificationTest {
  private final MockWebServer server = new MockWebServer();
  private final InMemoryTokenVault vault = new InMemoryTokenVault();
  private AccountingGateway gateway;
  private SageConnection sage;

  @BeforeEach
  void start() throws IOException {
    server.start();
    sage = SageFixtures.connection(server);
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.plusSeconds(300)));
    OkHttpClient client =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .readTimeout(Duration.ofMillis(500))
            .build();
    gateway = SageAdapter.accountingGateway(vault, new MutableClock(NOW), client);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private GatewayException post(MockResponse response) {
    server.enqueue(response);
    return post();
  }

  private GatewayException post() {
    return catchThrowableOfType(
        GatewayException.class,
        () -> gateway.createSalesInvoice(sage, SageFixtures.invoice(), IDEMPOTENCY_ID));
  }

  private static void assertClass(
      GatewayException e, boolean isTransient, ErrorClass errorClass, int status) {
    assertThat(e).as("expected a gateway exception").isNotNull();
    assertThat(e.isTransient()).as("transient").isEqualTo(isTransient);
    assertThat(e.errorClass()).isEqualTo(errorClass);
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.system()).isEqualTo("sage");
    assertThat(e.operation()).isEqualTo("create_sales_invoice");
    assertThat(e.getMessage())
        .doesNotContain("access-0")
        .doesNotContain("refresh-0")
        .doesNotContain(SageFixtures.CLIENT_SECRET);
  }

  @Test
  void tooManyRequestsIsTransientRateLimited() {
    GatewayException e = post(json(429, "").setHeader("X-Request-Id", "req-429"));

    assertClass(e, true, ErrorClass.RATE_LIMITED, 429);
    assertThat(e.requestId()).isEqualTo("req-429");
  }

  @Test
  void internalServerErrorIsTransientProviderKeepingTheEnvelope() {
    GatewayException e =
        post(
            envelope(500, "UnexpectedError", "An unexpected error occurred.", "")
                .setHeader("x_request_id", "req-500"));

    assertClass(e, true, ErrorClass.PROVIDER, 500);
    assertThat(e.getMessage()).contains("UnexpectedError: An unexpected error occurred.");
    assertThat(e.responseBody()).contains("UnexpectedError");
    assertThat(e.requestId()).isEqualTo("req-500");
  }

  @Test
  void badGatewayIsTransientProvider() {
    assertClass(post(json(502, "<html>bad gateway</html>")), true, ErrorClass.PROVIDER, 502);
  }

  @Test
  void serviceUnavailableIsTransientProvider() {
    assertClass(post(json(503, "")), true, ErrorClass.PROVIDER, 503);
  }

  @Test
  void gatewayTimeoutIsTransientProvider() {
    assertClass(post(json(504, "")), true, ErrorClass.PROVIDER, 504);
  }

  @Test
  void droppedConnectionIsTransientHttpWithoutStatus() {
    GatewayException e =
        post(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    assertClass(e, true, ErrorClass.HTTP, 0);
    assertThat(e.requestId()).isNull();
  }

  @Test
  void readTimeoutIsTransientHttpWithoutStatus() {
    GatewayException e = post(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertClass(e, true, ErrorClass.HTTP, 0);
    assertThat(e.getCause()).isInstanceOf(IOException.class);
  }

  @Test
  void unauthorizedTwiceIsPermanentAuthAfterExactlyOneRenewal() throws Exception {
    server.enqueue(envelope(401, "AuthorizationFailure", "No active subscription. (MSE)", ""));
    server.enqueue(SageFixtures.tokenResponse("access-1", "refresh-1"));
    GatewayException e =
        post(envelope(401, "AuthorizationFailure", "No active subscription. (MSE)", ""));

    assertClass(e, false, ErrorClass.AUTH, 401);
    assertThat(e.getMessage()).contains("No active subscription. (MSE)");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-0");
    assertThat(server.takeRequest().getPath()).isEqualTo("/oauth/token");
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer access-1");
  }

  @Test
  void forbiddenIsPermanentAuthWithoutRenewal() {
    GatewayException e =
        post(
            envelope(
                403,
                "MultiUserAccessDenied",
                "The current user is not allowed to access that resource with that method.",
                ""));

    assertClass(e, false, ErrorClass.AUTH, 403);
    assertThat(e.getMessage()).contains("MultiUserAccessDenied");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void notFoundIsPermanentNotFound() {
    assertClass(
        post(envelope(404, "RecordNotFound", "Couldn't find record.", "")),
        false,
        ErrorClass.NOT_FOUND,
        404);
  }

  @Test
  void unprocessableEntityIsPermanentValidationWithTheEnvelopeInTheMessage() {
    GatewayException e =
        post(
            envelope(422, "RecordInvalid", "Couldn't find Supplier.", "contact_id")
                .setHeader("X-Request-Id", "req-422"));

    assertClass(e, false, ErrorClass.VALIDATION, 422);
    assertThat(e.getMessage())
        .isEqualTo(
            "Sage rejected sales_invoice: RecordInvalid: Couldn't find Supplier."
                + " (source: contact_id)");
    assertThat(e.responseBody())
        .isEqualTo(
            "[{\"$severity\":\"error\",\"$dataCode\":\"RecordInvalid\","
                + "\"$message\":\"Couldn't find Supplier.\",\"$source\":\"contact_id\"}]");
    assertThat(e.requestId()).isEqualTo("req-422");
  }

  @Test
  void unprocessableEntityWithSeveralErrorsListsThemAll() {
    GatewayException e =
        post(
            json(
                422,
                "[{\"$severity\":\"error\",\"$dataCode\":\"RecordInvalid\",\"$message\":\"a\","
                    + "\"$source\":\"\"},{\"$severity\":\"error\",\"$dataCode\":\"RecordInvalid\","
                    + "\"$message\":\"b\",\"$source\":\"invoice_lines[0].tax_amount\"}]"));

    assertThat(e.getMessage())
        .isEqualTo(
            "Sage rejected sales_invoice: RecordInvalid: a;"
                + " RecordInvalid: b (source: invoice_lines[0].tax_amount)");
  }

  @Test
  void badRequestIsPermanentValidation() {
    GatewayException e = post(envelope(400, "BadRequest", "Malformed JSON.", ""));

    assertClass(e, false, ErrorClass.VALIDATION, 400);
    assertThat(e.getMessage())
        .isEqualTo("Sage rejected sales_invoice: BadRequest: Malformed JSON.");
  }

  @Test
  void otherClientErrorIsPermanentHttp() {
    GatewayException e = post(json(418, "I'm a teapot"));

    assertClass(e, false, ErrorClass.HTTP, 418);
    assertThat(e.responseBody()).isEqualTo("I'm a teapot");
  }

  @Test
  void createdWithAnUnreadableBodyIsPermanentSerde() {
    GatewayException e = post(json(201, "{not json").setHeader("X-Request-Id", "req-201"));

    assertClass(e, false, ErrorClass.SERDE, 201);
    assertThat(e.responseBody()).isEqualTo("{not json");
    assertThat(e.requestId()).isEqualTo("req-201");
  }

  @Test
  void createdWithoutAnIdIsPermanentSerde() {
    assertClass(post(json(201, "{\"displayed_as\":\"SI-3\"}")), false, ErrorClass.SERDE, 201);
  }

  @Test
  void longBodiesAreTruncated() {
    GatewayException e = post(json(418, "x".repeat(10_000)));

    assertThat(e.responseBody()).hasSize(SageErrors.MAX_BODY_CHARS + 3);
  }
}
