package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ConnectionRevokedException;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.FakeAccountingGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenKeepAliveTest {
  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository(clock);
  private final InMemoryTokenVault vault = new InMemoryTokenVault().withClock(clock);
  private final FakeAccountingGateway sage = new FakeAccountingGateway();

  /** A binding connected to Sage whose refresh token was last rotated {@code idle} ago. */
  private void connected(String tenant, BindingStatus status, Duration idle) {
    bindings.add(
        new Binding(
            tenant,
            "https://" + tenant + ".example",
            "https://sage.test/v3.1",
            "https://sage.test/oauth/token",
            "biz-" + tenant,
            "GB",
            "GBP",
            status,
            Instant.EPOCH),
        new BindingSecrets("key-" + tenant, "client-" + tenant, "secret-" + tenant));
    rotatedAgo(tenant, idle);
  }

  private void rotatedAgo(String tenant, Duration idle) {
    clock.set(NOW.minus(idle));
    vault.replace(tenant, new SageTokens("refresh-" + tenant, null, null));
    clock.set(NOW);
  }

  private TokenKeepAlive keepAlive(BindingRepository repository) {
    return new TokenKeepAlive(repository, vault, sage, clock);
  }

  private static ConnectionRevokedException revoked() {
    return new ConnectionRevokedException(
        "sage", "refresh_token", 400, null, "invalid_grant", "{\"error\":\"invalid_grant\"}");
  }

  private static TransientGatewayException unavailable() {
    return new TransientGatewayException(
        "sage", "refresh_token", 503, null, ErrorClass.PROVIDER, "unavailable", null, null);
  }

  @Test
  void refreshesOnlyTheBindingsIdleForTwentyFiveDaysOrMore() {
    connected("a-idle-30d", BindingStatus.ACTIVE, Duration.ofDays(30));
    connected("b-idle-25d", BindingStatus.ACTIVE, Duration.ofDays(25).plusSeconds(1));
    connected("c-idle-24d", BindingStatus.ACTIVE, Duration.ofDays(25).minusMinutes(1));
    connected("d-fresh", BindingStatus.ACTIVE, Duration.ofHours(1));

    keepAlive(bindings).run();

    assertThat(sage.keptAlive).containsExactly("a-idle-30d", "b-idle-25d");
  }

  @Test
  void callsSageWithTheBindingsOwnConnection() {
    connected("t-1", BindingStatus.ACTIVE, Duration.ofDays(26));

    keepAlive(bindings).run();

    assertThat(sage.keptAliveConnections)
        .containsExactly(
            new SageConnection(
                "t-1",
                "https://sage.test/v3.1",
                "https://sage.test/oauth/token",
                "biz-t-1",
                "client-t-1",
                "secret-t-1"));
  }

  @Test
  void pausedBindingsAreKeptAliveButNotThoseThatCannotSync() {
    connected("a-paused", BindingStatus.PAUSED, Duration.ofDays(30));
    connected("b-revoked", BindingStatus.TOKEN_REVOKED, Duration.ofDays(30));
    connected("c-disconnected", BindingStatus.DISCONNECTED, Duration.ofDays(30));
    // paired, waiting for the business choice: tokens but no business nor client yet
    bindings.add(
        Binding.paired(
            "d-pending",
            "https://d.example",
            "https://sage.test/v3.1",
            "https://sage.test/oauth/token",
            Instant.EPOCH),
        BindingSecrets.storeOnly("key-d"));
    rotatedAgo("d-pending", Duration.ofDays(30));
    // tokens left of a binding that is gone
    rotatedAgo("e-gone", Duration.ofDays(30));

    keepAlive(bindings).run();

    assertThat(sage.keptAlive).containsExactly("a-paused");
    assertThat(bindings.find("b-revoked").orElseThrow().status())
        .isEqualTo(BindingStatus.TOKEN_REVOKED);
  }

  @Test
  void aTokenSageRefusesMakesAnActiveBindingTokenRevokedLeavesAPausedOnePausedAndTheOthersGoOn() {
    connected("a-active", BindingStatus.ACTIVE, Duration.ofDays(30));
    connected("b-paused", BindingStatus.PAUSED, Duration.ofDays(30));
    connected("c-active", BindingStatus.ACTIVE, Duration.ofDays(30));
    sage.keepAliveFailures.add(revoked());
    sage.keepAliveFailures.add(revoked());

    keepAlive(bindings).run();

    assertThat(bindings.find("a-active").orElseThrow().status())
        .isEqualTo(BindingStatus.TOKEN_REVOKED);
    // a reconnect would resume it: it stays paused, and its first call once resumed turns it
    assertThat(bindings.find("b-paused").orElseThrow().status()).isEqualTo(BindingStatus.PAUSED);
    assertThat(bindings.find("c-active").orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(sage.keptAlive).containsExactly("c-active");
  }

  @Test
  void sageUnavailableForOneBindingChangesNothingAndTheOthersGoOn() {
    connected("a-active", BindingStatus.ACTIVE, Duration.ofDays(30));
    connected("b-active", BindingStatus.ACTIVE, Duration.ofDays(30));
    sage.keepAliveFailures.add(unavailable());

    keepAlive(bindings).run();

    assertThat(bindings.find("a-active").orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(sage.keptAlive).containsExactly("b-active");
  }

  @Test
  void anUnexpectedErrorOfOneBindingDoesNotStopTheOthers() {
    connected("a-broken", BindingStatus.ACTIVE, Duration.ofDays(30));
    connected("b-active", BindingStatus.ACTIVE, Duration.ofDays(30));
    connected("c-active", BindingStatus.ACTIVE, Duration.ofDays(30));
    // e.g. secrets that cannot be decrypted, or a row that cannot be read
    BindingRepository failingForOne = new FailingSecrets(bindings, Set.of("a-broken"));

    keepAlive(failingForOne).run();

    assertThat(sage.keptAlive).containsExactly("b-active", "c-active");
  }

  @Test
  void aVaultThatCannotBeReadEndsTheRoundWithoutThrowing() {
    // the scheduler stops calling a task that threw: run() must never throw
    TokenVault down =
        (TokenVault)
            Proxy.newProxyInstance(
                TokenVault.class.getClassLoader(),
                new Class<?>[] {TokenVault.class},
                (proxy, method, args) -> {
                  throw new IllegalStateException("database down");
                });

    assertThatCode(() -> new TokenKeepAlive(bindings, down, sage, clock).run())
        .doesNotThrowAnyException();
    assertThat(sage.keptAlive).isEmpty();
  }

  /** A repository whose secrets of some tenants cannot be read. */
  private static final class FailingSecrets implements BindingRepository {
    private final BindingRepository delegate;
    private final Set<String> broken;

    FailingSecrets(BindingRepository delegate, Set<String> broken) {
      this.delegate = delegate;
      this.broken = broken;
    }

    @Override
    public Optional<BindingSecrets> secrets(String tenantId) {
      if (broken.contains(tenantId)) {
        throw new IllegalStateException("cannot decrypt the secrets of " + tenantId);
      }
      return delegate.secrets(tenantId);
    }

    @Override
    public void add(Binding binding, BindingSecrets secrets) {
      delegate.add(binding, secrets);
    }

    @Override
    public Optional<Binding> find(String tenantId) {
      return delegate.find(tenantId);
    }

    @Override
    public List<Binding> list() {
      return delegate.list();
    }

    @Override
    public boolean changeStatus(String tenantId, BindingStatus status) {
      return delegate.changeStatus(tenantId, status);
    }

    @Override
    public boolean changeStatus(String tenantId, BindingStatus expected, BindingStatus next) {
      return delegate.changeStatus(tenantId, expected, next);
    }

    @Override
    public boolean update(Binding binding, BindingSecrets secrets) {
      return delegate.update(binding, secrets);
    }

    @Override
    public boolean remove(String tenantId) {
      return delegate.remove(tenantId);
    }

    @Override
    public List<String> inStatusSince(BindingStatus status, Instant before) {
      return delegate.inStatusSince(status, before);
    }

    @Override
    public java.util.Optional<Instant> statusChangedAt(String tenantId) {
      return delegate.statusChangedAt(tenantId);
    }
  }
}
