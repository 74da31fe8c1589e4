package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.PairCommand;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Paired;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.PairingResult;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Reason;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.Refused;
import io.ledgerbridge.ports.in.ConnectStoreUseCase.StoreUnavailable;
import io.ledgerbridge.ports.out.StoreGateway.PairingRefused;
import io.ledgerbridge.ports.out.StoreGateway.PairingRequest;
import io.ledgerbridge.testkit.fake.FakeStoreGateway;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectStoreServiceTest {
  private static final String STORE = "https://shop.example";
  private static final String SAGE_API = "https://sage.test/v3.1";
  private static final String SAGE_TOKEN = "https://sage.test/oauth/token";
  private static final ConnectSettings SETTINGS =
      new ConnectSettings(
          "https://ledger.example/",
          "client-id",
          "client-secret",
          "https://sage.test/authorize",
          SAGE_TOKEN,
          "https://sage.test/oauth/revoke",
          SAGE_API);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository(clock);
  private final HookedStore store = new HookedStore();
  private final AtomicInteger tenantSeq = new AtomicInteger();
  private final ConnectStoreService service =
      new ConnectStoreService(
          bindings, store, SETTINGS, clock, () -> "tenant-" + tenantSeq.incrementAndGet());

  /** The fake store, with a hook that runs inside {@code pair} before it answers. */
  static final class HookedStore extends FakeStoreGateway {
    BiConsumer<String, PairingRequest> during = (url, request) -> {};

    @Override
    public PairingAnswer pair(String storeBaseUrl, PairingRequest request) {
      during.accept(storeBaseUrl, request);
      return super.pair(storeBaseUrl, request);
    }

    PairingRequest lastRequest() {
      return pairings.get(pairings.size() - 1).getValue();
    }
  }

  private static PairCommand command(String url, String code) {
    return new PairCommand(url, code, null);
  }

  private static TransientGatewayException unreachable() {
    return new TransientGatewayException(
        "magento", "pair", 0, null, ErrorClass.HTTP, "connection refused", null, null);
  }

  /** An active binding of {@code STORE}, connected to Sage, under {@code tenant}. */
  private void activeBinding(String tenant, String apiKey, BindingStatus status) {
    bindings.add(
        new Binding(
            tenant,
            STORE,
            SAGE_API,
            SAGE_TOKEN,
            "b".repeat(32),
            "GB",
            "GBP",
            status,
            Instant.parse("2026-01-01T00:00:00Z")),
        new BindingSecrets(apiKey, "client-id", "client-secret"));
  }

  private BindingSecrets secrets(String tenant) {
    return bindings.secrets(tenant).orElseThrow();
  }

  private Binding binding(String tenant) {
    return bindings.find(tenant).orElseThrow();
  }

  // ---- a new store ----

  @Test
  void aNewStoreIsPairedPendingSageWithTheKeyAndTenantItWasGiven() {
    PairingResult result = service.pair(command(STORE, "PAIR-1234"));

    assertThat(result).isEqualTo(new Paired("tenant-1", BindingStatus.PENDING_SAGE, false));
    assertThat(store.pairings).hasSize(1);
    assertThat(store.pairings.get(0).getKey()).isEqualTo(STORE);
    PairingRequest sent = store.lastRequest();
    assertThat(sent.pairingCode()).isEqualTo("PAIR-1234");
    assertThat(sent.tenantId()).isEqualTo("tenant-1");
    assertThat(sent.ledgerBaseUrl()).isEqualTo("https://ledger.example");

    Binding b = binding("tenant-1");
    assertThat(b.status()).isEqualTo(BindingStatus.PENDING_SAGE);
    assertThat(b.magentoBaseUrl()).isEqualTo(STORE);
    assertThat(b.sageApiUrl()).isEqualTo(SAGE_API);
    assertThat(b.sageTokenUrl()).isEqualTo(SAGE_TOKEN);
    assertThat(b.hasSageBusiness()).isFalse();
    assertThat(b.createdAt()).isEqualTo(clock.instant());
    assertThat(secrets("tenant-1")).isEqualTo(BindingSecrets.storeOnly(sent.apiKey()));
  }

  @Test
  void theKeyIs256RandomBitsInBase64UrlAndTheTenantAUuidByDefault() {
    ConnectStoreService real = new ConnectStoreService(bindings, store, SETTINGS, clock);
    Set<String> keys = new HashSet<>();
    Set<String> tenants = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Paired p = (Paired) real.pair(command("https://shop" + i + ".example", "code"));
      PairingRequest sent = store.lastRequest();
      assertThat(sent.tenantId()).isEqualTo(p.tenantId());
      assertThat(UUID.fromString(p.tenantId()).toString()).isEqualTo(p.tenantId());
      assertThat(sent.apiKey()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
      assertThat(Base64.getUrlDecoder().decode(sent.apiKey())).hasSize(32);
      keys.add(sent.apiKey());
      tenants.add(p.tenantId());
    }
    assertThat(keys).hasSize(20);
    assertThat(tenants).hasSize(20);
  }

  @Test
  void theOfferedKeyIsRecordedBeforeTheStoreIsCalled() {
    List<BindingSecrets> seen = new ArrayList<>();
    List<BindingStatus> statuses = new ArrayList<>();
    store.during =
        (url, request) -> {
          seen.add(bindings.secrets(request.tenantId()).orElse(null));
          statuses.add(bindings.find(request.tenantId()).map(Binding::status).orElse(null));
        };

    service.pair(command(STORE, "code"));

    assertThat(seen).containsExactly(BindingSecrets.storeOnly(store.lastRequest().apiKey()));
    assertThat(statuses).containsExactly(BindingStatus.PENDING_SAGE);
  }

  @Test
  void aRefusedNewPairingLeavesNoBinding() {
    store.pairingAnswers.add(new PairingRefused(401, "The pairing code is invalid or expired."));

    PairingResult result = service.pair(command(STORE, "stale"));

    assertThat(result).isInstanceOf(Refused.class);
    assertThat(bindings.list()).isEmpty();
    assertThat(bindings.secrets("tenant-1")).isEmpty();
  }

  @Test
  void aStoreThatCouldNotBeReachedKeepsTheNewBindingAndARetryPairsTheSameTenantAgain() {
    store.pairingAnswers.add(unreachable());

    PairingResult first = service.pair(command(STORE, "code-1"));

    assertThat(first).isInstanceOf(StoreUnavailable.class);
    assertThat(((StoreUnavailable) first).message()).contains("connection refused");
    String firstKey = store.lastRequest().apiKey();
    // the store may have taken the key: its events must be accepted
    assertThat(secrets("tenant-1").apiKey()).isEqualTo(firstKey);
    assertThat(binding("tenant-1").status()).isEqualTo(BindingStatus.PENDING_SAGE);

    PairingResult retry = service.pair(command(STORE + "/", "code-1"));

    assertThat(retry).isEqualTo(new Paired("tenant-1", BindingStatus.PENDING_SAGE, true));
    assertThat(bindings.list()).hasSize(1);
    String secondKey = store.lastRequest().apiKey();
    assertThat(secondKey).isNotEqualTo(firstKey);
    assertThat(store.lastRequest().tenantId()).isEqualTo("tenant-1");
    assertThat(secrets("tenant-1")).isEqualTo(BindingSecrets.storeOnly(secondKey));
  }

  // ---- every answer of the store mapped ----

  @Test
  void a401IsAnInvalidPairingCodeWithTheStoresMessage() {
    store.pairingAnswers.add(new PairingRefused(401, "Pairing code expired."));

    Refused r = (Refused) service.pair(command(STORE, "code"));

    assertThat(r.reason()).isEqualTo(Reason.INVALID_PAIRING_CODE);
    assertThat(r.message()).contains("Pairing code expired.").contains("30 minutes");
  }

  @Test
  void a400IsARequestTheStoreRejectedWithItsMessage() {
    store.pairingAnswers.add(new PairingRefused(400, "ledger_base_url must be https"));

    Refused r = (Refused) service.pair(command(STORE, "code"));

    assertThat(r.reason()).isEqualTo(Reason.STORE_REJECTED_REQUEST);
    assertThat(r.message()).contains("ledger_base_url must be https");
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 302, 403, 405, 422})
  void anyOtherRefusalIsNotAPairableStoreWithTheGatewaysMessage(int status) {
    store.pairingAnswers.add(new PairingRefused(status, "the store has no pairing route"));

    Refused r = (Refused) service.pair(command(STORE, "code"));

    assertThat(r)
        .isEqualTo(new Refused(Reason.NOT_A_PAIRABLE_STORE, "the store has no pairing route"));
    assertThat(bindings.list()).isEmpty();
  }

  // ---- pairing a bound store again ----

  @Test
  void aBoundStorePairedAgainKeepsItsTenantAndSageAndRotatesItsKey() {
    activeBinding("t-old", "old-key", BindingStatus.ACTIVE);
    Binding before = binding("t-old");

    PairingResult result = service.pair(command("HTTPS://Shop.Example/", "code"));

    assertThat(result).isEqualTo(new Paired("t-old", BindingStatus.ACTIVE, true));
    assertThat(tenantSeq).hasValue(0); // no new tenant made up
    assertThat(store.lastRequest().tenantId()).isEqualTo("t-old");
    String newKey = store.lastRequest().apiKey();
    assertThat(newKey).isNotEqualTo("old-key").hasSize(43);
    assertThat(secrets("t-old"))
        .isEqualTo(new BindingSecrets(newKey, "client-id", "client-secret", null));
    Binding after = binding("t-old");
    assertThat(after.sageBusinessId()).isEqualTo(before.sageBusinessId());
    assertThat(after.businessCountry()).isEqualTo("GB");
    assertThat(after.baseCurrency()).isEqualTo("GBP");
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(after.status()).isEqualTo(BindingStatus.ACTIVE);
    assertThat(bindings.list()).hasSize(1);
  }

  @Test
  void aRepairOffersTheNewKeyAlongsideTheCurrentOneBeforeCallingTheStore() {
    activeBinding("t-old", "old-key", BindingStatus.ACTIVE);
    List<BindingSecrets> seen = new ArrayList<>();
    store.during = (url, request) -> seen.add(secrets("t-old"));

    service.pair(command(STORE, "code"));

    String newKey = store.lastRequest().apiKey();
    assertThat(seen)
        .containsExactly(new BindingSecrets("old-key", "client-id", "client-secret", newKey));
  }

  @Test
  void aRefusedRepairWithdrawsTheOfferAndChangesNothingElse() {
    activeBinding("t-old", "old-key", BindingStatus.ACTIVE);
    Binding before = binding("t-old");
    store.pairingAnswers.add(new PairingRefused(401, "invalid code"));

    Refused r = (Refused) service.pair(command(STORE, "code"));

    assertThat(r.reason()).isEqualTo(Reason.INVALID_PAIRING_CODE);
    assertThat(secrets("t-old"))
        .isEqualTo(new BindingSecrets("old-key", "client-id", "client-secret"));
    assertThat(binding("t-old")).isEqualTo(before);
  }

  @Test
  void anUnreachableStoreDuringARepairLeavesTheOfferStanding() {
    activeBinding("t-old", "old-key", BindingStatus.ACTIVE);
    store.pairingAnswers.add(unreachable());

    PairingResult result = service.pair(command(STORE, "code"));

    assertThat(result).isInstanceOf(StoreUnavailable.class);
    String offered = store.lastRequest().apiKey();
    assertThat(secrets("t-old"))
        .isEqualTo(new BindingSecrets("old-key", "client-id", "client-secret", offered));
    assertThat(binding("t-old").status()).isEqualTo(BindingStatus.ACTIVE);
  }

  @Test
  void aDisconnectedStorePairedAgainWaitsForSageAgainWithItsBusinessKept() {
    activeBinding("t-old", "old-key", BindingStatus.DISCONNECTED);

    PairingResult result = service.pair(command(STORE, "code"));

    assertThat(result).isEqualTo(new Paired("t-old", BindingStatus.PENDING_SAGE, true));
    assertThat(binding("t-old").status()).isEqualTo(BindingStatus.PENDING_SAGE);
    assertThat(binding("t-old").sageBusinessId()).isEqualTo("b".repeat(32));
    assertThat(secrets("t-old").apiKey()).isEqualTo(store.lastRequest().apiKey());
  }

  @Test
  void aTokenRevokedOrPausedStoreKeepsItsStatusWhenPairedAgain() {
    activeBinding("t-revoked", "k1", BindingStatus.TOKEN_REVOKED);
    bindings.add(
        new Binding(
            "t-paused",
            "https://other.example",
            SAGE_API,
            SAGE_TOKEN,
            "c".repeat(32),
            "IE",
            "EUR",
            BindingStatus.PAUSED,
            Instant.EPOCH),
        new BindingSecrets("k2", "client-id", "client-secret"));

    assertThat(service.pair(command(STORE, "c1")))
        .isEqualTo(new Paired("t-revoked", BindingStatus.TOKEN_REVOKED, true));
    assertThat(service.pair(command("https://other.example", "c2")))
        .isEqualTo(new Paired("t-paused", BindingStatus.PAUSED, true));
  }

  @Test
  void aStatusChangedWhileTheStoreAnsweredIsKept() {
    activeBinding("t-old", "old-key", BindingStatus.ACTIVE);
    store.during = (url, request) -> bindings.changeStatus("t-old", BindingStatus.PAUSED);

    PairingResult result = service.pair(command(STORE, "code"));

    assertThat(result).isEqualTo(new Paired("t-old", BindingStatus.PAUSED, true));
    assertThat(binding("t-old").status()).isEqualTo(BindingStatus.PAUSED);
  }

  @Test
  void theStoresYesMakesItsKeyTheKeyEvenIfAnotherOfferReplacedItMeanwhile() {
    activeBinding("t-old", "old-key", BindingStatus.ACTIVE);
    store.during =
        (url, request) ->
            bindings.update(binding("t-old"), secrets("t-old").offering("someone-elses-offer"));

    service.pair(command(STORE, "code"));

    assertThat(secrets("t-old"))
        .isEqualTo(
            new BindingSecrets(store.lastRequest().apiKey(), "client-id", "client-secret", null));
  }

  @Test
  void aStoreThatMovedIsPairedAgainUnderItsTenantAtItsNewUrl() {
    activeBinding("t-old", "old-key", BindingStatus.ACTIVE);

    PairingResult result =
        service.pair(new PairCommand("https://new-shop.example", "code", " t-old "));

    assertThat(result).isEqualTo(new Paired("t-old", BindingStatus.ACTIVE, true));
    assertThat(store.pairings.get(0).getKey()).isEqualTo("https://new-shop.example");
    assertThat(binding("t-old").magentoBaseUrl()).isEqualTo("https://new-shop.example");
    assertThat(bindings.list()).hasSize(1);
  }

  @Test
  void anUnknownTenantToPairAgainIsRefusedWithoutCallingTheStore() {
    Refused r = (Refused) service.pair(new PairCommand(STORE, "code", "nobody"));

    assertThat(r.reason()).isEqualTo(Reason.INVALID_INPUT);
    assertThat(store.pairings).isEmpty();
    assertThat(bindings.list()).isEmpty();
  }

  // ---- input ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "shop.example",
        "ftp://shop.example",
        "https://admin:hunter2@shop.example",
        "https://@shop.example",
        "https:///path-only",
        "https://shop example"
      })
  void anUnusableStoreUrlIsInvalidInputAndNothingIsStoredOrSent(String url) {
    Refused r = (Refused) service.pair(command(url, "code"));

    assertThat(r.reason()).isEqualTo(Reason.INVALID_INPUT);
    assertThat(r.message()).contains("magento_base_url").doesNotContain("hunter2");
    assertThat(store.pairings).isEmpty();
    assertThat(bindings.list()).isEmpty();
  }

  @Test
  void aMissingUrlIsInvalidInput() {
    assertThat(((Refused) service.pair(command(null, "code"))).reason())
        .isEqualTo(Reason.INVALID_INPUT);
    assertThat(store.pairings).isEmpty();
  }

  @Test
  void aMissingBlankOrOversizedCodeIsInvalidInput() {
    for (String code : new String[] {null, "", "   ", "x".repeat(257)}) {
      Refused r = (Refused) service.pair(command(STORE, code));
      assertThat(r.reason()).as(String.valueOf(code)).isEqualTo(Reason.INVALID_INPUT);
      assertThat(r.message()).contains("pairing_code");
    }
    assertThat(store.pairings).isEmpty();
    assertThat(bindings.list()).isEmpty();

    assertThat(service.pair(command(STORE, "x".repeat(256)))).isInstanceOf(Paired.class);
  }

  @Test
  void theUrlAndCodeAreTrimmed() {
    service.pair(command("  https://shop.example  ", "  CODE-9  "));

    assertThat(store.pairings.get(0).getKey()).isEqualTo("https://shop.example");
    assertThat(store.lastRequest().pairingCode()).isEqualTo("CODE-9");
  }

  @Test
  void withoutAPublicUrlPairingIsNotConfigured() {
    ConnectStoreService unconfigured =
        new ConnectStoreService(
            bindings,
            store,
            new ConnectSettings(" ", "c", "s", null, SAGE_TOKEN, null, SAGE_API),
            clock,
            () -> "t");

    Refused r = (Refused) unconfigured.pair(command(STORE, "code"));

    assertThat(r.reason()).isEqualTo(Reason.NOT_CONFIGURED);
    assertThat(r.message()).contains("LEDGER_PUBLIC_URL");
    assertThat(store.pairings).isEmpty();
    assertThat(bindings.list()).isEmpty();
  }
}
