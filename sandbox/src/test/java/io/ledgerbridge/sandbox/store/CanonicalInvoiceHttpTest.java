package io.ledgerbridge.sandbox.store;

import static io.ledgerbridge.sandbox.store.WireVectors.IAT;
import static io.ledgerbridge.sandbox.store.WireVectors.MASTER;
import static io.ledgerbridge.sandbox.store.WireVectors.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /rest/V1/byte8/invoice/{id} byte format (WIRE §3.0 to §3.4) and its error bodies. */
class CanonicalInvoiceHttpTest {

  private static final Instant CREATED = Instant.parse("2026-04-29T10:11:12Z");
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
  void guestInvoiceIsServedInPhpJsonEncodeBytes() throws Exception {
    long id =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(StoreContact.guest("zoe@example.com", "Zoë", "Smith"))
                .line(StoreLine.of("SKU/1", "Café mug", "1", "10.00", "2.00"))
                .line(StoreLine.of("PEN", "Pen", "2", "4.995", "0"))
                .shipping("5.00", "1.00")
                .billingAddress(BILLING)
                .shippingAddress(SHIPPING)
                .createdAt(CREATED)
                .build());

    HttpResponse<String> r = client.get("/rest/V1/byte8/invoice/" + id);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    String billing =
        "{\"kind\":\"billing\",\"street\":[\"1 High St\",\"Flat 2\\/3\"],\"city\":\"London\","
            + "\"postcode\":\"N1 1AA\",\"country_id\":\"GB\",\"telephone\":\"+44 20\"}";
    String shipping =
        "{\"kind\":\"shipping\",\"street\":[\"9 Low Rd\"],\"city\":\"Leeds\","
            + "\"postcode\":\"LS1 1AA\",\"country_id\":\"GB\"}";
    assertThat(r.body())
        .isEqualTo(
            "{\"magento_id\":1,\"increment_id\":\"000000001\",\"order_id\":1,"
                + "\"order_increment_id\":\"000000001\",\"website_id\":1,\"store_id\":1,"
                + "\"currency\":\"GBP\",\"state\":\"open\","
                + "\"customer\":{\"magento_id\":0,\"email\":\"zoe@example.com\","
                + "\"first_name\":\"Zo\\u00eb\",\"last_name\":\"Smith\",\"company\":\"Acme\\/Co\","
                + "\"phone\":\"+44 20\",\"website_id\":0,\"addresses\":["
                + billing
                + ","
                + shipping
                + "],\"created_at\":\"2026-04-29T10:11:12Z\","
                + "\"updated_at\":\"2026-04-29T10:11:12Z\"},"
                + "\"lines\":[{\"sku\":\"SKU\\/1\",\"name\":\"Caf\\u00e9 mug\",\"qty\":1,"
                + "\"unit_price\":10,\"line_subtotal\":10,\"line_tax\":2,\"line_total\":12,"
                + "\"tax_rate\":0.2,\"product_type\":\"simple\"},"
                + "{\"sku\":\"PEN\",\"name\":\"Pen\",\"qty\":2,\"unit_price\":4.995,"
                + "\"line_subtotal\":9.99,\"line_tax\":0,\"line_total\":9.99,"
                + "\"product_type\":\"simple\"}],"
                + "\"subtotal\":19.99,\"tax_amount\":3,\"shipping_amount\":5,"
                + "\"shipping_tax_amount\":1,\"discount_amount\":0,\"grand_total\":27.99,"
                + "\"created_at\":\"2026-04-29T10:11:12Z\",\"payment_method\":\"checkmo\","
                + "\"billing_address\":"
                + billing
                + ",\"shipping_address\":"
                + shipping
                + ","
                + "\"base_to_order_rate\":1}");
    assertThat(store.canonicalInvoiceJson(id)).hasValue(r.body());
  }

  @Test
  void registeredCustomerGetsMissingAddressesFromTheOrderAndNullablesOmitted() throws Exception {
    StoreContact customer =
        StoreContact.registered(7, "ann@example.com", "Ann", null)
            .withDefaultAddresses(
                StoreAddress.of("2 Side St", "Bath", "BA1 1AA", "GB").withTelephone("0123"), null)
            .withTimestamps("2026-01-02T03:04:05Z", null);
    long id =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(customer)
                .currency("EUR")
                .baseToOrderRate("1.1695")
                .line(StoreLine.of("A", "A", "3", "0.10", "0.20").withDiscount("0.10"))
                .billingAddress(BILLING)
                .shippingAddress(SHIPPING)
                .paymentMethod("purchaseorder")
                .poNumber("PO-9")
                .createdAt(CREATED)
                .paid()
                .build());

    String body = client.get("/rest/V1/byte8/invoice/" + id).body();

    assertThat(body)
        .contains(
            "\"customer\":{\"magento_id\":7,\"email\":\"ann@example.com\",\"first_name\":\"Ann\","
                + "\"company\":\"Acme\\/Co\",\"phone\":\"0123\",\"website_id\":1,\"group_id\":1,"
                + "\"addresses\":[{\"kind\":\"billing\",\"street\":[\"2 Side St\"],"
                + "\"city\":\"Bath\",\"postcode\":\"BA1 1AA\",\"country_id\":\"GB\","
                + "\"telephone\":\"0123\"},{\"kind\":\"shipping\",\"street\":[\"9 Low Rd\"],"
                + "\"city\":\"Leeds\",\"postcode\":\"LS1 1AA\",\"country_id\":\"GB\"}],"
                + "\"created_at\":\"2026-01-02T03:04:05Z\"}")
        .contains("\"state\":\"paid\"")
        // 0.3 + 0.2 - 0.1 in PHP floats; tax_rate round(0.2/0.3, 4)
        .contains(
            "\"qty\":3,\"unit_price\":0.1,\"line_subtotal\":0.3,\"line_tax\":0.2,"
                + "\"line_total\":0.4,\"tax_rate\":0.6667,\"product_type\":\"simple\"}")
        .contains("\"discount_amount\":-0.1,")
        .contains("\"payment_method\":\"purchaseorder\"")
        .endsWith("\"po_number\":\"PO-9\",\"base_to_order_rate\":1.1695}")
        .doesNotContain("null")
        .doesNotContain("tax_class");
  }

  @Test
  void phoneIsTheDefaultBillingTelephoneEvenWhenEmptyAsContactRepositoryReadsIt() throws Exception {
    StoreAddress noPhone = StoreAddress.of("2 Side St", "Bath", "BA1 1AA", "GB");
    StoreAddress withPhone = SHIPPING.withTelephone("0999");
    long billingWithoutPhone =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(
                    StoreContact.registered(7, "ann@example.com", "Ann", "Lee")
                        .withDefaultAddresses(noPhone, withPhone))
                .billingAddress(BILLING)
                .build());
    long shippingOnly =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(
                    StoreContact.registered(8, "bo@example.com", "Bo", "Lee")
                        .withDefaultAddresses(null, withPhone))
                .build());

    assertThat(client.get("/rest/V1/byte8/invoice/" + billingWithoutPhone).body())
        .contains("\"customer\":{\"magento_id\":7,\"email\":\"ann@example.com\",")
        .contains("\"last_name\":\"Lee\",\"website_id\":1,");
    assertThat(client.get("/rest/V1/byte8/invoice/" + shippingOnly).body())
        .contains("\"last_name\":\"Lee\",\"phone\":\"0999\",\"website_id\":1,");
  }

  @Test
  void lineTotalCarriesPhpFloatNoise() {
    PhpJson j = PhpJson.standard();
    CanonicalJson.line(
        j,
        new StoreLine(
            "N",
            "N",
            java.math.BigDecimal.ONE,
            new java.math.BigDecimal("0.1"),
            new java.math.BigDecimal("0.1"),
            new java.math.BigDecimal("0.2"),
            null,
            ""));
    assertThat(j.toString())
        .isEqualTo(
            "{\"sku\":\"N\",\"name\":\"N\",\"qty\":1,\"unit_price\":0.1,\"line_subtotal\":0.1,"
                + "\"line_tax\":0.2,\"line_total\":0.30000000000000004,\"tax_rate\":2}");
  }

  @Test
  void paymentRouteIsKeyedByInvoiceId() throws Exception {
    long id =
        store.raiseInvoice(
            StoreInvoice.builder().line("A", "A", "1", "12.5", "2.5").createdAt(CREATED).build());
    long none = store.raiseInvoice(StoreInvoice.builder().paymentMethod(null).build());

    assertThat(client.get("/rest/V1/byte8/payment/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"invoice_id\":1,\"invoice_increment_id\":\"000000001\","
                + "\"method\":\"checkmo\",\"currency\":\"GBP\",\"amount\":15,"
                + "\"captured_at\":\"2026-04-29T10:11:12Z\",\"gateway_metadata\":[]}");
    HttpResponse<String> missing = client.get("/rest/V1/byte8/payment/" + none);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo(
            "{\"message\":\"Invoice %1 has no associated order payment.\",\"parameters\":[2]}");
  }

  @Test
  void unknownInvoiceIs404WithTheEntityMessage() throws Exception {
    HttpResponse<String> r = client.get("/rest/V1/byte8/invoice/999");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo(
            "{\"message\":\"The entity that was requested doesn't exist. Verify the entity and"
                + " try again.\"}");
  }

  @Test
  void invoiceIdZeroIs400IdNeeded() throws Exception {
    HttpResponse<String> r = client.get("/rest/V1/byte8/invoice/0");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"message\":\"An ID is needed. Set the ID and try again.\"}");
  }

  @Test
  void nonNumericInvoiceIdIs400() throws Exception {
    HttpResponse<String> r = client.get("/rest/V1/byte8/invoice/abc");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("value's type is invalid");
  }

  @Test
  void unauthenticatedInvoiceGetIs401BeforeIdValidation() throws Exception {
    assertThat(client.getAnonymous("/rest/V1/byte8/invoice/0").statusCode()).isEqualTo(401);
  }

  @Test
  void unknownRouteIs404() throws Exception {
    HttpResponse<String> r = client.get("/rest/V1/byte8/refund/1");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"message\":\"Request does not match any route.\"}");
  }

  @Test
  void storeCodeAndIndexPhpPrefixesReachTheSameRoute() throws Exception {
    assertThat(client.get("/rest/default/V1/byte8/ping").statusCode()).isEqualTo(200);
    assertThat(client.get("/index.php/rest/V1/byte8/ping").statusCode()).isEqualTo(200);
  }
}
