package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.testkit.fake.InMemoryReplayGuard;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FallbackReplayGuardTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final InMemoryReplayGuard primaryStore = new InMemoryReplayGuard(clock);
  private final InMemoryReplayGuard fallbackStore = new InMemoryReplayGuard(clock);
  private boolean primaryDown;
  private final ReplayGuard primary =
      (scope, jti, exp) -> {
        if (primaryDown) {
          throw new IllegalStateException("connection refused");
        }
        return primaryStore.firstUse(scope, jti, exp);
      };
  private final FallbackReplayGuard guard = new FallbackReplayGuard(primary, fallbackStore);

  @Test
  void usesThePrimaryWhileItAnswers() {
    Instant exp = clock.instant().plusSeconds(60);
    assertThat(guard.firstUse("s", "a", exp)).isTrue();
    assertThat(guard.firstUse("s", "a", exp)).isFalse();
    assertThat(fallbackStore.firstUse("s", "a", exp)).isTrue();
  }

  @Test
  void keepsRejectingReplaysThroughTheFallbackWhenThePrimaryIsDown() {
    Instant exp = clock.instant().plusSeconds(60);
    primaryDown = true;
    assertThat(guard.firstUse("s", "b", exp)).isTrue();
    assertThat(guard.firstUse("s", "b", exp)).isFalse();
    primaryDown = false;
    assertThat(guard.firstUse("s", "c", exp)).isTrue();
    assertThat(guard.firstUse("s", "c", exp)).isFalse();
  }
}
