package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.ports.out.IdempotencyRepository.Claim;
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
  void claimAllAnswersEachClaimAsClaimingThemOneByOneWould() {
    UUID earlier = UUID.randomUUID();
    repo.claim("t-1", "seen", OCCURRED, earlier, clock.instant());
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID aAgain = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    UUID otherTenant = UUID.randomUUID();

    List<UUID> winners =
        repo.claimAll(
            List.of(
                new Claim("t-1", "z-key", OCCURRED, a, clock.instant()),
                new Claim("t-1", "seen", OCCURRED, b, clock.instant()),
                new Claim("t-1", "z-key", OCCURRED, aAgain, clock.instant()),
                new Claim("t-1", "a-key", OCCURRED, c, clock.instant()),
                new Claim("t-2", "z-key", OCCURRED, otherTenant, clock.instant())));

    assertThat(winners).containsExactly(a, earlier, a, c, otherTenant);
    assertThat(repo.claim("t-1", "z-key", OCCURRED, UUID.randomUUID(), clock.instant()))
        .isEqualTo(a);
    assertThat(repo.claimAll(List.of())).isEmpty();
  }

  @Test
  void concurrentBatchesClaimingTheSameKeysAgreeOnOneWinnerEach() throws Exception {
    int threads = 4;
    int keys = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<UUID>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Claim> claims = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
          // every other batch names the keys in reverse order
          int key = t % 2 == 0 ? k : keys - 1 - k;
          claims.add(new Claim("t-1", "race-" + key, OCCURRED, UUID.randomUUID(), clock.instant()));
        }
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<UUID> won = repo.claimAll(claims);
                  // back in key order, to compare the batches
                  List<UUID> byKey = new ArrayList<>(won);
                  if (claims.get(0).key().equals("race-" + (keys - 1))) {
                    java.util.Collections.reverse(byKey);
                  }
                  return byKey;
                }));
      }
      start.countDown();
      Set<List<UUID>> distinct = new HashSet<>();
      for (Future<List<UUID>> f : results) {
        distinct.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(1);
      assertThat(distinct.iterator().next()).doesNotHaveDuplicates().hasSize(keys);
    } finally {
      pool.shutdownNow();
    }
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
