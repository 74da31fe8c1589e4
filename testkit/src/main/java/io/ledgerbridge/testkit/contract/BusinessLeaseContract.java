package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.BusinessLease.Lease;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BusinessLease} must do: one holder per business, token-checked, self-expiring.
 */
public abstract class BusinessLeaseContract {
  protected final MutableClock clock = MutableClock.standard();
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration SHORT_TTL = Duration.ofMillis(200);
  private BusinessLease leases;

  /**
   * A subject whose leases expire by {@code clock}, or by a real clock if {@link #elapse} sleeps.
   */
  protected abstract BusinessLease createSubject(MutableClock clock);

  /**
   * Lets {@code duration} pass for the subject. Advances {@code clock}; a store that expires leases
   * by its own server clock overrides this to wait for real.
   */
  protected void elapse(Duration duration) {
    clock.advance(duration);
  }

  @BeforeEach
  void setUpSubject() {
    leases = createSubject(clock);
  }

  @Test
  void aFreeBusinessIsLeasedToOneHolderAtATime() {
    Optional<Lease> first = leases.tryAcquire("biz-1", TTL);

    assertThat(first).isPresent();
    assertThat(first.get().businessId()).isEqualTo("biz-1");
    assertThat(leases.tryAcquire("biz-1", TTL)).isEmpty();
  }

  @Test
  void releaseFreesTheBusinessForTheNextHolder() {
    Lease lease = leases.tryAcquire("biz-1", TTL).orElseThrow();

    assertThat(leases.release(lease)).isTrue();
    assertThat(leases.tryAcquire("biz-1", TTL)).isPresent();
  }

  @Test
  void releasingTwiceReportsTheSecondReleaseAsFalse() {
    Lease lease = leases.tryAcquire("biz-1", TTL).orElseThrow();
    leases.release(lease);

    assertThat(leases.release(lease)).isFalse();
  }

  @Test
  void aForeignTokenCanNeitherReleaseNorRenew() {
    Lease lease = leases.tryAcquire("biz-1", TTL).orElseThrow();
    Lease forged = new Lease("biz-1", lease.token() + "x");

    assertThat(leases.release(forged)).isFalse();
    assertThat(leases.renew(forged, TTL)).isFalse();
    assertThat(leases.tryAcquire("biz-1", TTL)).isEmpty();
    assertThat(leases.release(lease)).isTrue();
  }

  @Test
  void businessesAreLeasedIndependently() {
    Lease one = leases.tryAcquire("biz-1", TTL).orElseThrow();
    Lease two = leases.tryAcquire("biz-2", TTL).orElseThrow();

    assertThat(one.token()).isNotEqualTo(two.token());
    assertThat(leases.release(one)).isTrue();
    assertThat(leases.tryAcquire("biz-2", TTL)).isEmpty();
  }

  @Test
  void everyAcquisitionGetsAFreshToken() {
    Lease first = leases.tryAcquire("biz-1", TTL).orElseThrow();
    leases.release(first);
    Lease second = leases.tryAcquire("biz-1", TTL).orElseThrow();

    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(leases.release(first)).isFalse();
    assertThat(leases.tryAcquire("biz-1", TTL)).isEmpty();
  }

  @Test
  void aLeaseExpiresByItselfSoADeadHolderDoesNotBlockTheBusiness() {
    leases.tryAcquire("biz-1", SHORT_TTL).orElseThrow();
    elapse(SHORT_TTL.plusMillis(100));

    assertThat(leases.tryAcquire("biz-1", TTL)).isPresent();
  }

  @Test
  void anExpiredHolderCannotRenewOrReleaseTheNextHoldersLease() {
    Lease stale = leases.tryAcquire("biz-1", SHORT_TTL).orElseThrow();
    elapse(SHORT_TTL.plusMillis(100));
    Lease current = leases.tryAcquire("biz-1", TTL).orElseThrow();

    assertThat(leases.renew(stale, TTL)).isFalse();
    assertThat(leases.release(stale)).isFalse();
    assertThat(leases.tryAcquire("biz-1", TTL)).isEmpty();
    assertThat(leases.release(current)).isTrue();
  }

  @Test
  void renewKeepsTheLeaseBeyondItsFirstTtl() {
    Lease lease = leases.tryAcquire("biz-1", SHORT_TTL).orElseThrow();

    assertThat(leases.renew(lease, TTL)).isTrue();
    elapse(SHORT_TTL.plusMillis(100));
    assertThat(leases.tryAcquire("biz-1", TTL)).isEmpty();
    assertThat(leases.release(lease)).isTrue();
  }
}
