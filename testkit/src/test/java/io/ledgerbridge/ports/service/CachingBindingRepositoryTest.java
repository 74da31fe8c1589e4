package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachingBindingRepositoryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private int reads;
  private final InMemoryBindingRepository store = new InMemoryBindingRepository();
  private final CachingBindingRepository cached =
      new CachingBindingRepository(
          new io.ledgerbridge.ports.out.BindingRepository() {
            @Override
            public void add(Binding b, BindingSecrets s) {
              store.add(b, s);
            }

            @Override
            public Optional<Binding> find(String t) {
              reads++;
              return store.find(t);
            }

            @Override
            public Optional<BindingSecrets> secrets(String t) {
              return store.secrets(t);
            }

            @Override
            public List<Binding> list() {
              return store.list();
            }

            @Override
            public boolean changeStatus(String t, BindingStatus status) {
              return store.changeStatus(t, status);
            }

            @Override
            public boolean changeStatus(String t, BindingStatus expected, BindingStatus next) {
              return store.changeStatus(t, expected, next);
            }

            @Override
            public boolean update(Binding b, BindingSecrets s) {
              return store.update(b, s);
            }

            @Override
            public boolean remove(String t) {
              return store.remove(t);
            }

            @Override
            public java.util.Optional<Instant> statusChangedAt(String t) {
              return store.statusChangedAt(t);
            }

            @Override
            public List<String> inStatusSince(BindingStatus status, Instant before) {
              return store.inStatusSince(status, before);
            }
          },
          clock,
          Duration.ofSeconds(5));

  private static Binding binding(String tenant) {
    return new Binding(
        tenant,
        "http://store",
        "http://sage/v3.1",
        "http://sage/token",
        "b".repeat(32),
        "GB",
        "GBP",
        BindingStatus.ACTIVE,
        Instant.parse("2026-11-27T12:00:00Z"));
  }

  @Test
  void servesRepeatedLookupsFromMemoryUntilTheTtlPasses() {
    cached.add(binding("t1"), new BindingSecrets("key", "c", "s"));
    cached.find("t1");
    cached.secrets("t1");
    cached.find("t1");
    assertThat(reads).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    cached.find("t1");
    assertThat(reads).isEqualTo(2);
  }

  @Test
  void neverCachesAnUnknownTenantSoANewBindingIsFoundAtOnce() {
    assertThat(cached.find("t2")).isEmpty();
    store.add(binding("t2"), new BindingSecrets("key", "c", "s"));
    assertThat(cached.find("t2")).isPresent();
    assertThat(cached.secrets("t2")).map(BindingSecrets::apiKey).contains("key");
  }

  @Test
  void aStatusChangeIsSeenAtOnceNotAfterTheTtl() {
    cached.add(binding("t3"), new BindingSecrets("key", "c", "s"));
    assertThat(cached.find("t3")).map(Binding::status).hasValue(BindingStatus.ACTIVE);
    assertThat(cached.changeStatus("t3", BindingStatus.PAUSED)).isTrue();
    assertThat(cached.find("t3")).map(Binding::status).hasValue(BindingStatus.PAUSED);
  }
}
