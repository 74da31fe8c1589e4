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
}
