package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.ports.out.ExchangeLog;
import io.ledgerbridge.ports.out.ExchangeLog.Exchange;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AttemptExchangesTest {
  private static final UUID RUN = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final Instant STARTED = Instant.parse("2026-04-29T10:00:00Z");
  private static final String SECRET = "sk_live_0123456789abcdef";

  private static Exchange exchange(String op, String request, String response) {
    return new Exchange(
        ExchangeLog.SAGE, op, "POST", "http://sage.test/" + op, 201, 12, request, response);
  }

  @Test
  void numbersTheExchangesOfAnAttemptInTheOrderTheyWereMade() {
    AttemptExchanges log = new AttemptExchanges();
    log.record(
        new Exchange(
            ExchangeLog.STORE, "fetch_invoice", "GET", "http://s/i/1", 200, 5, null, "{}"));
    log.record(exchange("find_contact", null, "{\"$items\":[]}"));
    log.record(exchange("create_contact", "{\"contact\":{}}", "{\"id\":\"c1\"}"));

    List<SyncExchange> rows = log.rows(RUN, 2, STARTED, SecretScrubber.NONE);

    assertThat(rows).extracting(SyncExchange::seq).containsExactly(1, 2, 3);
    assertThat(rows)
        .extracting(SyncExchange::operation)
        .containsExactly("fetch_invoice", "find_contact", "create_contact");
    assertThat(rows.get(0).system()).isEqualTo("store");
    assertThat(rows.get(2).attemptNo()).isEqualTo(2);
    assertThat(rows.get(2).attemptStartedAt()).isEqualTo(STARTED);
    assertThat(rows.get(2).httpStatus()).isEqualTo(201);
    assertThat(rows.get(2).responseBody()).isEqualTo("{\"id\":\"c1\"}");
    assertThat(rows.get(2).requestTruncated()).isFalse();
  }

  @Test
  void scrubsTheBindingsSecretsFromBodiesAndUrl() {
    AttemptExchanges log = new AttemptExchanges();
    log.record(
        new Exchange(
            ExchangeLog.SAGE,
            "create_contact",
            "POST",
            "http://sage.test/contacts?k=" + SECRET,
            400,
            3,
            "{\"note\":\"" + SECRET + "\"}",
            "{\"echo\":\"" + SECRET + "\"}"));

    SyncExchange row = log.rows(RUN, 1, STARTED, SecretScrubber.of(List.of(SECRET))).get(0);

    assertThat(row.url() + row.requestBody() + row.responseBody())
        .doesNotContain(SECRET)
        .contains(SecretScrubber.MASK);
  }

  @Test
  void cutsBodiesAt64KiAfterScrubbingAndSaysSo() {
    AttemptExchanges log = new AttemptExchanges();
    String huge = "a".repeat(AttemptExchanges.MAX_BODY_CHARS - 4) + SECRET + "b".repeat(500_000);
    log.record(exchange("create_sales_invoice", huge, "x".repeat(AttemptExchanges.MAX_BODY_CHARS)));

    SyncExchange row = log.rows(RUN, 1, STARTED, SecretScrubber.of(List.of(SECRET))).get(0);

    assertThat(row.requestBody()).hasSize(AttemptExchanges.MAX_BODY_CHARS);
    assertThat(row.requestTruncated()).isTrue();
    // the secret straddled the cut: it was masked before the body was cut
    assertThat(row.requestBody()).doesNotContain("sk_l");
    assertThat(row.responseBody()).hasSize(AttemptExchanges.MAX_BODY_CHARS);
    assertThat(row.responseTruncated()).isFalse();
  }

  @Test
  void keepsAtMostTheCapOfExchangesAndCountsTheRest() {
    AttemptExchanges log = new AttemptExchanges();
    for (int i = 0; i < AttemptExchanges.MAX_EXCHANGES + 5; i++) {
      log.record(exchange("find_catalog_item", null, "{}"));
    }

    assertThat(log.rows(RUN, 1, STARTED, SecretScrubber.NONE))
        .hasSize(AttemptExchanges.MAX_EXCHANGES);
    assertThat(log.dropped()).isEqualTo(5);
  }
}
