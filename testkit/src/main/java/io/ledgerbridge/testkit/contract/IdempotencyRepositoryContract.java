package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyRepository} must do. */
public abstract class IdempotencyRepositoryContract {
  private static final java.time.Instant OCCURRED = java.time.Instant.parse("2026-04-29T10:11:12Z");
  protected final MutableClock clock = MutableClock.standard();
  private IdempotencyRepository repo;

  protected abstract IdempotencyRepository createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    repo = createSubject(clock);
  }

  @Test
  void firstClaimWinsAndLaterClaimsGetTheWinner() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    assertThat(repo.claim("t-1", "key-1", OCCURRED, first, clock.instant())).isEqualTo(first);
    assertThat(repo.claim("t-1", "key-1", OCCURRED, second, clock.instant())).isEqualTo(first);
  }

  @Test
  void keysArePerTenant() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    repo.claim("t-1", "key-1", OCCURRED, a, clock.instant());

    assertThat(repo.claim("t-2", "key-1", OCCURRED, b, clock.instant())).isEqualTo(b);
    assertThat(repo.claim("t-1", "key-2", OCCURRED, b, clock.instant())).isEqualTo(b);
  }

  @Test
  void theSameKeyWithANewOccurredAtIsANewDelivery() {
    UUID first = UUID.randomUUID();
    UUID later = UUID.randomUUID();
    repo.claim("t-1", "customer.upserted:7", OCCURRED, first, clock.instant());

    UUID winner =
        repo.claim(
            "t-1",
            "customer.upserted:7",
            OCCURRED.plusSeconds(40 * 86_400),
            later,
            clock.instant());

    assertThat(winner).isEqualTo(later);
    assertThat(
            repo.claim("t-1", "customer.upserted:7", OCCURRED, UUID.randomUUID(), clock.instant()))
        .isEqualTo(first);
  }

  @Test
  void concurrentClaimsForOneKeyAllGetTheSameWinner() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<UUID> candidates = new ArrayList<>();
      List<Future<UUID>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        UUID mine = UUID.randomUUID();
        candidates.add(mine);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return repo.claim("t-1", "race", OCCURRED, mine, clock.instant());
                }));
      }
      start.countDown();
      Set<UUID> winners = new HashSet<>();
      for (Future<UUID> f : results) {
        winners.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(winners).hasSize(1);
      assertThat(candidates).containsAll(winners);
    } finally {
      pool.shutdownNow();
    }
  }
}
