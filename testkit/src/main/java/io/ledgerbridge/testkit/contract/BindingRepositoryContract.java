package io.ledgerbridge.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.BindingRepository.DuplicateBindingException;
import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BindingRepository} must do. */
public abstract class BindingRepositoryContract {
  protected final MutableClock clock = MutableClock.standard();
  private BindingRepository repo;

  protected abstract BindingRepository createSubject(MutableClock clock);

  @BeforeEach
  void setUpSubject() {
    repo = createSubject(clock);
  }

  public static Binding binding(String tenantId, MutableClock clock) {
    return new Binding(
        tenantId,
        "https://shop.example/",
        Binding.DEFAULT_SAGE_API_URL,
        Binding.DEFAULT_SAGE_TOKEN_URL,
        "biz-" + tenantId,
        "gb",
        "gbp",
        BindingStatus.ACTIVE,
        clock.instant());
  }

  @Test
  void findsAddedBindingWithExactFieldsAndInstant() {
    Binding b = binding("t-1", clock);
    repo.add(b, new BindingSecrets("api-key-1", "client-1", "secret-1"));

    assertThat(repo.find("t-1")).contains(b);
    assertThat(repo.find("t-1").orElseThrow().createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void returnsSecretsAsStored() {
    repo.add(
        binding("t-1", clock), new BindingSecrets("api-key-\u00e9\u2603", "client-1", "s3cr3t"));

    BindingSecrets s = repo.secrets("t-1").orElseThrow();
    assertThat(s.apiKey()).isEqualTo("api-key-\u00e9\u2603");
    assertThat(s.sageClientId()).isEqualTo("client-1");
    assertThat(s.sageClientSecret()).isEqualTo("s3cr3t");
  }

  @Test
  void rejectsASecondBindingForTheSameTenant() {
    repo.add(binding("t-1", clock), new BindingSecrets("k", "c", "s"));

    assertThatThrownBy(() -> repo.add(binding("t-1", clock), new BindingSecrets("k2", "c2", "s2")))
        .isInstanceOf(DuplicateBindingException.class);
    assertThat(repo.secrets("t-1").orElseThrow().apiKey()).isEqualTo("k");
  }

  @Test
  void unknownTenantHasNoBindingAndNoSecrets() {
    assertThat(repo.find("nobody")).isEmpty();
    assertThat(repo.secrets("nobody")).isEmpty();
  }

  @Test
  void listsBindingsOrderedByTenantId() {
    repo.add(binding("c", clock), new BindingSecrets("k", "c", "s"));
    repo.add(binding("a", clock), new BindingSecrets("k", "c", "s"));
    repo.add(binding("b", clock), new BindingSecrets("k", "c", "s"));

    assertThat(repo.list()).extracting(Binding::tenantId).containsExactly("a", "b", "c");
  }

  @Test
  void changesTheStatusOfAKnownBindingOnly() {
    repo.add(binding("t-status", clock), new BindingSecrets("key", "cid", "secret"));

    assertThat(repo.changeStatus("t-status", BindingStatus.PAUSED)).isTrue();
    assertThat(repo.find("t-status")).map(Binding::status).hasValue(BindingStatus.PAUSED);
    assertThat(repo.secrets("t-status")).isPresent();
    assertThat(repo.changeStatus("t-status", BindingStatus.ACTIVE)).isTrue();
    assertThat(repo.find("t-status")).map(Binding::status).hasValue(BindingStatus.ACTIVE);
    assertThat(repo.changeStatus("nobody", BindingStatus.PAUSED)).isFalse();
  }

  @Test
  void keepsAPairedBindingWithoutBusinessAndWithoutSageClient() {
    Binding paired =
        Binding.paired(
            "t-pending",
            "https://shop.example",
            Binding.DEFAULT_SAGE_API_URL,
            Binding.DEFAULT_SAGE_TOKEN_URL,
            clock.instant());
    repo.add(paired, BindingSecrets.storeOnly("store-key"));

    assertThat(repo.find("t-pending")).contains(paired);
    BindingSecrets s = repo.secrets("t-pending").orElseThrow();
    assertThat(s.apiKey()).isEqualTo("store-key");
    assertThat(s.hasSageClient()).isFalse();
    assertThat(s.nextApiKey()).isNull();
  }

  @Test
  void updateReplacesFieldsAndSecretsButNotTheCreationTime() {
    Binding paired =
        Binding.paired(
            "t-up",
            "https://shop.example",
            Binding.DEFAULT_SAGE_API_URL,
            Binding.DEFAULT_SAGE_TOKEN_URL,
            clock.instant());
    repo.add(paired, BindingSecrets.storeOnly("key-1"));
    clock.advance(java.time.Duration.ofMinutes(5));

    Binding connected =
        paired.withSageBusiness(
            "https://sage.example/v3.1",
            "https://sage.example/token",
            "biz-9",
            "ie",
            "eur",
            BindingStatus.ACTIVE);
    BindingSecrets secrets =
        BindingSecrets.storeOnly("key-1").withSageClient("client-9", "secret-9").offering("key-2");
    assertThat(repo.update(connected, secrets)).isTrue();

    assertThat(repo.find("t-up")).contains(connected);
    assertThat(repo.find("t-up").orElseThrow().createdAt()).isEqualTo(paired.createdAt());
    BindingSecrets read = repo.secrets("t-up").orElseThrow();
    assertThat(read.sageClientId()).isEqualTo("client-9");
    assertThat(read.sageClientSecret()).isEqualTo("secret-9");
    assertThat(read.nextApiKey()).isEqualTo("key-2");
    assertThat(read.confirmingOffer().apiKey()).isEqualTo("key-2");

    assertThat(repo.update(binding("nobody", clock), secrets)).isFalse();
  }

  @Test
  void compareAndSetStatusChangesOnlyFromTheExpectedStatus() {
    repo.add(binding("t-cas", clock), new BindingSecrets("key", "cid", "secret"));

    assertThat(repo.changeStatus("t-cas", BindingStatus.PAUSED, BindingStatus.TOKEN_REVOKED))
        .isFalse();
    assertThat(repo.find("t-cas")).map(Binding::status).hasValue(BindingStatus.ACTIVE);
    assertThat(repo.changeStatus("t-cas", BindingStatus.ACTIVE, BindingStatus.TOKEN_REVOKED))
        .isTrue();
    assertThat(repo.find("t-cas")).map(Binding::status).hasValue(BindingStatus.TOKEN_REVOKED);
    assertThat(repo.changeStatus("nobody", BindingStatus.ACTIVE, BindingStatus.PAUSED)).isFalse();
  }

  @Test
  void findsBindingsByHowLongTheyHaveBeenInAStatus() {
    repo.add(binding("t-old", clock), new BindingSecrets("key", "cid", "secret"));
    repo.add(binding("t-new", clock), new BindingSecrets("key", "cid", "secret"));
    repo.changeStatus("t-old", BindingStatus.DISCONNECTED);
    clock.advance(java.time.Duration.ofDays(91));
    repo.changeStatus("t-new", BindingStatus.DISCONNECTED);
    repo.changeStatus("t-new", BindingStatus.DISCONNECTED); // no change: the time stays
    clock.advance(java.time.Duration.ofDays(1));

    java.time.Instant cutoff = clock.instant().minus(java.time.Duration.ofDays(90));
    assertThat(repo.inStatusSince(BindingStatus.DISCONNECTED, cutoff)).containsExactly("t-old");
    assertThat(repo.inStatusSince(BindingStatus.ACTIVE, clock.instant())).isEmpty();
  }

  @Test
  void remembersWhenTheStatusLastChanged() {
    java.time.Instant created = clock.instant();
    repo.add(binding("t-when", clock), new BindingSecrets("key", "cid", "secret"));
    assertThat(repo.statusChangedAt("t-when")).contains(created);
    clock.advance(java.time.Duration.ofHours(3));
    repo.changeStatus("t-when", BindingStatus.ACTIVE); // no change: the time stays
    assertThat(repo.statusChangedAt("t-when")).contains(created);
    repo.changeStatus("t-when", BindingStatus.ACTIVE, BindingStatus.TOKEN_REVOKED);
    java.time.Instant revoked = clock.instant();
    clock.advance(java.time.Duration.ofHours(2));
    assertThat(repo.statusChangedAt("t-when")).contains(revoked);
    repo.changeStatus("t-when", BindingStatus.TOKEN_REVOKED, BindingStatus.ACTIVE);
    assertThat(repo.statusChangedAt("t-when")).contains(clock.instant());
    assertThat(repo.statusChangedAt("nobody")).isEmpty();
  }

  @Test
  void removesABindingWithItsSecrets() {
    repo.add(binding("t-gone", clock), BindingSecrets.storeOnly("key"));

    assertThat(repo.remove("t-gone")).isTrue();
    assertThat(repo.find("t-gone")).isEmpty();
    assertThat(repo.secrets("t-gone")).isEmpty();
    assertThat(repo.remove("t-gone")).isFalse();
  }
}
