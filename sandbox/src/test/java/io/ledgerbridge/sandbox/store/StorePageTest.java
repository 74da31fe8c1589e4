package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
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
}
