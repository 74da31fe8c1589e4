package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReplayGuard} must do. */
public abstract class ReplayGuardContract {
  protected final MutableClock clock = MutableClock.standard();
  private ReplayGuard guard;

  /** The guard judges expiry by {@code clock}. */
  protected abstract ReplayGuard createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    guard = createSubject(clock);
  }

  @Test
  void acceptsATokenIdOnceUntilItExpires() {
    Instant expires = clock.instant().plus(Duration.ofMinutes(5));

    assertThat(guard.firstUse("webhook:t-1", "jti-1", expires)).isTrue();
    assertThat(guard.firstUse("webhook:t-1", "jti-1", expires)).isFalse();
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(guard.firstUse("webhook:t-1", "jti-1", expires)).isFalse();
  }

  @Test
  void acceptsAgainOnceTheRememberedUseHasExpired() {
    Instant expires = clock.instant().plus(Duration.ofMinutes(5));
    guard.firstUse("webhook:t-1", "jti-1", expires);
    clock.advance(Duration.ofMinutes(5));

    assertThat(guard.firstUse("webhook:t-1", "jti-1", clock.instant().plusSeconds(60))).isTrue();
    assertThat(guard.firstUse("webhook:t-1", "jti-1", clock.instant().plusSeconds(60))).isFalse();
  }

  @Test
  void scopesAreIndependent() {
    Instant expires = clock.instant().plus(Duration.ofMinutes(5));
    guard.firstUse("webhook:t-1", "jti-1", expires);

    assertThat(guard.firstUse("webhook:t-2", "jti-1", expires)).isTrue();
  }
}
