package io.ledgerbridge.bench.e2e;

import static io.ledgerbridge.bench.e2e.ConnectE2e.await;
import static io.ledgerbridge.bench.e2e.ConnectE2e.binding;
import static io.ledgerbridge.bench.e2e.ConnectE2e.storeGet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.bench.demo.Browser;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.sandbox.store.Disconnection;
import io.ledgerbridge.sandbox.store.OutboxRow;
import io.ledgerbridge.sandbox.store.SyncState;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection's life over real HTTP after onboarding: Sage revokes the refresh token (runs wait,
 * the binding and the store's tile say so, a reconnect resumes them), the store's admin disconnects
 * and pairs again, an operator disconnects and the store keeps sending; after every reconnect the
 * books in Sage hold no duplicate. The tile's shape is checked in every binding state.
 */
class ConnectionLifecycleEndToEndTest {
  @TempDir Path dataDir;
  private DemoEnvironment env;

  @BeforeEach
  void start() {
    env = DemoEnvironment.start(ConnectE2e.config(dataDir), p -> p);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aRevokedRefreshTokenHoldsTheRunsUntilTheMerchantReconnectsThenTheyResumeByThemselves()
      throws Exception {
    long first = env.store().raiseInvoice(sample());
    assertThat(awaitTerminal("invoice", first).syncStatus()).isEqualTo("synced");

    revokeSageConnectionAtSage();
    long second = env.store().raiseInvoice(sample());

    OutboxRow row = awaitDelivered("invoice.created:" + second);
    assertThat(row.status()).isEqualTo(OutboxRow.Status.SUCCEEDED);
    await(
        "binding token_revoked",
        () -> binding(env, env.tenant()).status() == BindingStatus.TOKEN_REVOKED);
    SyncRun waiting = awaitRun("invoice.created", second, SyncRunStatus.WAITING);
    Thread.sleep(2_500); // two held rechecks: still waiting, no failure counted, nothing posted
    SyncRun stillWaiting = latestRun("invoice.created", second);
    assertThat(stillWaiting.id()).isEqualTo(waiting.id());
    assertThat(stillWaiting.status()).isEqualTo(SyncRunStatus.WAITING);
    assertThat(stillWaiting.errorMessage()).contains("connect the binding to Sage again");
    assertThat(sageInvoices()).hasSize(1);
    assertThat(env.store().syncState("invoice", second).orElseThrow().syncStatus())
        .isEqualTo("pending");
    JsonNode tile = tile();
    assertThat(tile.path("tenant").path("magento_connection_status").asText())
        .isEqualTo("token_revoked");
    assertThat(tile.path("binding").path("status").asText()).isEqualTo("revoked");
    assertThat(tile.path("sync").path("pending_count").asInt()).isEqualTo(1);
    assertThat(tile.path("sync").path("failed_24h").asInt()).isZero();

    Browser.Page page = env.connectSageInBrowser(new Browser());

    assertThat(page.says("Connected to Sage")).as(page.body()).isTrue();
    assertThat(binding(env, env.tenant()).status()).isEqualTo(BindingStatus.ACTIVE);
    SyncState state = awaitTerminal("invoice", second);
    assertThat(state.syncStatus()).isEqualTo("synced");
    SyncRun resumed = latestRun("invoice.created", second);
    assertThat(resumed.id()).isEqualTo(waiting.id());
    assertThat(resumed.status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    assertThat(sageInvoices()).hasSize(2);
    assertThat(sageContacts()).hasSize(1);
    assertThat(tile().path("tenant").path("magento_connection_status").asText())
        .isEqualTo("active");
  }

  @Test
  void aDisconnectFromTheStoreRevokesAtSageAndAfterRePairingAndReconnectingNothingIsDuplicated()
      throws Exception {
    long invoice = env.store().raiseInvoice(sample());
    SyncState invoiceState = awaitTerminal("invoice", invoice);
    assertThat(invoiceState.syncStatus()).isEqualTo("synced");
    long memo =
        env.store()
            .raiseCreditMemo(env.store().creditMemoFor(invoice).refundLine("WB-01", "1").build());
    assertThat(awaitTerminal("creditmemo", memo).syncStatus()).isEqualTo("synced");
    Books before = books();
    String tenant = env.tenant();
    String oldKey = env.apiKey();
    int revokedBefore = env.sage().revokedTokens();

    var disconnection = env.store().disconnect();

    assertThat(disconnection).isInstanceOf(Disconnection.Acknowledged.class);
    assertThat(env.store().isConnected()).isFalse();
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.DISCONNECTED);
    assertThat(env.sage().revokedTokens()).isEqualTo(revokedBefore + 1);
    assertThat(env.chassis().persistence().tokenVault().tokens(tenant)).isEmpty();
    // the history and the cross-references stay
    assertThat(latestRun("invoice.created", invoice).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    JsonNode status =
        storeGet(env, "/v1/status?entity_type=invoice&entity_id=" + invoice, oldKey).json();
    assertThat(status.path("status").asText()).isEqualTo("synced");
    assertThat(status.path("sage_id").asText()).isEqualTo(invoiceState.providerEntityId());

    String again = env.pairStore();

    assertThat(again).isEqualTo(tenant);
    assertThat(env.apiKey()).isNotEqualTo(oldKey);
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.PENDING_SAGE);
    JsonNode pending = tile();
    assertThat(pending.path("tenant").path("magento_connection_status").asText())
        .isEqualTo("pending");
    assertThat(pending.path("binding").path("status").asText()).isEqualTo("pending");
    assertThat(env.connectSageInBrowser(new Browser()).says("Connected to Sage")).isTrue();
    assertThat(binding(env, tenant).status()).isEqualTo(BindingStatus.ACTIVE);

    // the same entities again: the payment and a second refund land on the invoice and contact
    // that were created before the disconnect
    env.store().payInvoice(invoice);
    await("payment run ended", () -> ended("invoice.paid", invoice));
    long secondMemo =
        env.store()
            .raiseCreditMemo(env.store().creditMemoFor(invoice).refundLine("WB-01", "1").build());
    assertThat(awaitTerminal("creditmemo", secondMemo).syncStatus()).isEqualTo("synced");

    assertThat(latestRun("invoice.paid", invoice).status()).isEqualTo(SyncRunStatus.SUCCEEDED);
    Books after = books();
    assertThat(after.invoices()).isEqualTo(before.invoices());
    assertThat(after.contacts()).isEqualTo(before.contacts());
    assertThat(after.creditNotes()).hasSize(before.creditNotes().size() + 1);
    // the receipt for the invoice and the refund of the second memo (the invoice is paid by then)
    assertThat(after.payments()).hasSize(before.payments().size() + 2);
    assertThat(env.sage().contactPayments(env.sage().defaultBusinessId()))
        .filteredOn(p -> p.path("transaction_type").path("id").asText().equals("CUSTOMER_RECEIPT"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.path("allocated_artefacts").toString())
                    .contains(invoiceState.providerEntityId()));
    assertThat(env.store().syncState("invoice", invoice).orElseThrow().providerEntityId())
        .isEqualTo(invoiceState.providerEntityId());
  }

  @Test
  void anOperatorDisconnectHoldsTheStoresLaterEventsUntilTheStoreIsPairedAndSageReconnected()
      throws Exception {
    long first = env.store().raiseInvoice(sample());
    assertThat(awaitTerminal("invoice", first).syncStatus()).isEqualTo("synced");
    String tenant = env.tenant();
    int revokedBefore = env.sage().revokedTokens();
    String linkBeforeDisconnect = env.chassis().connectSage().connectLink(tenant);

    DisconnectBindingUseCase.Disconnected done =
        env.chassis().disconnect().disconnect(tenant, DisconnectBindingUseCase.Side.OPERATOR);

    assertThat(done.sageRevoked()).isTrue();
    assertThat(done.alreadyDisconnected()).isFalse();
    assertThat(env.sage().revokedTokens()).isEqualTo(revokedBefore + 1);
    assertThat(env.store().isConnected()).isTrue(); // the store is told nothing
    JsonNode tile = tile();
    assertThat(tile.path("tenant").path("magento_connection_status").asText())
        .isEqualTo("token_revoked");
    assertThat(tile.path("binding").path("status").asText()).isEqualTo("disconnected");
    // a second disconnect changes nothing
    assertThat(
            env.chassis()
                .disconnect()
                .disconnect(tenant, DisconnectBindingUseCase.Side.OPERATOR)
                .alreadyDisconnected())
        .isTrue();

    long held = env.store().raiseInvoice(sample());
    OutboxRow row = awaitDelivered("invoice.created:" + held);
    assertThat(row.status()).isEqualTo(OutboxRow.Status.SUCCEEDED);
    assertThat(row.lastStatusCode()).isEqualTo(202);
    SyncRun waiting = awaitRun("invoice.created", held, SyncRunStatus.WAITING);
    assertThat(sageInvoices()).hasSize(1);
    // connecting Sage needs the store paired again first: no link is handed out, and one handed
    // out before the disconnect leads to a page that says so
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> env.connectSageInBrowser(new Browser()))
        .isInstanceOf(io.ledgerbridge.ports.in.BindingNotPairedException.class)
        .hasMessageContaining("pair the store again");
    Browser.Page refused = new Browser().get(linkBeforeDisconnect);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.says("Pair it again")).as(refused.body()).isTrue();

