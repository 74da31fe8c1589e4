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

/**
 * GET /rest/V1/byte8/customer/{id} byte format (WIRE §3.0, §3.3: ContactRepository), its error
 * bodies and auth, and the customer accounts behind registered invoice and memo buyers (§3.4).
 */
class StoreCustomerHttpTest {

  private static final Instant NOW = Instant.ofEpochSecond(IAT); // 2026-01-01T00:00:00Z
  private static final Instant REGISTERED = Instant.parse("2025-11-03T08:09:10Z");
  private static final StoreAddress HOME =
      new StoreAddress(
          List.of("1 Rue de l'Église", "", "Bât. 2/B"),
          "Lyon",
          "Auvergne-Rhône-Alpes",
          "69001",
          "FR",
          "+33 4 12",
          "Café/Co");
  private static final String HOME_BILLING =
      "{\"kind\":\"billing\",\"street\":[\"1 Rue de l'\\u00c9glise\",\"B\\u00e2t. 2\\/B\"],"
          + "\"city\":\"Lyon\",\"region\":\"Auvergne-Rh\\u00f4ne-Alpes\",\"postcode\":\"69001\","
          + "\"country_id\":\"FR\",\"telephone\":\"+33 4 12\"}";
  private static final StoreAddress WORK = StoreAddress.of("9 Low Rd", "Leeds", "LS1 1AA", "GB");
  private static final StoreAddress DOCK = StoreAddress.of("5 Dock St", "Hull", "HU1 1AA", "GB");
  private static final String WORK_SHIPPING =
      "{\"kind\":\"shipping\",\"street\":[\"9 Low Rd\"],\"city\":\"Leeds\","
          + "\"postcode\":\"LS1 1AA\",\"country_id\":\"GB\"}";

  private MutableClock clock;
  private SandboxStore store;
  private StoreClient client;

