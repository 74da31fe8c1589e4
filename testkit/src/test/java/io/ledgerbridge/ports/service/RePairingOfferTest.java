package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import io.ledgerbridge.ports.out.StoreGateway.PairingRefused;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pairing a store again when an earlier attempt's answer was lost: the store may hold the key that
 * attempt offered, so later attempts must neither replace nor withdraw it.
 */
class RePairingOfferTest {
  private static final String STORE = "https://shop.example";
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository();
  private final FakeStoreGateway store = new FakeStoreGateway();
  private final ConnectStoreService service =
      new ConnectStoreService(
          bindings,
          store,
          new ConnectSettings(
              "https://ledger.example",
              null,
              null,
              null,
              "https://oauth.example/token",
              null,
              "https://api.example"),
          Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
  private String tenant;
  private String firstKey;

  @BeforeEach
  void pairOnce() {
    ConnectStoreUseCase.PairingResult r =
        service.pair(new ConnectStoreUseCase.PairCommand(STORE, "a".repeat(32), null));
    tenant = ((ConnectStoreUseCase.Paired) r).tenantId();
    firstKey = bindings.secrets(tenant).orElseThrow().apiKey();
  }

  private static TransientGatewayException lostAnswer() {
    return new TransientGatewayException(
        "magento", "pair", 0, null, ErrorClass.HTTP, "read timed out", null, null);
  }

  private String offeredInCall(int i) {
    return store.pairings.get(i).getValue().apiKey();
  }

  @Test
  void anAttemptAfterALostAnswerOffersTheSameKeyAgain() {
    store.pairingAnswers.add(lostAnswer());
    service.pair(new ConnectStoreUseCase.PairCommand(STORE, "b".repeat(32), null));
    String offered = offeredInCall(1);
    assertThat(offered).isNotEqualTo(firstKey);
    assertThat(bindings.secrets(tenant).orElseThrow().nextApiKey()).isEqualTo(offered);

    ConnectStoreUseCase.PairingResult again =
        service.pair(new ConnectStoreUseCase.PairCommand(STORE, "c".repeat(32), null));

    assertThat(again).isInstanceOf(ConnectStoreUseCase.Paired.class);
    assertThat(offeredInCall(2)).isEqualTo(offered);
    assertThat(bindings.secrets(tenant).orElseThrow().apiKey()).isEqualTo(offered);
    assertThat(bindings.secrets(tenant).orElseThrow().nextApiKey()).isNull();
  }

  @Test
  void aRefusalAfterALostAnswerKeepsTheOfferTheStoreMayHold() {
    store.pairingAnswers.add(lostAnswer());
    service.pair(new ConnectStoreUseCase.PairCommand(STORE, "b".repeat(32), null));
    String offered = offeredInCall(1);
    store.pairingAnswers.add(new PairingRefused(401, "Invalid or expired pairing code."));

    ConnectStoreUseCase.PairingResult refused =
        service.pair(new ConnectStoreUseCase.PairCommand(STORE, "c".repeat(32), null));

    assertThat(refused).isInstanceOf(ConnectStoreUseCase.Refused.class);
    assertThat(bindings.secrets(tenant).orElseThrow().apiKey()).isEqualTo(firstKey);
    assertThat(bindings.secrets(tenant).orElseThrow().nextApiKey()).isEqualTo(offered);
  }

  @Test
  void aRefusalOfAFreshOfferWithdrawsIt() {
    store.pairingAnswers.add(new PairingRefused(401, "Invalid or expired pairing code."));

    service.pair(new ConnectStoreUseCase.PairCommand(STORE, "b".repeat(32), null));

    assertThat(bindings.secrets(tenant).orElseThrow().apiKey()).isEqualTo(firstKey);
    assertThat(bindings.secrets(tenant).orElseThrow().nextApiKey()).isNull();
  }
}
