package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.in.BindingHealthUseCase.BindingHealth;
import io.ledgerbridge.ports.in.BindingHealthUseCase.SageAccess;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryReferenceDataRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BindingHealthServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final InMemoryBindingRepository bindings =
      new InMemoryBindingRepository(clock).with("t-1", "key");
  private final InMemoryTokenVault vault = new InMemoryTokenVault().withClock(clock);
  private final InMemoryReferenceDataRepository reference = new InMemoryReferenceDataRepository();
  private final InMemorySyncRunRepository runs = new InMemorySyncRunRepository();
  private final BindingHealthService health =
      new BindingHealthService(bindings, vault, reference, runs, clock);

  private void connect() {
    vault.replace("t-1", new TokenVault.SageTokens("refresh", "access", clock.instant()));
  }

  @Test
  void aBindingWithoutTokensHasNoSageAccessAndNothingElseYet() {
    assertThat(health.health("t-1"))
        .isEqualTo(new BindingHealth("t-1", SageAccess.NONE, null, null));
  }

  @Test
  void tokensRotatedRecentlyAreConnectedThenExpiringPastTheKeepAliveLimit() {
    connect();
    assertThat(health.health("t-1").sage()).isEqualTo(SageAccess.CONNECTED);

    clock.advance(TokenKeepAlive.IDLE_LIMIT.plusMinutes(1));

    assertThat(health.health("t-1").sage()).isEqualTo(SageAccess.EXPIRING);
  }

  @Test
  void aRevokedBindingIsRevokedWhateverTokensItHolds() {
    connect();
    bindings.changeStatus("t-1", BindingStatus.TOKEN_REVOKED);

    assertThat(health.health("t-1").sage()).isEqualTo(SageAccess.REVOKED);
  }

  @Test
  void reportsTheNewestSuccessAndTheReferenceDataAge() {
    Instant t = clock.instant();
    runs.insert(
        SyncRun.accepted(UUID.randomUUID(), "t-1", EventType.INVOICE_CREATED, 1, "k1", 1, t)
            .start(t)
            .succeed("s", "SI-1", t.plusSeconds(5)));
    reference.store(
        "t-1", PolicyAndReferenceServicesTest.referenceData(t.minus(Duration.ofDays(1))));

    BindingHealth h = health.health("t-1");

    assertThat(h.lastSuccessAt()).isEqualTo(t.plusSeconds(5));
    assertThat(h.referenceFetchedAt()).isEqualTo(t.minus(Duration.ofDays(1)));
  }

  @Test
  void anUnknownBindingIsUnknown() {
    assertThatThrownBy(() -> health.health("nobody")).isInstanceOf(UnknownBindingException.class);
  }
}
