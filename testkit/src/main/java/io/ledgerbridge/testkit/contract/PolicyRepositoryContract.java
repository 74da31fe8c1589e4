package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PolicyRepository} must do. */
public abstract class PolicyRepositoryContract {
  protected final MutableClock clock = MutableClock.standard();
  private PolicyRepository repo;

  /** The tenants {@code t-1} and {@code t-2} may have to exist as bindings first. */
  protected abstract PolicyRepository createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    repo = createSubject(clock);
  }

  private SyncPolicy everyFieldSet() {
    return SyncPolicy.of(
        false,
        false,
        clock.instant(),
        Set.of(1, 2),
        Set.of(3),
        "GB_STANDARD",
        "4000",
        Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER"),
        "GB_ZERO",
        "M-",
        "Person",
        "SERVICES");
  }

  @Test
  void noPolicyBeforeTheFirstSave() {
    assertThat(repo.current("t-1")).isEmpty();
    assertThat(repo.version("t-1", 1)).isEmpty();
  }

  @Test
  void firstSaveIsVersionOneAndRoundTripsEveryField() {
    SyncPolicy p = everyFieldSet();

    assertThat(repo.save("t-1", p)).isEqualTo(new PolicySnapshot(1, p));
    assertThat(repo.current("t-1")).contains(new PolicySnapshot(1, p));
    assertThat(repo.current("t-1").orElseThrow().policy().syncSince()).isEqualTo(clock.instant());
  }

  @Test
  void defaultsWithoutSyncSinceRoundTrip() {
    SyncPolicy p = SyncPolicy.defaults("4000");
    repo.save("t-1", p);

    assertThat(repo.current("t-1").orElseThrow().policy()).isEqualTo(p);
  }

  @Test
  void savingAgainAddsAVersionAndKeepsTheEarlierOne() {
    SyncPolicy first = SyncPolicy.defaults("4000");
    SyncPolicy second = everyFieldSet();
    repo.save("t-1", first);

    assertThat(repo.save("t-1", second).version()).isEqualTo(2);
    assertThat(repo.current("t-1")).contains(new PolicySnapshot(2, second));
    assertThat(repo.version("t-1", 1)).contains(new PolicySnapshot(1, first));
    assertThat(repo.version("t-1", 3)).isEmpty();
  }

  @Test
  void currentVersionIsTheNewestNumberAndZeroBeforeAnySave() {
    assertThat(repo.currentVersion("t-1")).isZero();
    repo.save("t-1", SyncPolicy.defaults("4000"));
    repo.save("t-1", everyFieldSet());
    repo.save("t-2", SyncPolicy.defaults("4000"));

    assertThat(repo.currentVersion("t-1")).isEqualTo(2);
    assertThat(repo.currentVersion("t-2")).isEqualTo(1);
  }

  @Test
  void versionsArePerTenant() {
    repo.save("t-1", SyncPolicy.defaults("4000"));
    repo.save("t-1", SyncPolicy.defaults("4001"));

    assertThat(repo.save("t-2", SyncPolicy.defaults("4002")).version()).isEqualTo(1);
  }

  @Test
  void historyListsEveryVersionNewestFirstWithItsSaveTime() {
    Instant first = clock.instant();
    repo.save("t-1", SyncPolicy.defaults("4000"));
    clock.advance(Duration.ofMinutes(5));
    repo.save("t-1", SyncPolicy.defaults("4001"));
    clock.advance(Duration.ofMinutes(5));
    repo.save("t-1", SyncPolicy.defaults("4002"));
    repo.save("t-2", SyncPolicy.defaults("4003"));

    assertThat(repo.history("t-1", 10))
        .containsExactly(
            new PolicyVersionSummary(3, first.plus(Duration.ofMinutes(10))),
            new PolicyVersionSummary(2, first.plus(Duration.ofMinutes(5))),
            new PolicyVersionSummary(1, first));
    assertThat(repo.history("t-1", 2))
        .extracting(PolicyVersionSummary::version)
        .containsExactly(3, 2);
    assertThat(repo.history("t-3", 10)).isEmpty();
  }
}
