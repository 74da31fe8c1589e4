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

    assertThat(repo.claim("t-1", "key-1", first, clock.instant())).isEqualTo(first);
    assertThat(repo.claim("t-1", "key-1", second, clock.instant())).isEqualTo(first);
  }

  @Test
  void keysArePerTenant() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    repo.claim("t-1", "key-1", a, clock.instant());

    assertThat(repo.claim("t-2", "key-1", b, clock.instant())).isEqualTo(b);
    assertThat(repo.claim("t-1", "key-2", b, clock.instant())).isEqualTo(b);
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
                  return repo.claim("t-1", "race", mine, clock.instant());
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
