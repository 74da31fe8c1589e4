package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /rest/V1/byte8/creditmemo/{id} byte format (WIRE §3.0 to §3.5) and its error bodies. */
class CanonicalCreditMemoHttpTest {

  private static final Instant INVOICED = Instant.parse("2026-04-29T10:11:12Z");
  private static final Instant REFUNDED = Instant.parse("2026-05-02T09:00:00Z");
  private static final StoreAddress BILLING =
      new StoreAddress(
          List.of("1 High St", "", "Flat 2/3"),
          "London",
          null,
          "N1 1AA",
          "GB",
          "+44 20",
          "Acme/Co");
  private static final StoreAddress SHIPPING =
      StoreAddress.of("9 Low Rd", "Leeds", "LS1 1AA", "GB");
  private static final String BILLING_JSON =
      "{\"kind\":\"billing\",\"street\":[\"1 High St\",\"Flat 2\\/3\"],\"city\":\"London\","
          + "\"postcode\":\"N1 1AA\",\"country_id\":\"GB\",\"telephone\":\"+44 20\"}";
  private static final String SHIPPING_JSON =
      "{\"kind\":\"shipping\",\"street\":[\"9 Low Rd\"],\"city\":\"Leeds\","
          + "\"postcode\":\"LS1 1AA\",\"country_id\":\"GB\"}";

  private MutableClock clock;
  private SandboxStore store;
  private StoreClient client;

  @BeforeEach
  void start() {
    clock = new MutableClock(Instant.ofEpochSecond(IAT));
    store = SandboxStore.start(SandboxStoreConfig.builder(TENANT, MASTER).clock(clock).build());
    client = new StoreClient(store, MASTER, IAT);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private long guestInvoice() {
    return store.raiseInvoice(
        StoreInvoice.builder()
            .customer(StoreContact.guest("zoe@example.com", "Zoë", "Smith"))
            .line(StoreLine.of("SKU/1", "Café mug", "1", "10.00", "2.00"))
            .line(StoreLine.of("PEN", "Pen", "2", "4.995", "0"))
            .shipping("5.00", "1.00")
            .billingAddress(BILLING)
            .shippingAddress(SHIPPING)
            .createdAt(INVOICED)
            .paid()
            .build());
  }

  @Test
  void fullRefundOfAGuestInvoiceIsServedInPhpJsonEncodeBytes() throws Exception {
    long invoiceId = guestInvoice();
    long id =
        store.raiseCreditMemo(
            store
                .creditMemoFor(invoiceId)
                .refundAll()
                .comment("Damaged in transit")
                .createdAt(REFUNDED)
                .build());

    HttpResponse<String> r = client.get("/rest/V1/byte8/creditmemo/" + id);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body())
        .isEqualTo(
            "{\"magento_id\":1,\"increment_id\":\"000000001\",\"invoice_id\":1,"
                + "\"invoice_increment_id\":\"000000001\",\"website_id\":1,\"currency\":\"GBP\","
                + "\"customer\":{\"magento_id\":0,\"email\":\"zoe@example.com\","
                + "\"first_name\":\"Zo\\u00eb\",\"last_name\":\"Smith\",\"company\":\"Acme\\/Co\","
                + "\"phone\":\"+44 20\",\"website_id\":0,\"addresses\":["
                + BILLING_JSON
                + ","
                + SHIPPING_JSON
                + "],\"created_at\":\"2026-04-29T10:11:12Z\","
                + "\"updated_at\":\"2026-04-29T10:11:12Z\"},"
                + "\"lines\":[{\"sku\":\"SKU\\/1\",\"name\":\"Caf\\u00e9 mug\",\"qty\":1,"
                + "\"unit_price\":10,\"line_subtotal\":10,\"line_tax\":2,\"line_total\":12,"
                + "\"tax_rate\":0.2,\"product_type\":\"simple\"},"
                + "{\"sku\":\"PEN\",\"name\":\"Pen\",\"qty\":2,\"unit_price\":4.995,"
                + "\"line_subtotal\":9.99,\"line_tax\":0,\"line_total\":9.99,"
                + "\"product_type\":\"simple\"}],"
                + "\"adjustment_positive\":0,\"adjustment_negative\":0,\"grand_total\":27.99,"
                + "\"shipping_amount\":5,\"shipping_tax_amount\":1,"
                + "\"reason\":\"Damaged in transit\",\"created_at\":\"2026-05-02T09:00:00Z\","
                + "\"invoice_created_at\":\"2026-04-29T10:11:12Z\",\"base_to_order_rate\":1}");
    assertThat(store.canonicalCreditMemoJson(id)).hasValue(r.body());
    assertThat(store.refundInvoice(invoiceId)).isEqualTo(2);
  }