    assertThat(env.pairStore()).isEqualTo(tenant);
    assertThat(env.connectSageInBrowser(new Browser()).says("Connected to Sage")).isTrue();

    assertThat(awaitTerminal("invoice", held).syncStatus()).isEqualTo("synced");
    assertThat(latestRun("invoice.created", held).id()).isEqualTo(waiting.id());
    assertThat(sageInvoices()).hasSize(2);
    assertThat(sageContacts()).hasSize(1);
  }

  @Test
  void theTileHasWireShapeInEveryBindingState() throws Exception {
    long id = env.store().raiseInvoice(sample());
    awaitTerminal("invoice", id);
    String tenant = env.tenant();
    List<String> seen = new ArrayList<>();

    seen.add(shapeOf(tile(), "active", "active"));
    env.chassis().registration().changeStatus(tenant, BindingStatus.PAUSED);
    seen.add(shapeOf(tile(), "active", "paused"));
    env.chassis().registration().changeStatus(tenant, BindingStatus.ACTIVE);
    env.chassis().disconnect().disconnect(tenant, DisconnectBindingUseCase.Side.OPERATOR);
    seen.add(shapeOf(tile(), "token_revoked", "disconnected"));
    env.pairStore();
    seen.add(shapeOf(tile(), "pending", "pending"));
    assertThat(env.connectSageInBrowser(new Browser()).says("Connected to Sage")).isTrue();
    seen.add(shapeOf(tile(), "active", "active"));
    revokeSageConnectionAtSage();
    long waiting = env.store().raiseInvoice(sample());
    awaitRun("invoice.created", waiting, SyncRunStatus.WAITING);
    seen.add(shapeOf(tile(), "token_revoked", "revoked"));

    assertThat(seen)
        .containsExactly(
            "active/active/gb",
            "active/paused/gb",
            "token_revoked/disconnected/gb",
            "pending/pending/gb", // re-paired: the Sage business is remembered until OAuth
            "active/active/gb",
            "token_revoked/revoked/gb");
  }

  @Test
  void theStatusRouteGivesTheCombinedStateOfAnEntityAndUnknownForOneNeverSeen() throws Exception {
    long id = env.store().raiseInvoice(sample());
    SyncState state = awaitTerminal("invoice", id);

    JsonNode synced =
        storeGet(env, "/v1/status?entity_type=invoice&entity_id=" + id, env.apiKey()).json();
    JsonNode unknown =
        storeGet(env, "/v1/status?entity_type=creditmemo&entity_id=987654", env.apiKey()).json();
    ConnectE2e.Answer bad = storeGet(env, "/v1/status?entity_type=order&entity_id=1", env.apiKey());
    ConnectE2e.Answer unsigned =
        ConnectE2e.send(
            HttpRequest.newBuilder(
                    URI.create(env.chassisUrl() + "/v1/status?entity_type=invoice&entity_id=1"))
                .GET());

    assertThat(fieldNames(synced))
        .containsExactly(
            "entity_type",
            "entity_id",
            "status",
            "sage_id",
            "sage_reference",
            "error_code",
            "skip_reason",
            "last_sync_at",
            "runs_in_progress");
    assertThat(synced.path("entity_type").asText()).isEqualTo("invoice");
    assertThat(synced.path("entity_id").asLong()).isEqualTo(id);
    assertThat(synced.path("status").asText()).isEqualTo("synced");
    assertThat(synced.path("sage_id").asText()).isEqualTo(state.providerEntityId());
    assertThat(synced.path("sage_reference").asText()).isEqualTo(state.providerReference());
    assertThat(synced.path("error_code").isNull()).isTrue();
    assertThat(synced.path("last_sync_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z");
    assertThat(synced.path("runs_in_progress").asInt()).isZero();
    assertThat(unknown.path("status").asText()).isEqualTo("unknown");
    assertThat(unknown.path("sage_id").isNull()).isTrue();
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("entity_type must be one of");
    assertThat(unsigned.status()).isEqualTo(401);
  }

  // ------------------------------------------------------------------ helpers

  private static io.ledgerbridge.sandbox.store.StoreInvoice sample() {
    return SampleInvoices.all().get(0).invoice();
  }

  /**
   * Sage forgets the connection as it does when the user removes the app or 31 days pass unused:
   * the refresh token is revoked at Sage, and the access token the chassis holds is dropped so the
   * next call must refresh (and gets {@code invalid_grant}).
   */
  private void revokeSageConnectionAtSage() {
    TokenVault vault = env.chassis().persistence().tokenVault();
    String refresh = vault.tokens(env.tenant()).orElseThrow().refreshToken();
    String form =
        Map.of(
                "token",
                refresh,
                "client_id",
                DemoEnvironment.CLIENT_ID,
                "client_secret",
                env.clientSecret())
            .entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    ConnectE2e.Answer answer =
        ConnectE2e.send(
            HttpRequest.newBuilder(URI.create(env.sage().revokeUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    vault.replace(env.tenant(), new TokenVault.SageTokens(refresh, null, null));
  }

  private JsonNode tile() {
    ConnectE2e.Answer answer = storeGet(env, "/v1/tile/health", env.apiKey());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /**
   * WIRE §1B's exact shape (no more keys, none missing) as {@code connection/binding/region}, with
   * the binding's region present only once Sage is connected.
   */
  private static String shapeOf(JsonNode tile, String connection, String bindingStatus) {
    assertThat(fieldNames(tile)).containsExactly("tenant", "binding", "sync");
    assertThat(fieldNames(tile.path("tenant"))).containsExactly("magento_connection_status");
    assertThat(fieldNames(tile.path("sync")))
        .containsExactly("pending_count", "failed_24h", "last_run_at");
    assertThat(tile.path("sync").path("pending_count").isInt()).isTrue();
    assertThat(tile.path("sync").path("failed_24h").isInt()).isTrue();
    JsonNode binding = tile.path("binding");
    boolean hasRegion = binding.has("region");
    assertThat(fieldNames(binding))
        .containsExactlyElementsOf(hasRegion ? List.of("status", "region") : List.of("status"));
    assertThat(tile.path("tenant").path("magento_connection_status").asText())
        .isEqualTo(connection);
    assertThat(binding.path("status").asText()).isEqualTo(bindingStatus);
    return tile.path("tenant").path("magento_connection_status").asText()
        + "/"
        + binding.path("status").asText()
        + "/"
        + (hasRegion ? binding.path("region").asText() : "-");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private record Books(
      List<String> invoices,
      List<String> creditNotes,
      List<String> payments,
      List<String> contacts) {}

  private Books books() {
    String business = env.sage().defaultBusinessId();
    return new Books(
        ids(env.sage().salesInvoices(business)),
        ids(env.sage().salesCreditNotes(business)),
        ids(env.sage().contactPayments(business)),
        ids(env.sage().contacts(business)));
  }

  private static List<String> ids(List<JsonNode> nodes) {
    return nodes.stream().map(n -> n.path("id").asText()).collect(Collectors.toList());
  }

  private List<JsonNode> sageInvoices() {
    return env.sage().salesInvoices(env.sage().defaultBusinessId());
  }

  private List<JsonNode> sageContacts() {
    return env.sage().contacts(env.sage().defaultBusinessId());
  }

  private SyncState awaitTerminal(String type, long id) throws InterruptedException {
    await(
        type + " " + id + " terminal",
        () ->
            env.store()
                .syncState(type, id)
                .map(s -> !"pending".equals(s.syncStatus()))
                .orElse(false));
    return env.store().syncState(type, id).orElseThrow();
  }

  private OutboxRow awaitDelivered(String key) throws InterruptedException {
    await(
        key + " delivered",
        () ->
            env.store().outbox().stream()
                .anyMatch(
                    r -> r.idempotencyKey().equals(key) && r.status() != OutboxRow.Status.PENDING));
    return env.store().outbox().stream()
        .filter(r -> r.idempotencyKey().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private List<SyncRun> runs(String event, long id) {
    return env.chassis().query().recent(new RunQuery(null, null, event, id, 20));
  }

  private SyncRun latestRun(String event, long id) {
    return runs(event, id).get(0);
  }

  private boolean ended(String event, long id) {
    List<SyncRun> r = runs(event, id);
    return !r.isEmpty() && r.get(0).status().isTerminal();
  }

  private SyncRun awaitRun(String event, long id, SyncRunStatus status)
      throws InterruptedException {
    await(
        event + " " + id + " " + status,
        () -> {
          List<SyncRun> r = runs(event, id);
          return !r.isEmpty() && r.get(0).status() == status;
        });
    return latestRun(event, id);
  }
}