  @BeforeEach
  void start() {
    clock = new MutableClock(NOW);
    store = SandboxStore.start(SandboxStoreConfig.builder(TENANT, MASTER).clock(clock).build());
    client = new StoreClient(store, MASTER, IAT);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  @Test
  void customerWithBothDefaultsIsServedInPhpJsonEncodeBytes() throws Exception {
    long id =
        store.saveCustomer(
            StoreCustomer.builder()
                .email("zoë/z@example.com")
                .name("Zoë", "d'Arc")
                .websiteId(2)
                .groupId(3)
                .taxvat("FR12345678901")
                .defaultBilling(HOME)
                .defaultShipping(WORK)
                .createdAt(REGISTERED)
                .build());

    HttpResponse<String> r = client.get("/rest/V1/byte8/customer/" + id);

    assertThat(id).isEqualTo(1);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(r.body())
        .isEqualTo(
            "{\"magento_id\":1,\"email\":\"zo\\u00eb\\/z@example.com\","
                + "\"first_name\":\"Zo\\u00eb\",\"last_name\":\"d'Arc\",\"phone\":\"+33 4 12\","
                + "\"website_id\":2,\"group_id\":3,\"addresses\":["
                + HOME_BILLING
                + ","
                + WORK_SHIPPING
                + "],\"created_at\":\"2025-11-03T08:09:10Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");
    assertThat(store.canonicalCustomerJson(id)).hasValue(r.body());
  }

  @Test
  void oneAddressThatIsBothDefaultsIsEmittedTwiceAndOnlyDefaultsAppearInBookOrder()
      throws Exception {
    StoreAddress old = StoreAddress.of("3 Old St", "York", "YO1 1AA", "GB").withTelephone("0111");
    long id =
        store.saveCustomer(
            StoreCustomer.builder()
                .email("ann@example.com")
                .name("Ann", null)
                .groupId(null)
                .address(old)
                .defaultShipping(WORK)
                .defaultBilling(StoreAddress.of("2 Side St", "Bath", "BA1 1AA", "GB"))
                .build());
    long both =
        store.saveCustomer(
            StoreCustomer.builder()
                .id(40)
                .email("bo@example.com")
                .name("", "Lee")
                .defaultAddress(WORK.withTelephone("0222"))
                .createdAt(REGISTERED)
                .updatedAt(REGISTERED)
                .build());

    // shipping first (its address comes first in the book); the default billing address has no
    // telephone, so no phone at all although another address has one
    assertThat(client.get("/rest/V1/byte8/customer/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"email\":\"ann@example.com\",\"first_name\":\"Ann\","
                + "\"website_id\":1,\"addresses\":["
                + WORK_SHIPPING
                + ",{\"kind\":\"billing\",\"street\":[\"2 Side St\"],\"city\":\"Bath\","
                + "\"postcode\":\"BA1 1AA\",\"country_id\":\"GB\"}],"
                + "\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");
    String shared =
        "{\"street\":[\"9 Low Rd\"],\"city\":\"Leeds\",\"postcode\":\"LS1 1AA\","
            + "\"country_id\":\"GB\",\"telephone\":\"0222\"}";
    assertThat(client.get("/rest/V1/byte8/customer/" + both).body())
        .isEqualTo(
            "{\"magento_id\":40,\"email\":\"bo@example.com\",\"last_name\":\"Lee\","
                + "\"phone\":\"0222\",\"website_id\":1,\"group_id\":1,\"addresses\":["
                + shared.replace("{", "{\"kind\":\"billing\",")
                + ","
                + shared.replace("{", "{\"kind\":\"shipping\",")
                + "],\"created_at\":\"2025-11-03T08:09:10Z\","
                + "\"updated_at\":\"2025-11-03T08:09:10Z\"}");
    // a new account after an explicit id continues after it
    assertThat(store.saveCustomer(StoreCustomer.builder().email("c@example.com").build()))
        .isEqualTo(41);
  }

  @Test
  void withoutDefaultAddressesThePhoneComesFromAnyAddressAndAddressesFromTheLatestOrder()
      throws Exception {
    long id =
        store.saveCustomer(
            StoreCustomer.builder()
                .email("kim@example.com")
                .name("Kim", "Park")
                .address(WORK)
                .address(StoreAddress.of("4 Far Rd", "Hull", null, "GB").withTelephone("0333"))
                .build());
    assertThat(client.get("/rest/V1/byte8/customer/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"email\":\"kim@example.com\",\"first_name\":\"Kim\","
                + "\"last_name\":\"Park\",\"phone\":\"0333\",\"website_id\":1,\"group_id\":1,"
                + "\"addresses\":[],\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");

    StoreContact kim = StoreContact.registered(id, "kim@example.com", "Kim", "Park");
    StoreAddress firstBilling =
        StoreAddress.of("1 A St", "Ely", "CB7", "GB").withCompany("Old Ltd");
    StoreAddress latestBilling =
        StoreAddress.of("2 B St", "Ely", "CB7", "GB").withCompany("New Ltd").withTelephone("0444");
    store.raiseInvoice(
        StoreInvoice.builder()
            .customer(kim)
            .billingAddress(firstBilling)
            .shippingAddress(WORK)
            .createdAt(NOW.minusSeconds(60))
            .build());
    store.raiseInvoice(
        StoreInvoice.builder()
            .customer(kim)
            .billingAddress(latestBilling)
            .createdAt(NOW.minusSeconds(30))
            .build());
    store.raiseInvoice(
        StoreInvoice.builder()
            .customer(kim)
            .billingAddress(firstBilling)
            .createdAt(NOW.minusSeconds(90))
            .build());

    // the most recent order (a virtual one: no shipping address) gives billing and company; the
    // profile's non-default address still gives the phone
    assertThat(client.get("/rest/V1/byte8/customer/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"email\":\"kim@example.com\",\"first_name\":\"Kim\","
                + "\"last_name\":\"Park\",\"company\":\"New Ltd\",\"phone\":\"0333\","
                + "\"website_id\":1,\"group_id\":1,\"addresses\":[{\"kind\":\"billing\","
                + "\"street\":[\"2 B St\"],\"city\":\"Ely\",\"postcode\":\"CB7\","
                + "\"country_id\":\"GB\",\"telephone\":\"0444\"}],"
                + "\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");
    // the oldest invoice's customer is the same contact, enriched with that invoice's own shipping
    assertThat(client.get("/rest/V1/byte8/invoice/1").body())
        .contains(
            "\"customer\":{\"magento_id\":1,\"email\":\"kim@example.com\",\"first_name\":\"Kim\","
                + "\"last_name\":\"Park\",\"company\":\"New Ltd\",\"phone\":\"0333\","
                + "\"website_id\":1,\"group_id\":1,\"addresses\":[{\"kind\":\"billing\","
                + "\"street\":[\"2 B St\"],\"city\":\"Ely\",\"postcode\":\"CB7\","
                + "\"country_id\":\"GB\",\"telephone\":\"0444\"},"
                + WORK_SHIPPING
                + "],");
  }

  @Test
  void anOfflineCreditMemosOrderCountsAsAnOrderAndItsBillingGivesTheFallbackPhone()
      throws Exception {
    long id = store.saveCustomer(StoreCustomer.builder().email("li@example.com").build());
    store.raiseCreditMemo(
        StoreCreditMemo.builder()
            .customer(StoreContact.registered(id, "li@example.com", null, null))
            .billingAddress(WORK.withTelephone("0555"))
            .orderCreatedAt(NOW.minusSeconds(5))
            .build());

    assertThat(client.get("/rest/V1/byte8/customer/" + id).body())
        .isEqualTo(
            "{\"magento_id\":1,\"email\":\"li@example.com\",\"phone\":\"0555\",\"website_id\":1,"
                + "\"group_id\":1,\"addresses\":["
                + WORK_SHIPPING.replace("shipping", "billing").replace("\"}", "\",")
                + "\"telephone\":\"0555\"}],\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}");
  }

  @Test
  void aRegisteredInvoiceBuyerBecomesACustomerAndInvoicesFollowLaterEdits() throws Exception {
    StoreContact jane =
        StoreContact.registered(5, "jane.doe@example.com", "Jane", "Doe")
            .withDefaultAddresses(WORK, WORK)
            .withTimestamps("2025-11-03T08:09:10Z", null);
    long invoiceId =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(jane)
                .billingAddress(WORK)
                .shippingAddress(DOCK)
                .line("S", "S", "1", "1", "0")
                .build());
    String before = client.get("/rest/V1/byte8/invoice/" + invoiceId).body();

    StoreCustomer account = store.customer(5).orElseThrow();
    assertThat(account.addresses()).containsExactly(WORK);
    assertThat(account.defaultBilling()).isZero();
    assertThat(account.defaultShipping()).isZero();
    String customerJson =
        "{\"magento_id\":5,\"email\":\"jane.doe@example.com\",\"first_name\":\"Jane\","
            + "\"last_name\":\"Doe\",\"website_id\":1,\"group_id\":1,\"addresses\":["
            + WORK_SHIPPING.replace("shipping", "billing")
            + ","
            + WORK_SHIPPING
            + "],\"created_at\":\"2025-11-03T08:09:10Z\"}";
    assertThat(client.get("/rest/V1/byte8/customer/5").body()).isEqualTo(customerJson);
    assertThat(before).contains("\"customer\":" + customerJson + ",\"lines\":");
    // the invoice's buyer raised no customer.upserted: the account existed before the order
    assertThat(store.outbox()).extracting(OutboxRow::eventName).containsExactly("invoice.created");
    // a second document with the same buyer id leaves the account alone
    store.raiseInvoice(
        StoreInvoice.builder()
            .customer(StoreContact.registered(5, "other@example.com", "Other", "Name"))
            .build());
    assertThat(store.customer(5)).hasValue(account);

    clock.advance(Duration.ofMinutes(1));
    store.saveCustomer(
        account.toBuilder().lastName("Doe-Smith").clearAddresses().defaultBilling(HOME).build());

    StoreClient later = new StoreClient(store, MASTER, clock.instant().getEpochSecond());
    String head =
        "{\"magento_id\":5,\"email\":\"jane.doe@example.com\",\"first_name\":\"Jane\","
            + "\"last_name\":\"Doe-Smith\",\"phone\":\"+33 4 12\",\"website_id\":1,"
            + "\"group_id\":1,\"addresses\":["
            + HOME_BILLING;
    String tail =
        "],\"created_at\":\"2025-11-03T08:09:10Z\",\"updated_at\":\"2026-01-01T00:01:00Z\"}";
    String edited = head + tail;
    assertThat(later.get("/rest/V1/byte8/customer/5").body()).isEqualTo(edited);
    // the invoice reads the account as it is now, and appends the order's shipping address the
    // profile no longer has; the memo reads it too, without that enrichment
    assertThat(later.get("/rest/V1/byte8/invoice/" + invoiceId).body())
        .contains(
            "\"customer\":"
                + head
                + ",{\"kind\":\"shipping\",\"street\":[\"5 Dock St\"],\"city\":\"Hull\","
                + "\"postcode\":\"HU1 1AA\",\"country_id\":\"GB\"}"
                + tail
                + ",\"lines\":");
    long memo = store.refundInvoice(invoiceId);
    assertThat(later.get("/rest/V1/byte8/creditmemo/" + memo).body())
        .contains("\"customer\":" + edited + ",\"lines\":");
  }

  @Test
  void aDeletedCustomerIs404AndItsDocumentsCarryTheSyntheticGuestContact() throws Exception {
    StoreContact sam = StoreContact.registered(7, "sam@example.com", "Sam", "Lee");
    long invoiceId =
        store.raiseInvoice(
            StoreInvoice.builder()
                .customer(sam)
                .billingAddress(WORK.withCompany("Lee & Co"))
                .createdAt(REGISTERED)
                .build());

    assertThat(store.deleteCustomer(7)).isTrue();
    assertThat(store.deleteCustomer(7)).isFalse();

    assertThat(client.get("/rest/V1/byte8/customer/7").statusCode()).isEqualTo(404);
    assertThat(store.canonicalCustomerJson(7)).isEmpty();
    assertThat(client.get("/rest/V1/byte8/invoice/" + invoiceId).body())
        .contains(
            "\"customer\":{\"magento_id\":0,\"email\":\"sam@example.com\","
                + "\"first_name\":\"Sam\",\"last_name\":\"Lee\",\"company\":\"Lee & Co\","
                + "\"website_id\":0,\"addresses\":["
                + WORK_SHIPPING.replace("shipping", "billing")
                + "],\"created_at\":\"2025-11-03T08:09:10Z\","
                + "\"updated_at\":\"2025-11-03T08:09:10Z\"},");
  }

  @Test
  void unknownCustomerIs404WithTheIntegerIdAndZeroIsNot400() throws Exception {
    HttpResponse<String> unknown = client.get("/rest/V1/byte8/customer/123");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(unknown.body())
        .isEqualTo(
            "{\"message\":\"No such entity with %fieldName = %fieldValue\","
                + "\"parameters\":{\"fieldName\":\"customerId\",\"fieldValue\":123}}");
    HttpResponse<String> zero = client.get("/rest/V1/byte8/customer/0");
    assertThat(zero.statusCode()).isEqualTo(404);
    assertThat(zero.body()).endsWith("\"fieldValue\":0}}");
    assertThat(client.get("/rest/V1/byte8/customer/-4").body()).endsWith("\"fieldValue\":-4}}");
    HttpResponse<String> text = client.get("/rest/V1/byte8/customer/abc");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(text.body()).contains("value's type is invalid");
    assertThat(client.get("/rest/V1/byte8/customer/").statusCode()).isEqualTo(404);
    assertThat(client.get("/rest/V1/byte8/customer/1/2").body())
        .isEqualTo("{\"message\":\"Request does not match any route.\"}");
    // the sandbox's invoice route keeps its own rule for id 0
    assertThat(client.get("/rest/V1/byte8/invoice/0").statusCode()).isEqualTo(400);
  }

  @Test
  void customerRouteNeedsTheInboundTokenAndHonoursMaintenanceMode() throws Exception {
    long id = store.saveCustomer(StoreCustomer.builder().email("a@example.com").build());

    HttpResponse<String> anonymous = client.getAnonymous("/rest/V1/byte8/customer/" + id);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo(InboundAuthHttpTest.UNAUTHORIZED);
    assertThat(store.authFailures()).containsExactly(InboundVerifier.NO_BEARER);
    // an unknown customer is still 401 without a token: auth comes first
    assertThat(client.getAnonymous("/rest/V1/byte8/customer/999").statusCode()).isEqualTo(401);

    String outboundToken =
        SandboxStore.outboundToken(MASTER, TENANT, IAT, "0b6c7f6e-2f4a-4c8e-9d3b-1a2b3c4d5e6f");
    assertThat(client.getWithBearer("/rest/V1/byte8/customer/" + id, outboundToken).statusCode())
        .isEqualTo(401);
    String token = client.token();
    assertThat(client.getWithBearer("/rest/V1/byte8/customer/" + id, token).statusCode())
        .isEqualTo(200);
    assertThat(client.getWithBearer("/rest/V1/byte8/customer/" + id, token).statusCode())
        .isEqualTo(401);
    assertThat(store.authFailures()).endsWith("jti already seen — replay rejected");

    store.setUnavailable(true);
    assertThat(client.get("/rest/V1/byte8/customer/" + id).statusCode()).isEqualTo(503);
    assertThat(store.unavailableRefusals()).isEqualTo(1);
  }

  @Test
  void badCustomersAreRefused() {
    assertThatThrownBy(() -> StoreCustomer.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> StoreCustomer.builder().email("x@example.com").defaultBillingIndex(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreCustomer.fromContact(StoreContact.guest("g@e.com", "G", "E")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