  @Test
  void partialEuroRefundOfARegisteredCustomerWithAdjustmentsAndNoAddressEnrichment()
      throws Exception {
    StoreContact ann =
        StoreContact.registered(7, "ann@example.com", "Ann", null)
            .withDefaultAddresses(
                StoreAddress.of("2 Side St", "Bath", "BA1 1AA", "GB").withTelephone("0123"), null)
            .withTimestamps("2026-01-02T03:04:05Z", null);
    long invoiceId =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(ann)
                .currency("EUR")
                .baseToOrderRate("1.1695")
                .line(StoreLine.of("A", "A", "3", "0.10", "0.20").withDiscount("0.10"))
                .line(StoreLine.of("B", "Bücher", "2", "12.50", "5.00").withProductType("virtual"))
                .billingAddress(BILLING)
                .shippingAddress(SHIPPING)
                .createdAt(INVOICED)
                .paid()
                .build());
    long id =
        store.raiseCreditMemo(
            store
                .creditMemoFor(invoiceId)
                .refundLine("B", "1")
                .adjustmentPositive("2.00")
                .adjustmentNegative("0.50")
                .baseToOrderRate("1.1702")
                .comment("")
                .comment("Wrong size")
                .createdAt(REFUNDED)
                .build());

    String customer =
        "\"customer\":{\"magento_id\":7,\"email\":\"ann@example.com\",\"first_name\":\"Ann\","
            + "\"phone\":\"0123\",\"website_id\":1,\"group_id\":1,"
            + "\"addresses\":[{\"kind\":\"billing\",\"street\":[\"2 Side St\"],"
            + "\"city\":\"Bath\",\"postcode\":\"BA1 1AA\",\"country_id\":\"GB\","
            + "\"telephone\":\"0123\"}],\"created_at\":\"2026-01-02T03:04:05Z\"}";
    assertThat(client.get("/rest/V1/byte8/creditmemo/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"increment_id\":\"000000001\",\"invoice_id\":1,"
                + "\"invoice_increment_id\":\"000000001\",\"website_id\":1,\"currency\":\"EUR\","
                + customer
                + ",\"lines\":[{\"sku\":\"B\",\"name\":\"B\\u00fccher\",\"qty\":1,"
                + "\"unit_price\":12.5,\"line_subtotal\":12.5,\"line_tax\":2.5,\"line_total\":15,"
                + "\"tax_rate\":0.2,\"product_type\":\"virtual\"}],"
                + "\"adjustment_positive\":2,\"adjustment_negative\":0.5,\"grand_total\":16.5,"
                + "\"shipping_amount\":0,\"shipping_tax_amount\":0,\"reason\":\"Wrong size\","
                + "\"created_at\":\"2026-05-02T09:00:00Z\","
                + "\"invoice_created_at\":\"2026-04-29T10:11:12Z\",\"base_to_order_rate\":1.1702}");
    // the invoice of the same order is enriched with the order's shipping address and company
    assertThat(client.get("/rest/V1/byte8/invoice/" + invoiceId).body())
        .contains("\"company\":\"Acme\\/Co\"")
        .contains(SHIPPING_JSON);
  }

  @Test
  void offlineRefundFromTheOrderHasNoInvoiceKeysAtAll() throws Exception {
    long invoiceId =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(StoreContact.guest("ola@example.no", "Ola", "Nordmann"))
                .line(StoreLine.of("GC", "Gift card", "1", "20", "0").withProductType("virtual"))
                .billingAddress(StoreAddress.of("Karl Johans gate 1", "Oslo", "0154", "NO"))
                .createdAt(INVOICED)
                .build());
    long id =
        store.raiseCreditMemo(
            store
                .creditMemoFor(invoiceId)
                .withoutInvoice()
                .refundAll()
                .baseToOrderRate(null)
                .createdAt(REFUNDED)
                .build());

