package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase.Disconnected;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase.Side;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.SageAuthorization.SageClient;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DisconnectBindingServiceTest {
  private static final String TENANT = "t-1";
  private static final String SANDBOX_TOKEN_URL = "http://sandbox.test:8081/oauth/token";
  private static final ConnectSettings SETTINGS =
      new ConnectSettings(
          "https://ledger.example",
          "client-id",
          "client-secret",
          "https://sage.test/authorize",
          "https://sage.test/oauth/token",
          "https://configured.test/revoke",
          "https://sage.test/v3.1");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository(clock);
  private final InMemoryTokenVault vault = new InMemoryTokenVault().withClock(clock);
  private final FakeSageAuthorization authorization = new FakeSageAuthorization();
  private final DisconnectBindingService service =
      new DisconnectBindingService(bindings, vault, authorization, SETTINGS);

  private Binding connected(String tenant, String tokenUrl, BindingStatus status) {
    Binding b =
        new Binding(
            tenant,
            "https://shop.example",
            "http://sandbox.test:8081/v3.1",
            tokenUrl,
            "a".repeat(32),
            "GB",
            "GBP",
            status,
            Instant.parse("2026-01-01T00:00:00Z"));
    bindings.add(b, new BindingSecrets("store-key", "bound-client", "bound-secret"));
    vault.replace(tenant, new SageTokens("refresh-1", "access-1", null));
    return b;
  }

  private Binding binding() {
    return bindings.find(TENANT).orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Side.class)
  void revokesTheRefreshTokenForgetsItAndDisconnectsTheBinding(Side side) {
    Binding before = connected(TENANT, SANDBOX_TOKEN_URL, BindingStatus.ACTIVE);

    Disconnected done = service.disconnect(TENANT, side);

    assertThat(done).isEqualTo(new Disconnected(TENANT, false, true));
    // revoked with the client the token was issued to, at the binding's own Sage
    assertThat(authorization.revocations)
        .containsExactly(
            new FakeSageAuthorization.Revocation(
                new SageClient(
                    "bound-client",
                    "bound-secret",
                    SANDBOX_TOKEN_URL,
                    "http://sandbox.test:8081/oauth/revoke"),
                "refresh-1"));
    assertThat(vault.tokens(TENANT)).isEmpty();
    assertThat(binding().status()).isEqualTo(BindingStatus.DISCONNECTED);
    // the binding stays, with its business: its cross-references keep meaning the same documents
    assertThat(binding()).isEqualTo(before.withStatus(BindingStatus.DISCONNECTED));
    assertThat(bindings.secrets(TENANT))
        .contains(new BindingSecrets("store-key", "bound-client", "bound-secret"));
  }

  @Test
  void aTokenUrlThatIsNotASiblingOfRevokeUsesTheConfiguredRevokeUrl() {
    connected(TENANT, "https://auth.test/oauth2/grant", BindingStatus.ACTIVE);

    service.disconnect(TENANT, Side.OPERATOR);

    assertThat(authorization.revocations.get(0).client().revokeUrl())
        .isEqualTo("https://configured.test/revoke");
  }

  @Test
  void theBindingStopsSyncingBeforeSageIsCalled() {
    connected(TENANT, SANDBOX_TOKEN_URL, BindingStatus.ACTIVE);
    List<BindingStatus> during = new ArrayList<>();
    authorization.beforeRevoke = () -> during.add(binding().status());

    service.disconnect(TENANT, Side.STORE);

    assertThat(during).containsExactly(BindingStatus.DISCONNECTED);
  }

  @Test
  void sageDownDoesNotKeepTheStoreConnected() {
    connected(TENANT, SANDBOX_TOKEN_URL, BindingStatus.ACTIVE);
    authorization.revokeFailures.add(
        new TransientGatewayException(
            "sage", "revoke", 503, null, ErrorClass.PROVIDER, "unavailable", null, null));

    Disconnected done = service.disconnect(TENANT, Side.STORE);

    assertThat(done).isEqualTo(new Disconnected(TENANT, false, false));
    assertThat(authorization.revocations).hasSize(1);
    assertThat(vault.tokens(TENANT)).isEmpty();
    assertThat(binding().status()).isEqualTo(BindingStatus.DISCONNECTED);
  }

  @Test
  void anUnusableRevokeUrlDoesNotKeepTheStoreConnectedEither() {
    connected(TENANT, SANDBOX_TOKEN_URL, BindingStatus.TOKEN_REVOKED);
    authorization.revokeFailures.add(new IllegalArgumentException("not an http URL"));

    Disconnected done = service.disconnect(TENANT, Side.OPERATOR);

    assertThat(done.sageRevoked()).isFalse();
    assertThat(vault.tokens(TENANT)).isEmpty();
    assertThat(binding().status()).isEqualTo(BindingStatus.DISCONNECTED);
  }

  @Test
  void aBindingWithoutTokensIsDisconnectedWithoutCallingSage() {
    bindings.add(
        Binding.paired(
            TENANT,
            "https://shop.example",
            "https://sage.test/v3.1",
            SANDBOX_TOKEN_URL,
            clock.instant()),
        BindingSecrets.storeOnly("store-key"));

    Disconnected done = service.disconnect(TENANT, Side.STORE);

    assertThat(done).isEqualTo(new Disconnected(TENANT, false, false));
    assertThat(authorization.revocations).isEmpty();
    assertThat(binding().status()).isEqualTo(BindingStatus.DISCONNECTED);
  }

  @Test
  void tokensWithoutAKnownClientAreForgottenWithoutARevocation() {
    // a binding waiting for its business choice holds tokens but has no Sage client yet
    bindings.add(
        Binding.paired(
            TENANT,
            "https://shop.example",
            "https://sage.test/v3.1",
            SANDBOX_TOKEN_URL,
            clock.instant()),
        BindingSecrets.storeOnly("store-key"));
    vault.replace(TENANT, new SageTokens("refresh-choice", "access", null));

    Disconnected done = service.disconnect(TENANT, Side.OPERATOR);

    assertThat(done.sageRevoked()).isFalse();
    assertThat(authorization.revocations).isEmpty();
    assertThat(vault.tokens(TENANT)).isEmpty();
  }

  @Test
  void disconnectingAgainChangesNothingAndCallsSageNoMore() {
    connected(TENANT, SANDBOX_TOKEN_URL, BindingStatus.ACTIVE);
    service.disconnect(TENANT, Side.STORE);
    Binding after = binding();

    Disconnected again = service.disconnect(TENANT, Side.STORE);

    assertThat(again).isEqualTo(new Disconnected(TENANT, true, false));
    assertThat(authorization.revocations).hasSize(1);
    assertThat(binding()).isEqualTo(after);
    assertThat(vault.tokens(TENANT)).isEmpty();
  }

  @Test
  void otherBindingsAreUntouched() {
    connected(TENANT, SANDBOX_TOKEN_URL, BindingStatus.ACTIVE);
    connected("t-2", SANDBOX_TOKEN_URL, BindingStatus.ACTIVE);

    service.disconnect(TENANT, Side.STORE);

    assertThat(bindings.find("t-2").orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(vault.tokens("t-2")).isPresent();
  }

  @Test
  void anUnknownTenantIsRefused() {
    assertThatThrownBy(() -> service.disconnect("nobody", Side.STORE))
        .isInstanceOf(UnknownBindingException.class);
    assertThat(authorization.revocations).isEmpty();
  }
}
