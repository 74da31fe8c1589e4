package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxSageFaultsTest {

  private SandboxSage sage;
  private SageHttp http;
  private String customerId;

  @BeforeEach
  void start() {
    sage = SandboxSage.start(SandboxSageConfig.defaults().withSeed(3));
    http = new SageHttp(sage).authorised();
    customerId =
        http.post("/contacts", SandboxSageContactsTest.contact("Customer", "C1"))
            .body()
            .get("id")
            .asText();
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  private String invoice(String idempotencyId) {
    return "{\"sales_invoice\":{\"contact_id\":\""
        + customerId
        + "\",\"date\":\"2025-06-24\","
        + (idempotencyId == null ? "" : "\"idempotency_id\":\"" + idempotencyId + "\",")
        + "\"invoice_lines\":[{\"description\":\"Widget\",\"ledger_account_id\":\""
        + sage.defaultSalesLedgerAccountId()
        + "\",\"quantity\":\"1\",\"unit_price\":\"10.00\","
        + "\"tax_rate_id\":\"GB_STANDARD\",\"tax_amount\":\"2.00\"}]}}";
  }

  @Test
  void injected503And429AnswerBeforeProcessingThenRecover() {
    sage.failNext("/sales_invoices", 503, 2);
    sage.failNext("/v3.1/sales_invoices", 429, 1);

    Resp a = http.post("/sales_invoices", invoice(null));
    Resp b = http.post("/sales_invoices", invoice(null));
    Resp c = http.post("/sales_invoices", invoice(null));
    Resp d = http.post("/sales_invoices", invoice(null));

    assertThat(List.of(a.status(), b.status(), c.status(), d.status()))
        .containsExactly(503, 503, 429, 201);
    assertThat(a.body().get(0).get("$severity").asText()).isEqualTo("error");
    assertThat(d.body().get("displayed_as").asText()).isEqualTo("SI-1");
    assertThat(sage.salesInvoices(sage.defaultBusinessId())).hasSize(1);
    assertThat(sage.postCount("/v3.1/sales_invoices")).isEqualTo(4);
  }

  @Test
  void faultsOnOtherPathsDoNotFire() {
    sage.failNext("/contacts", 500, 1);

    assertThat(http.post("/sales_invoices", invoice(null)).status()).isEqualTo(201);
    assertThat(http.get("/contacts").status()).isEqualTo(500);
    assertThat(http.get("/contacts").status()).isEqualTo(200);
  }

  @Test
  void failureAfterCommitKeepsTheInvoiceAndIdempotentRetryReturnsIt() {
    sage.failNextAfterCommit("/sales_invoices", 1);
    String key = "0123456789abcdef0123456789abcdef";

    Resp lost = http.post("/sales_invoices", invoice(key));
    assertThat(lost.status()).isEqualTo(500);
    assertThat(lost.body().get(0).get("$dataCode").asText()).isEqualTo("UnexpectedError");
    assertThat(sage.salesInvoices(sage.defaultBusinessId())).hasSize(1);

    Resp retry = http.post("/sales_invoices", invoice(key));
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body().get("id").asText())
        .isEqualTo(sage.salesInvoices(sage.defaultBusinessId()).get(0).get("id").asText());
    assertThat(retry.body().get("displayed_as").asText()).isEqualTo("SI-1");
    assertThat(sage.salesInvoices(sage.defaultBusinessId())).hasSize(1);
  }

  @Test
  void failureAfterCommitWithoutIdempotencyCreatesADuplicateOnRetry() {
    sage.failNextAfterCommit("/sales_invoices", 1);

    assertThat(http.post("/sales_invoices", invoice(null)).status()).isEqualTo(500);
    assertThat(http.post("/sales_invoices", invoice(null)).status()).isEqualTo(201);

    assertThat(sage.salesInvoices(sage.defaultBusinessId())).hasSize(2);
  }

  @Test
  void injectedFaultOnTokenEndpoint() {
    sage.failNext("/oauth/token", 503, 1);

    Resp r =
        http.token(
            java.util.Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                SageHttp.CLIENT_ID,
                "client_secret",
                SageHttp.CLIENT_SECRET,
                "refresh_token",
                sage.issueRefreshToken(SageHttp.CLIENT_ID)));

    assertThat(r.status()).isEqualTo(503);
  }

  @Test
  void concurrentPostsGetDistinctConsecutiveNumbers() throws Exception {
    sage.setLatency(Duration.ZERO, Duration.ofMillis(5));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Resp>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        futures.add(pool.submit(() -> http.post("/sales_invoices", invoice(null))));
      }
      Set<String> numbers = new TreeSet<>();
      for (Future<Resp> f : futures) {
        Resp r = f.get();
        assertThat(r.status()).isEqualTo(201);
        numbers.add(r.body().get("invoice_number").asText());
      }
      assertThat(numbers)
          .isEqualTo(
              IntStream.rangeClosed(1, 24)
                  .mapToObj(i -> "SI-" + i)
                  .collect(Collectors.toCollection(TreeSet::new)));
    } finally {
      pool.shutdownNow();
    }
  }
}
