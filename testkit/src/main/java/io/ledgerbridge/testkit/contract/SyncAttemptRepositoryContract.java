package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SyncAttemptRepository} must do. */
public abstract class SyncAttemptRepositoryContract {
  protected final MutableClock clock = MutableClock.standard();
  private SyncAttemptRepository repo;

  protected abstract SyncAttemptRepository createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    repo = createSubject(clock);
  }

  @Test
  void recordsSeveralAttemptsAtOnce() {
    UUID run = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    SyncAttempt first =
        new SyncAttempt(
            run,
            1,
            clock.instant(),
            clock.instant(),
            "transient",
            "provider",
            503,
            "m",
            null,
            null);
    SyncAttempt elsewhere =
        new SyncAttempt(
            other, 1, clock.instant(), clock.instant(), "skipped", null, null, "s", null, null);
    SyncAttempt second =
        new SyncAttempt(
            run,
            2,
            clock.instant(),
            clock.advance(Duration.ofMillis(5)),
            "ok",
            null,
            null,
            "created SI-1",
            "{\"sales_invoice\":{}}",
            null);

    repo.recordAll(List.of(second, elsewhere, first));
    repo.recordAll(List.of());

    assertThat(repo.forRun(run)).containsExactly(first, second);
    assertThat(repo.forRun(other)).containsExactly(elsewhere);
  }

  @Test
  void listsTheAttemptsOfARunInAttemptOrderWithEveryField() {
    UUID run = UUID.randomUUID();
    SyncAttempt second =
        new SyncAttempt(
            run,
            2,
            clock.instant(),
            clock.advance(Duration.ofMillis(250)),
            "permanent",
            "validation",
            422,
            "bad tax rate",
            "{\"sales_invoice\":{}}",
            "[{\"$severity\":\"error\"}]");
    SyncAttempt first =
        new SyncAttempt(
            run,
            1,
            clock.instant(),
            clock.instant(),
            "transient",
            "provider",
            null,
            null,
            null,
            null);
    repo.record(second);
    repo.record(first);
    repo.record(
        new SyncAttempt(
            UUID.randomUUID(),
            1,
            clock.instant(),
            clock.instant(),
            "ok",
            null,
            201,
            null,
            null,
            null));

    assertThat(repo.forRun(run)).containsExactly(first, second);
    assertThat(repo.forRun(UUID.randomUUID())).isEmpty();
  }

  private static SyncExchange exchange(UUID run, int no, Instant started, int seq, String system) {
    return new SyncExchange(
        run,
        no,
        started,
        seq,
        system,
        "create_sales_invoice",
        "POST",
        "http://127.0.0.1:9/sales_invoices?x=1",
        201,
        37,
        "{\"sales_invoice\":{\"reference\":\"INV-1 \u00e9\"}}",
        false,
        "{\"id\":\"abc\"}",
        true);
  }

  @Test
  void keepsTheExchangesOfEachAttemptInOrderWithEveryField() {
    UUID run = UUID.randomUUID();
    Instant firstStart = clock.instant();
    Instant secondStart = clock.advance(Duration.ofSeconds(30));
    SyncExchange store = exchange(run, 1, firstStart, 1, "store");
    SyncExchange sage = exchange(run, 1, firstStart, 2, "sage");
    // the same attempt number again (a run that waited for a reconnect), started later
    SyncExchange again = exchange(run, 1, secondStart, 1, "store");
    SyncExchange noAnswer =
        new SyncExchange(
            run,
            2,
            secondStart,
            1,
            "sage",
            "find_contact",
            "GET",
            "http://h/contacts",
            null,
            0,
            null,
            false,
            null,
            false);
    repo.recordExchanges(List.of(noAnswer, again));
    repo.recordExchanges(List.of(sage, store));
    repo.recordExchanges(List.of());
    repo.recordExchanges(List.of(exchange(UUID.randomUUID(), 1, firstStart, 1, "sage")));

    assertThat(repo.exchanges(run)).containsExactly(store, sage, again, noAnswer);
    assertThat(repo.exchanges(UUID.randomUUID())).isEmpty();
    SyncAttempt first =
        new SyncAttempt(run, 1, firstStart, secondStart, "transient", null, null, null, null, null);
    assertThat(repo.exchanges(run).stream().filter(e -> e.belongsTo(first)))
        .containsExactly(store, sage);
  }

  @Test
  void keepsLargeBodiesWhole() {
    UUID run = UUID.randomUUID();
    String big = "x".repeat(64 * 1024);
    SyncExchange e =
        new SyncExchange(
            run,
            1,
            clock.instant(),
            1,
            "store",
            "fetch_invoice",
            "GET",
            "http://h/i/1",
            200,
            5,
            null,
            false,
            big,
            true);
    repo.recordExchanges(List.of(e));

    assertThat(repo.exchanges(run)).containsExactly(e);
  }
}
