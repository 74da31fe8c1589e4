package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.BUSINESS;
import static io.ledgerbridge.adapter.sage.SageFixtures.IDEMPOTENCY_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static io.ledgerbridge.adapter.sage.SageFixtures.TENANT;
import static io.ledgerbridge.adapter.sage.SageFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SageGatewayRequestsTest {
  private static final String INVOICE_JSON =
      SageFixtures.compactResource("post_sales_invoice.golden.json");
  private static final String CONTACT_JSON =
      SageFixtures.compactResource("post_contact.golden.json");

  private final MockWebServer server = new MockWebServer();
  private final InMemoryTokenVault vault = new InMemoryTokenVault();
  private final MutableClock clock = new MutableClock(NOW);
  private AccountingGateway gateway;
  private SageConnection sage;

  @BeforeEach
  void start() throws IOException {
    server.start();
    sage = SageFixtures.connection(server);
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.plusSeconds(300)));
    gateway = SageAdapter.accountingGateway(vault, clock);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void findsTheContactWhoseReferenceMatchesExactlyFollowingNextPages() throws Exception {
    server.enqueue(json(200, SageFixtures.resource("contacts_search_page1.json")));
    server.enqueue(json(200, SageFixtures.resource("contacts_search_page2.json")));

    Optional<SageRef> found = gateway.findContactByReference(sage, "M5G");

    assertThat(found).contains(new SageRef("cccc0000cccc0000cccc0000cccc0000", "Jane (M5G)"));
    RecordedRequest first = server.takeRequest();
    assertThat(first.getMethod()).isEqualTo("GET");
    HttpUrl url = first.getRequestUrl();
    assertThat(url.encodedPath()).isEqualTo("/v3.1/contacts");
    assertThat(url.queryParameter("contact_type_id")).isEqualTo("CUSTOMER");
    assertThat(url.queryParameter("search")).isEqualTo("M5G");
    assertThat(url.queryParameter("attributes")).isEqualTo("reference");
    assertThat(url.queryParameter("items_per_page")).isEqualTo("200");
    RecordedRequest second = server.takeRequest();
    assertThat(second.getRequestUrl().encodedPath()).isEqualTo("/v3.1/contacts");
    assertThat(second.getRequestUrl().queryParameter("page")).isEqualTo("2");
    for (RecordedRequest r : List.of(first, second)) {
      assertThat(r.getHeader("X-Business")).isEqualTo(BUSINESS);
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer access-0");
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    }
  }

  @Test
  void findsNothingWhenOnlyFuzzyMatchesComeBack() {
    server.enqueue(
        json(
            200,
            "{\"$total\":1,\"$page\":1,\"$next\":null,\"$back\":null,\"$itemsPerPage\":200,"
                + "\"$items\":[{\"id\":\"aaaa0000aaaa0000aaaa0000aaaa0000\",\"displayed_as\":\"x\","
                + "\"reference\":\"M5GE\"}]}"));

    assertThat(gateway.findContactByReference(sage, "M5G")).isEmpty();
  }

  @Test
  void searchReferenceIsQueryEncoded() throws Exception {
    server.enqueue(SageFixtures.emptyContactsPage());

    gateway.findContactByReference(sage, "A&B C");

    assertThat(server.takeRequest().getRequestUrl().queryParameter("search")).isEqualTo("A&B C");
  }

  @Test
  void updatesAContactWithAPutOfWhatSageShowsNeverItsReferenceOrCurrency() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"id\":\"dddd0000dddd0000dddd0000dddd0000\",\"displayed_as\":\"Great Example Ltd"
                + " (M5G)\"}"));

    String preview = gateway.renderContactUpdate(SageFixtures.contact());
    SageRef ref =
        gateway.updateContact(sage, "dddd0000dddd0000dddd0000dddd0000", SageFixtures.contact());

    assertThat(ref.id()).isEqualTo("dddd0000dddd0000dddd0000dddd0000");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getPath()).isEqualTo("/v3.1/contacts/dddd0000dddd0000dddd0000dddd0000");
    assertThat(request.getHeader("X-Business")).isEqualTo(BUSINESS);
    String body = request.getBody().readUtf8();
    assertThat(body).isEqualTo(preview).startsWith("{\"contact\":{\"name\":");
    assertThat(body)
        .doesNotContain("\"reference\"")
        .doesNotContain("\"currency_id\"")
        .doesNotContain("contact_type_ids")
        .doesNotContain("idempotency_id")
        .contains("\"main_address\"")
        .contains("\"main_contact_person\"");
  }

  @Test
  void aContactSageNoLongerHasIsANotFoundFailure() {
    server.enqueue(
        json(
            404,
            "[{\"$severity\":\"error\",\"$dataCode\":\"RecordNotFound\",\"$message\":\"Resource"
                + " not found\",\"$source\":\"\"}]"));

    assertThatThrownBy(
            () ->
                gateway.updateContact(
                    sage, "dddd0000dddd0000dddd0000dddd0000", SageFixtures.contact()))
        .isInstanceOfSatisfying(
            io.ledgerbridge.core.failure.GatewayException.class,
            e -> {
              assertThat(e.errorClass())
                  .isEqualTo(io.ledgerbridge.core.failure.ErrorClass.NOT_FOUND);
              assertThat(e.isTransient()).isFalse();
            });
  }

  @Test
  void anUpdateRefusesAnIdThatIsNotASageId() {
    assertThatThrownBy(
            () -> gateway.updateContact(sage, "../sales_invoices", SageFixtures.contact()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void createsACustomerContactWithTheWrappedBodyAndNoNulls() throws Exception {
    server.enqueue(
        json(
            201,
            "{\"id\":\"dddd0000dddd0000dddd0000dddd0000\",\"displayed_as\":\"Great Example Ltd"
                + " (M5G)\",\"$path\":\"/contacts/dddd0000dddd0000dddd0000dddd0000\"}"));

    SageRef ref = gateway.createContact(sage, SageFixtures.contact(), IDEMPOTENCY_ID);

    assertThat(ref)
        .isEqualTo(new SageRef("dddd0000dddd0000dddd0000dddd0000", "Great Example Ltd (M5G)"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v3.1/contacts");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getHeader("X-Business")).isEqualTo(BUSINESS);
    assertThat(request.getBody().readUtf8()).isEqualTo(CONTACT_JSON);
  }

  @Test
  void contactPreviewIsExactlyTheBodyCreateContactSends() throws Exception {
    server.enqueue(
        json(201, "{\"id\":\"dddd0000dddd0000dddd0000dddd0000\",\"displayed_as\":\"G\"}"));

    String preview = gateway.renderContact(SageFixtures.contact(), IDEMPOTENCY_ID);
    gateway.createContact(sage, SageFixtures.contact(), IDEMPOTENCY_ID);

    assertThat(preview).isEqualTo(CONTACT_JSON);
    assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo(preview);
  }

  @Test
  void contactWithoutOptionalFieldsSendsOnlyNameTypeReferenceAndIdempotencyId() throws Exception {
    server.enqueue(
        json(201, "{\"id\":\"dddd0000dddd0000dddd0000dddd0000\",\"displayed_as\":\"G\"}"));

    gateway.createContact(sage, SageFixtures.minimalContact(), IDEMPOTENCY_ID);

    assertThat(server.takeRequest().getBody().readUtf8())
        .isEqualTo(
            "{\"contact\":{\"name\":\"Guest customers\",\"contact_type_ids\":[\"CUSTOMER\"],"
                + "\"reference\":\"G1\",\"idempotency_id\":\""
                + IDEMPOTENCY_ID
                + "\"}}");
  }

  @Test
  void aReferenceHeldByADeletedContactGetsAnActionableMessage() {
    server.enqueue(
        SageFixtures.envelope(
            422, "RecordInvalid", "Reference has already been taken", "reference"));

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class,
            () -> gateway.createContact(sage, SageFixtures.contact(), IDEMPOTENCY_ID));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.VALIDATION);
    assertThat(e.operation()).isEqualTo("create_contact");
    assertThat(e.getMessage())
        .startsWith("contact reference M5G is reserved by a deleted Sage contact")
        .contains("restore it in Sage")
        .contains("Reference has already been taken (source: reference)");
    assertThat(e.responseBody()).contains("\"$dataCode\":\"RecordInvalid\"");
  }

  @Test
  void createsASalesInvoiceWithEveryDecimalAsAPlainString() throws Exception {
    server.enqueue(SageFixtures.createdInvoice());

    SageRef ref = gateway.createSalesInvoice(sage, SageFixtures.invoice(), IDEMPOTENCY_ID);

    assertThat(ref).isEqualTo(new SageRef("a1b2c3d4e5f60718293a4b5c6d7e8f90", "SI-3"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v3.1/sales_invoices");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getHeader("X-Business")).isEqualTo(BUSINESS);
    assertThat(request.getBody().readUtf8()).isEqualTo(INVOICE_JSON);
  }

  @Test
  void renderSalesInvoiceReturnsExactlyWhatIsPosted() throws Exception {
    server.enqueue(SageFixtures.createdInvoice());

    gateway.createSalesInvoice(sage, SageFixtures.invoice(), IDEMPOTENCY_ID);

    assertThat(gateway.renderSalesInvoice(SageFixtures.invoice(), IDEMPOTENCY_ID))
        .isEqualTo(server.takeRequest().getBody().readUtf8())
        .isEqualTo(INVOICE_JSON);
  }

  @Test
  void sendsTheBusinessHeaderOnEveryApiCall() throws Exception {
    server.enqueue(SageFixtures.emptyContactsPage());
    server.enqueue(
        json(201, "{\"id\":\"dddd0000dddd0000dddd0000dddd0000\",\"displayed_as\":\"G\"}"));
    server.enqueue(SageFixtures.createdInvoice());

    gateway.findContactByReference(sage, "G1");
    gateway.createContact(sage, SageFixtures.minimalContact(), IDEMPOTENCY_ID);
    gateway.createSalesInvoice(sage, SageFixtures.minimalInvoice(), IDEMPOTENCY_ID);

    for (int i = 0; i < 3; i++) {
      RecordedRequest r = server.takeRequest();
      assertThat(r.getHeader("X-Business")).as(r.getPath()).isEqualTo(BUSINESS);
      assertThat(r.getHeader("Authorization")).as(r.getPath()).isEqualTo("Bearer access-0");
      assertThat(r.getHeader("Accept")).as(r.getPath()).isEqualTo("application/json");
    }
  }

  @Test
  void refusesAnIdempotencyIdThatIsNot32LowercaseHex() {
    for (String bad :
        new String[] {
          null,
          "",
          "C3A8F0E1D2B3A4958677F6E5D4C3B2A1",
          "c3a8f0e1-d2b3-a495-8677-f6e5d4c3b2a1",
          "c3a8f0e1d2b3a4958677f6e5d4c3b2a"
        }) {
      assertThatThrownBy(() -> gateway.renderSalesInvoice(SageFixtures.invoice(), bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("idempotencyId");
      assertThatThrownBy(() -> gateway.createContact(sage, SageFixtures.contact(), bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesAnAmountWithMoreThanTwoDecimals() {
    SageInvoiceLine line =
        new SageInvoiceLine(
            "Widget",
            SageFixtures.LEDGER_ID,
            BigDecimal.ONE,
            BigDecimal.TEN,
            null,
            "GB_STANDARD",
            new BigDecimal("2.005"),
            null);
    SageInvoiceDraft draft =
        new SageInvoiceDraft(
            SageFixtures.CONTACT_ID,
            NOW.atZone(clock.getZone()).toLocalDate(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(line),
            null);

    assertThatThrownBy(() -> gateway.renderSalesInvoice(draft, IDEMPOTENCY_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tax_amount must have at most 2 decimals, got 2.005");
  }

  @Test
  void refusesToPostAnInvoiceWhoseContactIsNotResolved() {
    SageInvoiceDraft draft = SageFixtures.invoice().withContactId(null);

    assertThatThrownBy(() -> gateway.createSalesInvoice(sage, draft, IDEMPOTENCY_ID))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
