package io.ledgerbridge.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.bench.demo.Browser;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import io.ledgerbridge.sandbox.store.SyncState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-detail page over real HTTP (chassis, sandbox store, sandbox Sage): a synced invoice's run
 * lists every exchange of its attempt in order (the store's canonical GET, the contact search and
 * create, the invoice POST with Sage's successful answer), and the store said / Sage received view
 * agrees figure by figure.
 */
class RunDetailEndToEndTest {
  private static final String PASSWORD = "run detail password";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private DemoEnvironment env;

  @BeforeEach
  void start() {
    env = DemoEnvironment.start(ConnectE2e.config(dataDir), p -> p);
    env.chassis().consoleAccess().addUser("ops", Role.OPERATOR, null, PASSWORD);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aSyncedInvoicesDetailShowsEveryExchangeAndMatchingFigures() throws Exception {
    SampleInvoices.Sample sample =
        SampleInvoices.all().stream()
            .filter(s -> s.label().startsWith("domestic GBP"))
            .findFirst()
            .orElseThrow();
    long id = env.store().raiseInvoice(sample.invoice());
    SyncState state = InvoiceCreatedEndToEndTest.awaitTerminal(env.store(), id);
    assertThat(state.syncStatus()).isEqualTo("synced");
    String runId = env.store().syncRunId(id).orElseThrow();

    Browser browser = new Browser();
    assertThat(browser.signIn(env.adminUrl(), "ops", PASSWORD).status()).isEqualTo(200);
    Browser.Page page = browser.get(env.adminUrl() + "/dashboard/sync/" + runId);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.says("Attempt 1: ok")).isTrue();
    assertThat(page.says("Store said / Sage received")).isTrue();
    assertThat(page.says("Every figure agrees to the penny.")).isTrue();
    assertThat(page.says("class=\"diff\"")).isFalse();
    assertThat(page.says(state.providerReference())).isTrue();

    JsonNode run = JSON.readTree(browser.get(env.adminUrl() + "/api/sync-runs/" + runId).body());
    JsonNode exchanges = run.get("attempts").get(0).get("exchanges");
    List<String> calls = new ArrayList<>();
    exchanges.forEach(e -> calls.add(e.get("system").asText() + " " + e.get("operation").asText()));
    assertThat(calls)
        .containsSubsequence(
            "store fetch_invoice",
            "sage find_contact",
            "sage create_contact",
            "sage create_sales_invoice");
    JsonNode post = null;
    for (JsonNode e : exchanges) {
      if (e.get("operation").asText().equals("create_sales_invoice")) {
        post = e;
      }
      assertThat(e.toString()).doesNotContain("Bearer");
    }
    assertThat(post).isNotNull();
    assertThat(post.get("method").asText()).isEqualTo("POST");
    assertThat(post.get("http_status").asInt()).isBetween(200, 201);
    assertThat(post.get("request_body").asText()).contains("\"sales_invoice\"");
    assertThat(post.get("response_body").asText()).contains(state.providerReference());
    assertThat(page.says("create_sales_invoice")).isTrue();
    assertThat(page.says("fetch_invoice")).isTrue();
  }
}
