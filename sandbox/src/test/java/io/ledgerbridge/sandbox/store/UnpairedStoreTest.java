package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.testkit.fake.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store started unpaired is a fresh install: not connected, so the observers enqueue nothing and
 * write no mirror rows (WIRE §5.1), until a pairing lands.
 */
class UnpairedStoreTest {

  private TestLedger ledger;
  private SandboxStore store;

  @BeforeEach
  void start() {
    ledger = new TestLedger();
    store =
        SandboxStore.startUnpaired(
            SandboxStoreConfig.unpaired().clock(MutableClock.atEpochSecond(IAT)).build());
  }

  @AfterEach
  void stop() {
    store.close();
    ledger.close();
  }

  @Test
  void startsWithNoTenantKeyOrLedger() {
    assertThat(store.isConnected()).isFalse();
    assertThat(store.tenantId()).isEmpty();
    assertThat(store.ledgerBaseUrl()).isNull();
    assertThat(store.pairingCodeExpiresAt()).isEmpty();
  }

  @Test
  void savesWhileUnpairedEnqueueNothingAndWriteNoMirrorRows() {
    long invoice = store.raiseInvoice(StoreInvoice.builder().paid().build());
    long open = store.raiseInvoice(StoreInvoice.builder().build());
    store.payInvoice(open);
    long memo = store.refundInvoice(invoice);
    store.drainOutboxNow();

    assertThat(store.invoice(invoice)).isPresent();
    assertThat(store.creditMemo(memo)).isPresent();
    assertThat(store.outbox()).isEmpty();
    assertThat(store.saveCreditMemoAgain(memo)).isFalse();
    assertThat(store.syncState("invoice", invoice)).isEmpty();
    assertThat(store.syncState("creditmemo", memo)).isEmpty();
    assertThat(ledger.all()).isEmpty();
  }

  @Test
  void onlySavesAfterThePairingAreEnqueuedAndDelivered() throws Exception {
    long before = store.raiseInvoice(StoreInvoice.builder().build());

    PairRequests.pair(store, TENANT, MASTER, ledger.baseUrl());
    long after = store.raiseInvoice(StoreInvoice.builder().build());

    assertThat(ledger.take().header("Idempotency-Key")).isEqualTo("invoice.created:" + after);
    assertThat(store.outbox())
        .extracting(OutboxRow::idempotencyKey)
        .containsExactly("invoice.created:" + after);
    assertThat(store.syncState("invoice", before)).isEmpty();
    assertThat(store.syncState("invoice", after)).isPresent();
  }

  @Test
  void aPreConnectedStoreWithoutAnApiKeyIsNotConnectedEither() {
    try (SandboxStore keyless =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, "")
                .clock(MutableClock.atEpochSecond(IAT))
                .ledgerBaseUrl(ledger.baseUrl())
                .build())) {
      keyless.raiseInvoice(StoreInvoice.builder().build());

      assertThat(keyless.isConnected()).isFalse();
      assertThat(keyless.outbox()).isEmpty();
    }
  }

  @Test
  void startUnpairedRefusesAConfigThatCarriesCredentials() {
    assertThatThrownBy(
            () -> SandboxStore.startUnpaired(SandboxStoreConfig.builder(TENANT, MASTER).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("by pairing");
    assertThatThrownBy(
            () ->
                SandboxStore.startUnpaired(
                    SandboxStoreConfig.unpaired().ledgerBaseUrl(ledger.baseUrl()).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
