package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExchangesTest {

  @Test
  void decodesRawurlencodedSegmentsKeepingPlusLiteral() {
    assertThat(Exchanges.decodeSegment("shop%20one+x%2F%C3%A9")).hasValue("shop one+x/é");
    assertThat(Exchanges.decodeSegment("invoice.created")).hasValue("invoice.created");
  }

  @Test
  void refusesMalformedEscapesAndInvalidUtf8() {
    assertThat(Exchanges.decodeSegment("%zz")).isEmpty();
    assertThat(Exchanges.decodeSegment("abc%2")).isEmpty();
    assertThat(Exchanges.decodeSegment("%")).isEmpty();
    assertThat(Exchanges.decodeSegment("%C3%28")).isEmpty();
    assertThat(Exchanges.decodeSegment("%FF")).isEmpty();
  }

  @Test
  void idempotencyKeyRulesAcceptOnlyOnePrintableValueUpTo128() {
    assertThat(WebhookHandler.idempotencyKeyProblem(java.util.List.of("invoice.created:42")))
        .isNull();
    assertThat(WebhookHandler.idempotencyKeyProblem(java.util.List.of())).isNotNull();
    assertThat(WebhookHandler.idempotencyKeyProblem(java.util.List.of("a", "b"))).isNotNull();
    assertThat(WebhookHandler.idempotencyKeyProblem(java.util.List.of(" "))).isNotNull();
    assertThat(WebhookHandler.idempotencyKeyProblem(java.util.List.of("k".repeat(129))))
        .isNotNull();
    assertThat(WebhookHandler.idempotencyKeyProblem(java.util.List.of("k\u0000"))).isNotNull();
    assertThat(WebhookHandler.idempotencyKeyProblem(java.util.List.of("ké"))).isNotNull();
  }

  @Test
  void peeksTheSubjectOfABearerTokenWithoutVerifyingIt() {
    assertThat(StoreTokenAuth.peekSubject(FakeWebhookAuthenticator.bearer("t-1"))).hasValue("t-1");
    assertThat(StoreTokenAuth.peekSubject("Bearer a.b")).isEmpty();
    assertThat(StoreTokenAuth.peekSubject("Bearer a.!!!.c")).isEmpty();
    assertThat(StoreTokenAuth.peekSubject("Basic abc")).isEmpty();
    assertThat(StoreTokenAuth.peekSubject("Bearer e30.e30.e30")).isEmpty();
  }
}