    assertThat(client.get("/rest/V1/byte8/creditmemo/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"increment_id\":\"000000001\",\"website_id\":1,"
                + "\"currency\":\"GBP\",\"customer\":{\"magento_id\":0,"
                + "\"email\":\"ola@example.no\",\"first_name\":\"Ola\",\"last_name\":\"Nordmann\","
                + "\"website_id\":0,\"addresses\":[{\"kind\":\"billing\","
                + "\"street\":[\"Karl Johans gate 1\"],\"city\":\"Oslo\",\"postcode\":\"0154\","
                + "\"country_id\":\"NO\"}],\"created_at\":\"2026-04-29T10:11:12Z\","
                + "\"updated_at\":\"2026-04-29T10:11:12Z\"},"
                + "\"lines\":[{\"sku\":\"GC\",\"name\":\"Gift card\",\"qty\":1,\"unit_price\":20,"
                + "\"line_subtotal\":20,\"line_tax\":0,\"line_total\":20,"
                + "\"product_type\":\"virtual\"}],"
                + "\"adjustment_positive\":0,\"adjustment_negative\":0,\"grand_total\":20,"
                + "\"shipping_amount\":0,\"shipping_tax_amount\":0,"
                + "\"created_at\":\"2026-05-02T09:00:00Z\"}");
  }

