package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.BusinessLease.Lease;
import io.ledgerbridge.testkit.contract.BusinessLeaseContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lease contract plus what only a shared database shows: races between holders, purging. */
abstract class DatabaseBusinessLeaseChecks extends BusinessLeaseContract {
  private BusinessLease subject;

  abstract TestDatabase database();

  @Override
  protected BusinessLease createSubject(MutableClock clock) {
    subject = database().reset(clock).businessLease();
    return subject;
  }

  @Test
  void ofManyConcurrentAcquirersExactlyOneWinsEachRound() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        String business = "race-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Lease>>> attempts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          attempts.add(
              pool.submit(
                  () -> {
                    start.await();
                    return subject.tryAcquire(business, Duration.ofSeconds(30));
                  }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Optional<Lease>> f : attempts) {
          winners += f.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(winners).as("winners of round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ofManyConcurrentTakeoversOfAnExpiredLeaseExactlyOneWins() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        String business = "expired-" + round;
        subject.tryAcquire(business, Duration.ofSeconds(1)).orElseThrow();
        elapse(Duration.ofSeconds(2));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Lease>>> attempts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          attempts.add(
              pool.submit(
                  () -> {
                    start.await();
                    return subject.tryAcquire(business, Duration.ofSeconds(30));
                  }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Optional<Lease>> f : attempts) {
          winners += f.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(winners).as("winners of round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void housekeepingPurgesOnlyExpiredLeases() {
    subject.tryAcquire("old", Duration.ofSeconds(1)).orElseThrow();
    Lease live = subject.tryAcquire("live", Duration.ofMinutes(5)).orElseThrow();
    elapse(Duration.ofSeconds(2));

    assertThat(database().adapter.housekeeping().purgeExpiredLeases(10)).isEqualTo(1);
    assertThat(subject.tryAcquire("live", Duration.ofSeconds(30))).isEmpty();
    assertThat(subject.release(live)).isTrue();
  }

  @Test
  void rejectsBusinessIdsTheTableCannotHold() {
    assertThatThrownBy(() -> subject.tryAcquire("x".repeat(65), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(subject.tryAcquire("x".repeat(64), Duration.ofSeconds(1))).isPresent();
  }

  @Test
  void aLeaseIsVisibleToOtherHoldersEvenInsideAnOpenTransaction() {
    database()
        .adapter
        .unitOfWork()
        .inTransaction(
            () -> {
              Lease lease = subject.tryAcquire("biz-tx", Duration.ofSeconds(30)).orElseThrow();
              assertThat(subject.tryAcquire("biz-tx", Duration.ofSeconds(30))).isEmpty();
              return lease;
            });
    assertThat(subject.tryAcquire("biz-tx", Duration.ofSeconds(30))).isEmpty();
  }
}
