package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncAttemptRepository.SyncAttempt;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
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
}
