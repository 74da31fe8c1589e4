package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRouteTest extends HttpInHarness {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static String envelope(
      String id, String website, String store, String occurred, String payload) {
    return "{\"magento_entity_id\":"
        + id
        + ",\"website_id\":"
        + website
        + ",\"store_id\":"
        + store
        + ",\"occurred_at\":"
        + occurred
        + ",\"payload\":"
        + payload
        + "}";
  }

  @Test
  void acceptsAValidEventWith202AndTheRunId() throws Exception {
    HttpResponse<String> response = postWebhook(VALID_BODY);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    UUID runId = UUID.fromString(json(response).get("sync_run_id").asText());
    assertThat(accept.commands())
        .containsExactly(
            new AcceptWebhookCommand(
                TENANT,
                "invoice.created",
                "invoice.created:42",
                42L,
                1,
                1,
                Instant.parse("2026-04-29T10:11:12Z")));
    assertThat(runId).isNotNull();
  }

  @Test
  void answersADuplicateDeliveryWith202AndTheSameRunId() throws Exception {
    String first = json(postWebhook(VALID_BODY)).get("sync_run_id").asText();
    HttpResponse<String> second = postWebhook(VALID_BODY);

    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(json(second).get("sync_run_id").asText()).isEqualTo(first);
  }

  @Test
  void decodesRawurlencodedTenantAndEventSegments() throws Exception {
    String tenant = "shop one+x/é";
    authenticator.register(tenant);
    HttpRequest request =
        HttpRequest.newBuilder(uri("/webhooks/magento/shop%20one+x%2F%C3%A9/invoice%2Ecreated"))
            .header("Authorization", FakeWebhookAuthenticator.bearer(tenant))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "invoice.created:42")
            .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
            .build();

    assertThat(send(request).statusCode()).isEqualTo(202);
    assertThat(accept.commands().get(0).tenantId()).isEqualTo(tenant);
    assertThat(accept.commands().get(0).eventName()).isEqualTo("invoice.created");
  }

  @Test
  void rejectsAMissingAuthorizationHeaderWith401AndStoresNothing() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/webhooks/magento/" + TENANT + "/invoice.created"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "invoice.created:42")
            .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
            .build();

    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(accept.commands()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer not-a-token",
        "Basic dXNlcjpwYXNz",
        "Bearer ",
        "bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2ln",
      })
  void rejectsEveryTokenTheAuthenticatorRejectsWith401AndStoresNothing(String authorization)
      throws Exception {
    HttpResponse<String> response =
        send(
            webhook("invoice.created", "invoice.created:42", VALID_BODY)
                .setHeader("Authorization", authorization)
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void rejectsATokenForAnotherTenantWith401() throws Exception {
    authenticator.register("other-tenant");
    HttpResponse<String> response =
        send(
            webhook("invoice.created", "k", VALID_BODY)
                .setHeader("Authorization", FakeWebhookAuthenticator.bearer("other-tenant"))
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void rejectsTwoAuthorizationHeadersWithoutAskingTheAuthenticator() throws Exception {
    HttpResponse<String> response =
        send(
            webhook("invoice.created", "k", VALID_BODY)
                .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(authenticator.calls()).isEmpty();
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void rejectsAnOverlongTenantWith401WithoutAskingTheAuthenticator() throws Exception {
    String tenant = "t".repeat(129);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/webhooks/magento/" + tenant + "/invoice.created"))
                .header("Authorization", FakeWebhookAuthenticator.bearer(tenant))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(authenticator.calls()).isEmpty();
  }

  @Test
  void doesNotReflectAHostileTenantInThe401Body() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                    uri("/webhooks/magento/%3Cscript%3Ealert(1)%3C%2Fscript%3E/invoice.created"))
                .header("Authorization", "Bearer x")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("script");
  }

  @Test
  void answers503WithRetryAfterForACorrectlySignedTokenOutsideItsTimeWindow() throws Exception {
    authenticator.clockSkewed(-120);

    HttpResponse<String> response = postWebhook(VALID_BODY);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(response.body()).contains("clock_skew");
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers503WhenTheAuthenticatorItselfFails() throws Exception {
    authenticator.failWith(new IllegalStateException("database is down"));

    HttpResponse<String> response = postWebhook(VALID_BODY);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(response.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
    assertThat(accept.commands()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
  void answers405ForMethodsOtherThanPost(String method) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/webhooks/magento/" + TENANT + "/invoice.created"))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(authenticator.calls()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/webhooks/magento/" + TENANT,
        "/webhooks/magento/" + TENANT + "/",
        "/webhooks/magento/" + TENANT + "/invoice.created/extra",
        "/webhooks/magento//invoice.created",
        "/webhooks/magento/%C3%28/invoice.created",
        "/webhooks/shopify/" + TENANT + "/invoice.created",
        "/nothing-here",
      })
  void answers404ForPathsOfTheWrongShape(String path) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
                .build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(authenticator.calls()).isEmpty();
  }

  @Test
  void answers400WhenTheIdempotencyKeyIsMissing() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/webhooks/magento/" + TENANT + "/invoice.created"))
                .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
                .build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("invalid_idempotency_key");
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers400WhenTheIdempotencyKeyIsSentTwice() throws Exception {
    HttpResponse<String> response =
        send(
            webhook("invoice.created", "invoice.created:42", VALID_BODY)
                .header("Idempotency-Key", "invoice.created:43")
                .build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("invalid_idempotency_key");
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers400WhenTheIdempotencyKeyIsBlankOrLongerThan128() throws Exception {
    assertThat(send(webhook("invoice.created", "   ", VALID_BODY).build()).statusCode())
        .isEqualTo(400);
    assertThat(send(webhook("invoice.created", "k".repeat(129), VALID_BODY).build()).statusCode())
        .isEqualTo(400);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void acceptsAnIdempotencyKeyOfExactly128Characters() throws Exception {
    String key = "invoice.created:" + "a".repeat(112);
    assertThat(send(webhook("invoice.created", key, VALID_BODY).build()).statusCode())
        .isEqualTo(202);
    assertThat(accept.commands().get(0).idempotencyKey()).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx"})
  void answers415ForAContentTypeOtherThanJson(String contentType) throws Exception {
    HttpResponse<String> response =
        send(
            webhook("invoice.created", "k", VALID_BODY)
                .setHeader("Content-Type", contentType)
                .build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers415WithoutAContentType() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/webhooks/magento/" + TENANT + "/invoice.created"))
                .header("Authorization", FakeWebhookAuthenticator.bearer(TENANT))
                .header("Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(VALID_BODY))
                .build());

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; charset=UTF-8",
        "Application/JSON",
        "application/json;charset=utf-8"
      })
  void acceptsJsonWithParametersAndAnyCase(String contentType) throws Exception {
    assertThat(
            send(webhook("invoice.created", "k", VALID_BODY)
                    .setHeader("Content-Type", contentType)
                    .build())
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void answers413ForADeclaredTenMegabyteBodyWithoutReadingIt() throws Exception {
    String head =
        "POST /webhooks/magento/"
            + TENANT
            + "/invoice.created HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Authorization: "
            + FakeWebhookAuthenticator.bearer(TENANT)
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Idempotency-Key: k\r\n"
            + "Content-Length: "
            + (10 * 1024 * 1024)
            + "\r\n\r\n";

    RawHttp.Response response =
        RawHttp.exchange(
            adapter.port(), head, "{\"magento_entity_id\":".getBytes(StandardCharsets.US_ASCII));

    assertThat(response.status()).isEqualTo(413);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers413ForATenMegabyteBodySentWithItsLength() throws Exception {
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');

    HttpResponse<String> response =
        send(
            webhook("invoice.created", "k", "")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("error").asText()).isEqualTo("body_too_large");
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers413ForAChunkedTenMegabyteBodyWithoutALength() throws Exception {
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');

    HttpResponse<String> response =
        send(
            webhook("invoice.created", "k", "")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers400ForMalformedJson() throws Exception {
    for (String body :
        new String[] {"{", "not json", "", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}"}) {
      HttpResponse<String> response = postWebhook(body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(json(response).get("error").asText()).isEqualTo("malformed_json");
    }
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers400ForJsonNestedDeeperThanTheLimit() throws Exception {
    String deep = "[".repeat(200) + "]".repeat(200);
    HttpResponse<String> response =
        postWebhook(envelope("42", "1", "1", "\"2026-04-29T10:11:12Z\"", "{\"x\":" + deep + "}"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("malformed_json");
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void acceptsModeratelyNestedPayloads() throws Exception {
    String nested = "[".repeat(30) + "]".repeat(30);
    assertThat(
            postWebhook(
                    envelope("42", "1", "1", "\"2026-04-29T10:11:12Z\"", "{\"x\":" + nested + "}"))
                .statusCode())
        .isEqualTo(202);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "string id        | '\"42\"'               | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " magento_entity_id",
        "float id         | 42.0                   | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " magento_entity_id",
        "zero id          | 0                      | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " magento_entity_id",
        "negative id      | -42                    | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " magento_entity_id",
        "huge id          | 18446744073709551616   | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " magento_entity_id",
        "null id          | null                   | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " magento_entity_id",
        "negative website | 42                     | -1 | 1  | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " website_id",
        "string website   | 42                     | '\"1\"' | 1 | '\"2026-04-29T10:11:12Z\"' | {}"
            + " | website_id",
        "huge store       | 42                     | 1  | 2147483648 | '\"2026-04-29T10:11:12Z\"' |"
            + " {} | store_id",
        "negative store   | 42                     | 1  | -3 | '\"2026-04-29T10:11:12Z\"' | {}  |"
            + " store_id",
        "numeric time     | 42                     | 1  | 1  | 1777457472                 | {}  |"
            + " occurred_at",
        "bad time         | 42                     | 1  | 1  | '\"yesterday\"'            | {}  |"
            + " occurred_at",
        "nul in time      | 42                     | 1  | 1  | '\"2026-04-29T10:11:12Z\\u0000\"' |"
            + " {} | occurred_at",
        "string payload   | 42                     | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | '\"x\"'"
            + " | payload",
        "list payload     | 42                     | 1  | 1  | '\"2026-04-29T10:11:12Z\"' | [1] |"
            + " payload",
      })
  void answers422ForEnvelopeViolationsNamingTheField(
      String name,
      String id,
      String website,
      String store,
      String occurred,
      String payload,
      String field)
      throws Exception {
    HttpResponse<String> response = postWebhook(envelope(id, website, store, occurred, payload));

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode body = json(response);
    assertThat(body.get("error").asText()).isEqualTo("invalid_envelope");
    assertThat(body.get("field").asText()).isEqualTo(field);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers422WhenTheBodyIsNotAnObjectOrLacksAField() throws Exception {
    assertThat(json(postWebhook("[1,2]")).get("field").asText()).isEqualTo("$");
    assertThat(
            postWebhook(
                    "{\"magento_entity_id\":42,\"website_id\":1,\"store_id\":1,"
                        + "\"occurred_at\":\"2026-04-29T10:11:12Z\"}")
                .statusCode())
        .isEqualTo(422);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void acceptsTheLargestLongIdAnOffsetTimestampAndAnEmptyPhpArrayPayload() throws Exception {
    HttpResponse<String> response =
        postWebhook(
            envelope("9223372036854775807", "0", "0", "\"2026-04-29T12:11:12+02:00\"", "[]"));

    assertThat(response.statusCode()).isEqualTo(202);
    AcceptWebhookCommand command = accept.commands().get(0);
    assertThat(command.magentoEntityId()).isEqualTo(Long.MAX_VALUE);
    assertThat(command.occurredAt()).isEqualTo(Instant.parse("2026-04-29T10:11:12Z"));
  }

  @Test
  void rejectsRawControlCharactersInsideJsonStringsAsMalformed() throws Exception {
    HttpResponse<String> response =
        postWebhook(
            envelope(
                "42",
                "1",
                "1",
                "\"2026-04-29T10:11:12Z\"",
                "{\"increment_id\":\"00\u0001\u0000\"}"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("malformed_json");
  }

  @Test
  void acceptsEscapedControlCharactersInsideThePayload() throws Exception {
    HttpResponse<String> response =
        postWebhook(
            envelope(
                "42",
                "1",
                "1",
                "\"2026-04-29T10:11:12Z\"",
                "{\"increment_id\":\"00\\u0000\\u001b[31m\"}"));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void rejectsInvalidUtf8AsMalformed() throws Exception {
    byte[] body = VALID_BODY.replace("000000042", "\u0000X").getBytes(StandardCharsets.UTF_8);
    body[body.length - 20] = (byte) 0xC3;
    body[body.length - 19] = (byte) 0x28;
    HttpResponse<String> response =
        send(
            webhook("invoice.created", "k", "")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void rejectsOverlongUtf8AndEncodedSurrogatesThatJacksonWouldDecode() throws Exception {
    for (byte[] bad :
        new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
      String marker = "XXXXXXXXX";
      byte[] template = VALID_BODY.replace("000000042", marker).getBytes(StandardCharsets.UTF_8);
      int at = new String(template, StandardCharsets.UTF_8).indexOf(marker);
      byte[] body = template.clone();
      System.arraycopy(bad, 0, body, at, bad.length);
      HttpResponse<String> response =
          send(
              webhook("invoice.created", "k-" + bad.length, "")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("error").asText()).isEqualTo("malformed_json");
    }
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void answers503WithRetryAfterWhenTheUseCaseThrowsAndLeaksNothing() throws Exception {
    accept.failWith(new IllegalStateException("connection to db-primary:5432 refused"));

    HttpResponse<String> response = postWebhook(VALID_BODY);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(response.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
  }

  @Test
  void answers503WithRetryAfterWhenTheBindingVanishedAfterAuthentication() throws Exception {
    accept.bindingGone();

    HttpResponse<String> response = postWebhook(VALID_BODY);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(response).get("error").asText()).isEqualTo("binding_unavailable");
  }

  @Test
  void answers404ForAnUnknownEventWithoutReflectingItsName() throws Exception {
    HttpResponse<String> response = send(webhook("%3Cimg%20src%3Dx%3E", "k", VALID_BODY).build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"unknown_event\"}");
    assertThat(accept.commands()).hasSize(1);
    assertThat(accept.commands().get(0).eventName()).isEqualTo("<img src=x>");
  }

  @Test
  void rejectsAControlCharacterInTheIdempotencyKey() throws Exception {
    String head =
        "POST /webhooks/magento/"
            + TENANT
            + "/invoice.created HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Authorization: "
            + FakeWebhookAuthenticator.bearer(TENANT)
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Idempotency-Key: invoice.created:42\u0001\u007f\r\n"
            + "Content-Length: "
            + VALID_BODY.length()
            + "\r\n"
            + "Connection: close\r\n\r\n";

    RawHttp.Response response =
        RawHttp.exchange(adapter.port(), head, VALID_BODY.getBytes(StandardCharsets.US_ASCII));

    assertThat(response.status()).isEqualTo(400);
    assertThat(accept.commands()).isEmpty();
  }
}
