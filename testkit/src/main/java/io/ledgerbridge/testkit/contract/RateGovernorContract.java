package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateGovernor} must do: a token bucket per application and per business, a call
 * goes only when both have a token, a refused call takes nothing and says how long to wait.
 *
 * <p>Rates are slow enough that a store refilling by a real clock cannot gain a token between two
 * consecutive calls.
 */
public abstract class RateGovernorContract {
  protected final MutableClock clock = MutableClock.standard();

  /**
   * A governor whose buckets refill by {@code clock}, or by a real clock if {@link #elapse} sleeps.
   */
  protected abstract RateGovernor createSubject(
      MutableClock clock,
      double appPerSecond,
      int appBurst,
      double businessPerSecond,
      int businessBurst);

  /**
   * Lets {@code duration} pass for the subject. Advances {@code clock}; a store that refills by its
   * own server clock overrides this to wait for real.
   */
  protected void elapse(Duration duration) {
    clock.advance(duration);
  }

  @Test
  void allowsTheBusinessBurstThenAsksToWaitAtMostOneRefill() {
    RateGovernor governor = createSubject(clock, 100, 100, 1, 2);

    assertThat(governor.tryAcquire("biz-1")).isZero();
    assertThat(governor.tryAcquire("biz-1")).isZero();
    Duration wait = governor.tryAcquire("biz-1");
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRefusedCallTakesNoTokenFromEitherBucket() {
    RateGovernor governor = createSubject(clock, 0.5, 3, 0.5, 1);

    assertThat(governor.tryAcquire("biz-1")).isZero();
    assertThat(governor.tryAcquire("biz-1")).isPositive();
    assertThat(governor.tryAcquire("biz-2")).isZero();
    assertThat(governor.tryAcquire("biz-3")).isZero();
  }

  @Test
  void theApplicationBucketIsSharedByAllBusinesses() {
    RateGovernor governor = createSubject(clock, 0.5, 2, 100, 100);

    assertThat(governor.tryAcquire("biz-1")).isZero();
    assertThat(governor.tryAcquire("biz-2")).isZero();
    Duration wait = governor.tryAcquire("biz-3");
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void businessesHaveTheirOwnBuckets() {
    RateGovernor governor = createSubject(clock, 100, 100, 0.5, 1);

    assertThat(governor.tryAcquire("biz-1")).isZero();
    assertThat(governor.tryAcquire("biz-2")).isZero();
    assertThat(governor.tryAcquire("biz-1")).isPositive();
    assertThat(governor.tryAcquire("biz-2")).isPositive();
  }

  @Test
  void allowsAgainOnceTheReturnedWaitHasPassed() {
    RateGovernor governor = createSubject(clock, 100, 100, 5, 1);
    assertThat(governor.tryAcquire("biz-1")).isZero();
    Duration wait = governor.tryAcquire("biz-1");
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));

    elapse(wait);

    assertThat(governor.tryAcquire("biz-1")).isZero();
  }

  @Test
  void idleTimeRefillsNoMoreThanTheBurst() {
    RateGovernor governor = createSubject(clock, 100, 100, 2, 2);
    assertThat(governor.tryAcquire("biz-1")).isZero();
    assertThat(governor.tryAcquire("biz-1")).isZero();

    elapse(Duration.ofMillis(1500));

    assertThat(governor.tryAcquire("biz-1")).isZero();
    assertThat(governor.tryAcquire("biz-1")).isZero();
    assertThat(governor.tryAcquire("biz-1")).isPositive();
  }
}
