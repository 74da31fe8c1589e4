package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TokenVault} must do. */
public abstract class TokenVaultContract {
  protected final MutableClock clock = MutableClock.standard();
  private TokenVault vault;

  /** The tenants {@code t-1} and {@code t-2} may have to exist as bindings first. */
  protected abstract TokenVault createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    vault = createSubject(clock);
  }

  @Test
  void initialisedVaultHoldsOnlyTheRefreshToken() {
    vault.initialise("t-1", "refresh-1");

    SageTokens t = vault.tokens("t-1").orElseThrow();
    assertThat(t.refreshToken()).isEqualTo("refresh-1");
    assertThat(t.accessToken()).isNull();
    assertThat(t.accessExpiresAt()).isNull();
  }

  @Test
  void unknownTenantHasNoTokens() {
    assertThat(vault.tokens("t-2")).isEmpty();
    assertThat(vault.rotate("t-2", "x", new SageTokens("r", "a", clock.instant()))).isFalse();
  }

  @Test
  void rotatesWhenTheExpectedRefreshTokenMatches() {
    vault.initialise("t-1", "refresh-1");
    SageTokens next =
        new SageTokens("refresh-2", "access-2", clock.instant().plus(Duration.ofMinutes(5)));

    assertThat(vault.rotate("t-1", "refresh-1", next)).isTrue();
    assertThat(vault.tokens("t-1")).contains(next);
  }

  @Test
  void refusesToRotateFromASpentRefreshToken() {
    vault.initialise("t-1", "refresh-1");
    vault.rotate("t-1", "refresh-1", new SageTokens("refresh-2", "a", clock.instant()));

    assertThat(vault.rotate("t-1", "refresh-1", new SageTokens("refresh-3", "b", clock.instant())))
        .isFalse();
    assertThat(vault.tokens("t-1").orElseThrow().refreshToken()).isEqualTo("refresh-2");
  }

  @Test
  void initialisingAgainReplacesTheTokens() {
    vault.initialise("t-1", "refresh-1");
    vault.rotate("t-1", "refresh-1", new SageTokens("refresh-2", "a", clock.instant()));
    vault.initialise("t-1", "fresh");

    assertThat(vault.tokens("t-1")).contains(new SageTokens("fresh", null, null));
  }

  @Test
  void exactlyOneOfManyConcurrentRotationsWins() throws Exception {
    vault.initialise("t-1", "refresh-1");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String next = "refresh-next-" + i;
        Callable<Boolean> c =
            () -> {
              start.await();
              return vault.rotate("t-1", "refresh-1", new SageTokens(next, "a", clock.instant()));
            };
        results.add(pool.submit(c));
      }
      start.countDown();
      int wins = 0;
      for (Future<Boolean> f : results) {
        wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void replaceStoresGrantedTokensWithOrWithoutEarlierOnes() {
    SageTokens granted =
        new SageTokens("refresh-g", "access-g", clock.instant().plus(Duration.ofMinutes(5)));
    vault.replace("t-1", granted);
    assertThat(vault.tokens("t-1")).contains(granted);

    SageTokens again = new SageTokens("refresh-h", "access-h", clock.instant());
    vault.replace("t-1", again);
    assertThat(vault.tokens("t-1")).contains(again);
    assertThat(vault.rotate("t-1", "refresh-g", granted)).isFalse();
  }

  @Test
  void clearForgetsTheTokens() {
    vault.initialise("t-1", "refresh-1");
    vault.clear("t-1");
    vault.clear("t-2");

    assertThat(vault.tokens("t-1")).isEmpty();
    assertThat(vault.claimRefresh("t-1", "p1", clock.instant().plusSeconds(30))).isFalse();
  }

  @Test
  void oneRefreshClaimAtATimeUntilReleasedOrExpired() {
    vault.initialise("t-1", "refresh-1");

    assertThat(vault.claimRefresh("t-1", "p1", clock.instant().plusSeconds(30))).isTrue();
    assertThat(vault.claimRefresh("t-1", "p2", clock.instant().plusSeconds(30))).isFalse();
    assertThat(vault.claimRefresh("t-1", "p1", clock.instant().plusSeconds(60))).isTrue();

    vault.releaseRefresh("t-1", "p2"); // not the holder: nothing happens
    assertThat(vault.claimRefresh("t-1", "p2", clock.instant().plusSeconds(30))).isFalse();

    vault.releaseRefresh("t-1", "p1");
    assertThat(vault.claimRefresh("t-1", "p2", clock.instant().plusSeconds(30))).isTrue();

    clock.advance(Duration.ofSeconds(31));
    assertThat(vault.claimRefresh("t-1", "p3", clock.instant().plusSeconds(30))).isTrue();
  }

  @Test
  void aClaimDoesNotCountAsARefresh() {
    vault.initialise("t-1", "refresh-1");
    clock.advance(Duration.ofDays(26));
    vault.claimRefresh("t-1", "p1", clock.instant().plusSeconds(30));

    assertThat(vault.refreshedBefore(clock.instant().minus(Duration.ofDays(25))))
        .containsExactly("t-1");

    vault.rotate("t-1", "refresh-1", new SageTokens("refresh-2", "a", clock.instant()));
    assertThat(vault.refreshedBefore(clock.instant().minus(Duration.ofDays(25)))).isEmpty();
  }
}
