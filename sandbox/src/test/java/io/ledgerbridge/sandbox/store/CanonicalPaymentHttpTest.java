package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /rest/V1/byte8/payment/{invoiceId} byte format (WIRE §3.0, §3.6) and its error bodies. */
class CanonicalPaymentHttpTest {

  private static final Instant CREATED = Instant.parse("2026-04-29T10:11:12Z");

  private SandboxStore store;
  private StoreClient client;

  @BeforeEach
  void start() {
    store =
        SandboxStore.start(
            SandboxStoreConfig.builder(TENANT, MASTER)
                .clock(new MutableClock(Instant.ofEpochSecond(IAT)))
                .build());
    client = new StoreClient(store, MASTER, IAT);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void gatewayMetadataIsAListOfValuesWithNestedArraysAsJsonStrings() throws Exception {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("brand", "visa");
    card.put("holder", "Zoë Smith");
    card.put("tags", List.of("a/b"));
    long id =
        store.raiseInvoice(
            StoreInvoice.builder()
                .currency("EUR")
                .line("A", "A", "1", "25.00", "2.50")
                .createdAt(CREATED)
                .paymentMethod("stripe_payments")
                .gatewayTxnId("pi_3Abc/ch_1")
                .additionalInformation("method_title", "Card / Stripe")
                .additionalInformation("3ds", true)
                .additionalInformation("attempts", 2)
                .additionalInformation("authorized", new BigDecimal("27.50"))
                .additionalInformation("rate", 1.0d)
                .additionalInformation("note", null)
                .additionalInformation("card", card)
                .additionalInformation("steps", List.of("auth", "capture"))
                .additionalInformation("empty", List.of())
                .paid()
                .build());

    HttpResponse<String> r = client.get("/rest/V1/byte8/payment/" + id);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body())
        .isEqualTo(
            "{\"magento_id\":1,\"invoice_id\":1,\"invoice_increment_id\":\"000000001\","
                + "\"method\":\"stripe_payments\",\"currency\":\"EUR\",\"amount\":27.5,"
                + "\"captured_at\":\"2026-04-29T10:11:12Z\",\"gateway_txn_id\":\"pi_3Abc\\/ch_1\","
                + "\"gateway_metadata\":[\"Card \\/ Stripe\",true,2,27.5,1,null,"
                + "\"{\\\"brand\\\":\\\"visa\\\",\\\"holder\\\":\\\"Zo\\\\u00eb Smith\\\","
                + "\\\"tags\\\":[\\\"a\\\\\\/b\\\"]}\","
                + "\"[\\\"auth\\\",\\\"capture\\\"]\",\"[]\"]}");
    assertThat(store.canonicalPaymentJson(id)).hasValue(r.body());
  }

  @Test
  void checkmoPaymentHasNoTransactionIdAndEmptyMetadata() throws Exception {
    long id =
        store.raiseInvoice(
            StoreInvoice.builder()
                .incrementId("INV/0042")
                .line("A", "A", "2", "0.10", "0.02")
                .createdAt(CREATED)
                .gatewayTxnId("")
                .build());

    assertThat(client.get("/rest/V1/byte8/payment/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"invoice_id\":1,\"invoice_increment_id\":\"INV\\/0042\","
                + "\"method\":\"checkmo\",\"currency\":\"GBP\",\"amount\":0.22,"
                + "\"captured_at\":\"2026-04-29T10:11:12Z\",\"gateway_metadata\":[]}");
  }

  @Test
  void methodTitleFromTheModuleDocsIsEscapedAsJsonEncodeDoes() throws Exception {
    long id =
        store.raiseInvoice(
            StoreInvoice.builder()
                .line("A", "A", "1", "100", "0")
                .createdAt(CREATED)
                .additionalInformation("method_title", "Check / Money order")
                .build());

    assertThat(client.get("/rest/V1/byte8/payment/" + id).body())
        .endsWith(
            "\"amount\":100,\"captured_at\":\"2026-04-29T10:11:12Z\","
                + "\"gateway_metadata\":[\"Check \\/ Money order\"]}");
  }

  @Test
  void paymentRowWithoutMethodIsServedWithEmptyMethodWhileTheInvoiceOmitsIt() throws Exception {
    long id =
        store.raiseInvoice(
            StoreInvoice.builder().paymentMethod("").poNumber("").createdAt(CREATED).build());

    HttpResponse<String> payment = client.get("/rest/V1/byte8/payment/" + id);
    assertThat(payment.statusCode()).isEqualTo(200);
    assertThat(payment.body())
        .isEqualTo(
            "{\"magento_id\":1,\"invoice_id\":1,\"invoice_increment_id\":\"000000001\","
                + "\"method\":\"\",\"currency\":\"GBP\",\"amount\":0,"
                + "\"captured_at\":\"2026-04-29T10:11:12Z\",\"gateway_metadata\":[]}");
    assertThat(client.get("/rest/V1/byte8/invoice/" + id).body())
        .doesNotContain("payment_method")
        .doesNotContain("po_number");
  }

  @Test
  void orderWithoutPaymentRowIs404WithThePositionalInvoiceId() throws Exception {
    store.raiseInvoice(StoreInvoice.builder().build());
    long id = store.raiseInvoice(StoreInvoice.builder().noPayment().build());

    HttpResponse<String> r = client.get("/rest/V1/byte8/payment/" + id);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"Invoice %1 has no associated order payment.\",\"parameters\":[2]}");
    assertThat(store.canonicalPaymentJson(id)).isEmpty();
    assertThat(client.get("/rest/V1/byte8/invoice/" + id).body()).doesNotContain("payment_method");
  }

  @Test
  void unknownInvoiceIs404ZeroIs400AndNoTokenIs401() throws Exception {
    HttpResponse<String> unknown = client.get("/rest/V1/byte8/payment/77");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo(
            "{\"message\":\"The entity that was requested doesn't exist. Verify the entity and"
                + " try again.\"}");
    HttpResponse<String> zero = client.get("/rest/V1/byte8/payment/0");
    assertThat(zero.statusCode()).isEqualTo(400);
    assertThat(zero.body())
        .isEqualTo("{\"message\":\"An ID is needed. Set the ID and try again.\"}");
    HttpResponse<String> anonymous = client.getAnonymous("/rest/V1/byte8/payment/1");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo(InboundAuthHttpTest.UNAUTHORIZED);
  }

  @Test
  void poNumberNeedsAPaymentRow() {
    StoreInvoice.Builder builder = StoreInvoice.builder().noPayment();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.poNumber("PO-1"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(StoreInvoice.builder().poNumber("PO-1").paymentMethod("purchaseorder").build())
        .extracting(StoreInvoice::poNumber, StoreInvoice::paymentMethod)
        .containsExactly("PO-1", "purchaseorder");
  }
}
