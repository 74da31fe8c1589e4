package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegisterBindingServiceTest {
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository();
  private final InMemoryTokenVault tokens = new InMemoryTokenVault();
  private final RegisterBindingService service =
      new RegisterBindingService(
          bindings, tokens, new InMemoryPolicyRepository(), new InMemoryUnitOfWork());

  private static RegisterBindingCommand command(String storeUrl) {
    return new RegisterBindingCommand(
        new Binding(
            "t-1",
            storeUrl,
            Binding.DEFAULT_SAGE_API_URL,
            Binding.DEFAULT_SAGE_TOKEN_URL,
            "b".repeat(32),
            "GB",
            "GBP",
            BindingStatus.ACTIVE,
            Instant.parse("2026-12-01T00:00:00Z")),
        new BindingSecrets("store-master-key", "client", "client-secret"),
        "refresh-token",
        SyncPolicy.defaults("ledger-4000"));
  }

  @Test
  void refusesAStoreUrlWithCredentialsAndStoresNothing() {
    assertThatThrownBy(() -> service.register(command("https://admin:hunter2@shop.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("magento_base_url must not contain credentials")
        .hasMessageNotContaining("hunter2");
    assertThat(bindings.list()).isEmpty();
    assertThat(tokens.tokens("t-1")).isEmpty();
  }

  @Test
  void registersAnOrdinaryBindingAndChangesItsStatus() {
    service.register(command("https://shop.example"));
    service.changeStatus("t-1", BindingStatus.PAUSED);
    assertThat(service.list())
        .singleElement()
        .extracting(Binding::status)
        .isEqualTo(BindingStatus.PAUSED);
    assertThatThrownBy(() -> service.changeStatus("nobody", BindingStatus.ACTIVE))
        .isInstanceOf(UnknownBindingException.class);
  }

  @Test
  void pauseAndResumeAreIdempotent() {
    service.register(command("https://shop.example"));
    service.changeStatus("t-1", BindingStatus.PAUSED);
    service.changeStatus("t-1", BindingStatus.PAUSED);
    assertThat(bindings.find("t-1").orElseThrow().status()).isEqualTo(BindingStatus.PAUSED);
    service.changeStatus("t-1", BindingStatus.ACTIVE);
    service.changeStatus("t-1", BindingStatus.ACTIVE);
    assertThat(bindings.find("t-1").orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
  }

  @Test
  void aBindingInAConnectFlowStateIsNeitherPausedNorResumedAndTheMessageSaysWhatToDo() {
    service.register(command("https://shop.example"));
    String[][] cases = {
      {"TOKEN_REVOKED", "reconnect it (bindings sage-connect)"},
      {"DISCONNECTED", "pair the store again (bindings connect"},
    };
    for (String[] c : cases) {
      BindingStatus state = BindingStatus.valueOf(c[0]);
      bindings.changeStatus("t-1", state);
      for (BindingStatus target :
          new BindingStatus[] {BindingStatus.ACTIVE, BindingStatus.PAUSED}) {
        assertThatThrownBy(() -> service.changeStatus("t-1", target))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("binding t-1 is " + state.db())
            .hasMessageContaining(c[1]);
        assertThat(bindings.find("t-1").orElseThrow().status()).isEqualTo(state);
      }
    }
  }

  @Test
  void connectFlowStatesCannotBeSetByHand() {
    service.register(command("https://shop.example"));
    for (BindingStatus target :
        new BindingStatus[] {
          BindingStatus.DISCONNECTED, BindingStatus.TOKEN_REVOKED, BindingStatus.PENDING_SAGE
        }) {
      assertThatThrownBy(() -> service.changeStatus("t-1", target))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reached through the connect flows");
    }
    assertThat(bindings.find("t-1").orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
  }
}
