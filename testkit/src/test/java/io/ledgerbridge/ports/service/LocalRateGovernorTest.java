package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.testkit.contract.RateGovernorContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalRateGovernorTest extends RateGovernorContract {

  @Override
  protected RateGovernor createSubject(
      MutableClock clock,
      double appPerSecond,
      int appBurst,
      double businessPerSecond,
      int businessBurst) {
    return new LocalRateGovernor(clock, appPerSecond, appBurst, businessPerSecond, businessBurst);
  }

  @Test
  void forgetsBucketsThatAreFullAgainButKeepsLimitingBusyOnes() {
    LocalRateGovernor governor = new LocalRateGovernor(clock, 1_000_000, 1_000_000, 1, 1);
    for (int i = 0; i < 10_000; i++) {
      assertThat(governor.tryAcquire("idle-" + i)).isZero();
    }
    clock.advance(Duration.ofSeconds(1)); // every idle bucket is full again

    assertThat(governor.tryAcquire("busy")).isZero();
    assertThat(governor.buckets()).isEqualTo(1);
    assertThat(governor.tryAcquire("busy")).isPositive();
  }

  @Test
  void rejectsLimitsThatCannotWork() {
    assertThatThrownBy(() -> new LocalRateGovernor(clock, 0, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LocalRateGovernor(clock, 1, 1, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LocalRateGovernor(clock, 1, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
