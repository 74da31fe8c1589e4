package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StorePageTest {

  @Test
  void pageListsInvoicesWithEscapedFieldsAndStatusChips() throws Exception {
    try (SandboxStore store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .build())) {
      StoreClient client = new StoreClient(store, MASTER, IAT);
      long a =
          store.raiseInvoice(
              StoreInvoice.builder()
                  .customer(StoreContact.guest("x@example.com", "<script>", "O'Neil"))
                  .line("S", "S", "2", "10.5", "4.2")
                  .build());
      long b = store.raiseInvoice(StoreInvoice.builder().currency("EUR").build());
      long c = store.raiseInvoice(StoreInvoice.builder().build());
      long d = store.raiseInvoice(StoreInvoice.builder().build());
      client.post(
          "/rest/V1/byte8/sync-state",
          "{\"entity_type\":\"invoice\",\"magento_entity_id\":"
              + b
              + ",\"provider\":\"sage_accounting\",\"sync_status\":\"synced\","
              + "\"provider_reference\":\"SI-<7>\"}");
      client.post(
          "/rest/V1/byte8/sync-state",
          "{\"entity_type\":\"invoice\",\"magento_entity_id\":"
              + c
              + ",\"provider\":\"sage_accounting\",\"sync_status\":\"skipped\","
              + "\"skip_reason\":\"payment_method_not_mapped\"}");
      client.post(
          "/rest/V1/byte8/sync-state",
          "{\"entity_type\":\"invoice\",\"magento_entity_id\":"
              + d
              + ",\"provider\":\"sage_accounting\",\"sync_status\":\"failed\","
              + "\"error_code\":\"provider\"}");

      HttpResponse<String> page = client.getAnonymous("/invoices");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body())
          .contains("<meta http-equiv=\"refresh\" content=\"2\">")
          .contains("&lt;script&gt; O&#39;Neil (guest) &lt;x@example.com&gt;")
          .doesNotContain("<script>")
          .contains("<td>" + a + "</td><td>000000001</td>")
          .contains("25.20")
          .contains("<span class=\"chip pending\"")
          .contains(">pending</span>")
          .contains("<span class=\"chip synced\"")
          .contains(">synced: SI-&lt;7&gt;</span>")
          .contains(">skipped: payment_method_not_mapped</span>")
          .contains("<span class=\"chip failed\"")
          .contains(">failed: provider</span>");
      assertThat(client.getAnonymous("/").body()).isEqualTo(page.body());
    }
  }

  @Test
  void pageListsCreditMemosWithTheirOwnChipsAndSageReference() throws Exception {
    try (SandboxStore store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .build())) {
      StoreClient client = new StoreClient(store, MASTER, IAT);
      long invoice =
          store.raiseInvoice(
              StoreInvoice.builder()
                  .incrementId("INV-<1>")
                  .customer(StoreContact.guest("x@example.com", "Al & Bo", null))
                  .line("S", "S", "2", "10.5", "4.2")
                  .build());
      long synced = store.refundInvoice(invoice);
      long offline =
          store.raiseCreditMemo(
              StoreCreditMemo.builder()
                  .incrementId("CM\"2")
                  .currency("EUR")
                  .line("X", "X", "1", "3.333", "0")
                  .build());
      long pending =
          store.raiseCreditMemo(store.creditMemoFor(invoice).refundLine("S", "1").build());
      client.post(
          "/rest/V1/byte8/sync-state",
          "{\"entity_type\":\"creditmemo\",\"magento_entity_id\":"
              + synced
              + ",\"provider\":\"sage_accounting\",\"sync_status\":\"synced\","
              + "\"provider_reference\":\"SCN-1\"}");
      client.post(
          "/rest/V1/byte8/sync-state",
          "{\"entity_type\":\"creditmemo\",\"magento_entity_id\":"
              + offline
              + ",\"provider\":\"sage_accounting\",\"sync_status\":\"failed\","
              + "\"error_code\":\"provider\"}");

      String body = client.getAnonymous("/").body();

      assertThat(body)
          .contains("<h2>Credit memos</h2>")
          .doesNotContain("No credit memos yet.")
          .contains(
              "<tr><td>"
                  + synced
                  + "</td><td>000000001</td><td>INV-&lt;1&gt;</td>"
                  + "<td>Al &amp; Bo (guest) &lt;x@example.com&gt;</td><td>GBP</td>"
                  + "<td class=\"num\">25.20</td><td><span class=\"chip synced\"")
          .contains(">synced: SCN-1</span></td></tr>")
          .contains(
              "<tr><td>"
                  + offline
                  + "</td><td>CM&quot;2</td><td>offline refund</td>"
                  + "<td>Guest Buyer (guest) &lt;guest@example.com&gt;</td><td>EUR</td>"
                  + "<td class=\"num\">3.33</td><td><span class=\"chip failed\"")
          .contains(">failed: provider</span></td></tr>")
          .contains(
              "<tr><td>"
                  + pending
                  + "</td><td>000000003</td><td>INV-&lt;1&gt;</td>"
                  + "<td>Al &amp; Bo (guest) &lt;x@example.com&gt;</td><td>GBP</td>"
                  + "<td class=\"num\">12.60</td><td><span class=\"chip pending\"");
      // the invoice's own chip is unaffected by the memo pushes (entity types are distinct)
      assertThat(body)
          .contains(
              "<td class=\"num\">25.20</td><td><span class=\"chip pending\" title=\"last sync"
                  + " 2026-01-01 00:00:00\">pending</span></td></tr>");
    }
  }

  @Test
  void emptyStoreSaysSoForInvoicesAndCreditMemos() throws Exception {
    try (SandboxStore store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .build())) {
      assertThat(new StoreClient(store, MASTER, IAT).getAnonymous("/invoices").body())
          .contains("No invoices yet.")
          .contains("No credit memos yet.");
    }
  }

  @Test
  void pageShowsTheConnectionAndThePendingCodesExpiryButNeverTheCode() throws Exception {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(IAT));
    try (SandboxStore store =
        SandboxStore.startUnpaired(SandboxStoreConfig.unpaired().clock(clock).build())) {
      StoreClient client = new StoreClient(store, MASTER, IAT);
      assertThat(client.getAnonymous("/").body())
          .contains("<strong>Not paired</strong>")
          .contains("No pairing code pending.")
          .doesNotContain("Tenant <code>");

      String code = store.generatePairingCode();
      clock.advance(Duration.ofSeconds(179));
      assertThat(client.getAnonymous("/").body())
          .contains(
              "A pairing code was generated 2 minute(s) ago (expires after 30)."
                  + " Expires at 2026-01-01T00:30:00Z.")
          .doesNotContain(code)
          .doesNotContain(StoreConnection.sha256Hex(code));
      clock.advance(Duration.ofMinutes(30));
      assertThat(client.getAnonymous("/").body())
          .contains(
              "generated 32 minute(s) ago (expires after 30). Expired at 2026-01-01T00:30:00Z.");

      clock.set(Instant.ofEpochSecond(IAT));
      PairRequests.pair(store, "tenant-<x>", MASTER, "http://ledger.test/");
      assertThat(client.getAnonymous("/").body())
          .contains(
              "<p class=\"connection\">Tenant <code>tenant-&lt;x&gt;</code>, ledger"
                  + " <code>http://ledger.test</code></p>")
          .contains("No pairing code pending.")
          .doesNotContain("Not paired");

      store.disconnect();
      assertThat(client.getAnonymous("/").body()).contains("<strong>Not paired</strong>");
    }
  }
}