  @Test
  void offlineMemoWithoutAnyInvoiceFallsBackToTheOrderForARegisteredBuyer() throws Exception {
    StoreAddress billing =
        StoreAddress.of("Storgata 2", "Bergen", "5003", "NO")
            .withRegion("Vestland")
            .withTelephone("+47 55")
            .withCompany("Nordic AS");
    long id =
        store.raiseCreditMemo(
            StoreCreditMemo.builder()
                .customer(StoreContact.registered(9, "kari@example.no", "Kari", "Nordmann"))
                .billingAddress(billing)
                .shippingAddress(StoreAddress.of("Havnegata 3", "", null, "NO"))
                .websiteId(2)
                .storeId(3)
                .currency("NOK")
                .line(StoreLine.of("N", "N", "1", "0.1", "0.2").withProductType(""))
                .adjustmentNegative("0.3")
                .createdAt(REFUNDED)
                .build());

    assertThat(client.get("/rest/V1/byte8/creditmemo/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"increment_id\":\"000000001\",\"website_id\":2,"
                + "\"currency\":\"NOK\",\"customer\":{\"magento_id\":9,"
                + "\"email\":\"kari@example.no\",\"first_name\":\"Kari\","
                + "\"last_name\":\"Nordmann\",\"company\":\"Nordic AS\",\"phone\":\"+47 55\","
                + "\"website_id\":1,\"group_id\":1,\"addresses\":[{\"kind\":\"billing\","
                + "\"street\":[\"Storgata 2\"],\"city\":\"Bergen\",\"region\":\"Vestland\","
                + "\"postcode\":\"5003\",\"country_id\":\"NO\",\"telephone\":\"+47 55\"},"
                + "{\"kind\":\"shipping\",\"street\":[\"Havnegata 3\"],\"city\":\"\","
                + "\"country_id\":\"NO\"}]},"
                // PHP floats: 0.1 + 0.2 - 0 and round(0.2 / 0.1, 4)
                + "\"lines\":[{\"sku\":\"N\",\"name\":\"N\",\"qty\":1,\"unit_price\":0.1,"
                + "\"line_subtotal\":0.1,\"line_tax\":0.2,\"line_total\":0.30000000000000004,"
                + "\"tax_rate\":2}],"
                + "\"adjustment_positive\":0,\"adjustment_negative\":0.3,\"grand_total\":0,"
                + "\"shipping_amount\":0,\"shipping_tax_amount\":0,"
                + "\"created_at\":\"2026-05-02T09:00:00Z\",\"base_to_order_rate\":1}");
  }

  @Test
  void reasonIsTheNewestNonEmptyCommentAsMagentoLoadsCommentsNewestFirst() throws Exception {
    long invoiceId = guestInvoice();
    long id =
        store.raiseCreditMemo(
            store.creditMemoFor(invoiceId).refundAll().comment("First").comment("Second").build());
    assertThat(store.creditMemo(id).orElseThrow().reason()).isEqualTo("First");

    clock.advance(Duration.ofMinutes(5));
    store.addCreditMemoComment(id, "Customer sent it back");
    clock.advance(Duration.ofMinutes(5));
    store.addCreditMemoComment(id, "");

    StoreClient later = new StoreClient(store, MASTER, clock.instant().getEpochSecond());
    assertThat(later.get("/rest/V1/byte8/creditmemo/" + id).body())
        .contains(",\"reason\":\"Customer sent it back\",\"created_at\":\"2026-01-01T00:00:00Z\",");
    assertThat(store.outbox())
        .filteredOn(row -> row.eventName().equals("creditmemo.created"))
        .hasSize(1);
  }

  @Test
  void memoWithoutCommentsHasNoReasonKey() throws Exception {
    long id = store.refundInvoice(guestInvoice());
    assertThat(client.get("/rest/V1/byte8/creditmemo/" + id).body())
        .contains("\"shipping_tax_amount\":1,\"created_at\":")
        .doesNotContain("reason")
        .doesNotContain("null");
  }

  @Test
  void unknownMemoIs404ZeroIs400NonNumericIs400() throws Exception {
    long invoiceId = guestInvoice();
    HttpResponse<String> unknown = client.get("/rest/V1/byte8/creditmemo/" + invoiceId);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body())
        .isEqualTo(
            "{\"message\":\"The entity that was requested doesn't exist. Verify the entity and"
                + " try again.\"}");
    HttpResponse<String> zero = client.get("/rest/V1/byte8/creditmemo/0");
    assertThat(zero.statusCode()).isEqualTo(400);
    assertThat(zero.body())
        .isEqualTo("{\"message\":\"An ID is needed. Set the ID and try again.\"}");
    HttpResponse<String> text = client.get("/rest/V1/byte8/creditmemo/abc");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).contains("value's type is invalid");
    assertThat(client.get("/rest/V1/byte8/creditmemo/").statusCode()).isEqualTo(404);
  }

  @Test
  void creditMemoRouteNeedsTheInboundToken() throws Exception {
    long id = store.refundInvoice(guestInvoice());

    HttpResponse<String> anonymous = client.getAnonymous("/rest/V1/byte8/creditmemo/" + id);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo(InboundAuthHttpTest.UNAUTHORIZED);
    assertThat(store.authFailures()).containsExactly(InboundVerifier.NO_BEARER);

    String outboundToken =
        SandboxStore.outboundToken(MASTER, TENANT, IAT, "0b6c7f6e-2f4a-4c8e-9d3b-1a2b3c4d5e6f");
    assertThat(client.getWithBearer("/rest/V1/byte8/creditmemo/" + id, outboundToken).statusCode())
        .isEqualTo(401);
    String token = client.token();
    assertThat(client.getWithBearer("/rest/V1/byte8/creditmemo/" + id, token).statusCode())
        .isEqualTo(200);
    assertThat(client.getWithBearer("/rest/V1/byte8/creditmemo/" + id, token).statusCode())
        .isEqualTo(401);
    assertThat(store.authFailures()).endsWith("jti already seen — replay rejected");
  }

  @Test
  void creditMemoRouteHonoursMaintenanceMode() throws Exception {
    long id = store.refundInvoice(guestInvoice());
    store.setUnavailable(true);

    HttpResponse<String> r = client.get("/rest/V1/byte8/creditmemo/" + id);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(store.unavailableRefusals()).isEqualTo(1);
    store.setUnavailable(false);
    assertThat(client.get("/rest/V1/byte8/creditmemo/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void partialRefundProratesTheInvoiceLineAndRefusesImpossibleQuantities() {
    long invoiceId =
        store.raiseInvoice(
            StoreInvoice.builder()
                .line(StoreLine.of("T", "Tee", "3", "9.99", "6.00").withDiscount("1.00"))
                .build());

    StoreCreditMemo memo = store.creditMemoFor(invoiceId).refundLine("T", "1").build();

    StoreLine line = memo.lines().get(0);
    assertThat(line.qty()).isEqualByComparingTo("1");
    assertThat(line.rowTotal()).isEqualByComparingTo("9.99");
    assertThat(line.taxAmount()).isEqualByComparingTo("2.00");
    assertThat(line.discountAmount()).isEqualByComparingTo("0.33");
    assertThat(memo.discountAmount()).isEqualByComparingTo("-0.33");
    assertThat(memo.grandTotal()).isEqualByComparingTo("11.66");
    assertThatThrownBy(() -> store.creditMemoFor(invoiceId).refundLine("T", "4"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.creditMemoFor(invoiceId).refundLine("X", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.creditMemoFor(99)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store.raiseCreditMemo(
                    StoreCreditMemo.refunding(99, store.invoice(invoiceId).orElseThrow()).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
