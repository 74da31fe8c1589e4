package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.BUSINESS;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static io.ledgerbridge.adapter.sage.SageFixtures.TENANT;
import static io.ledgerbridge.adapter.sage.SageFixtures.envelope;
import static io.ledgerbridge.adapter.sage.SageFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.BankAccount;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fetchReferenceData}: every list read through all its {@code $next} pages, Sage's decimal
 * strings as {@link BigDecimal}s, sales and expenses visibility merged, and one failed GET failing
 * the whole fetch with its own classification.
 */
class SageReferenceDataTest {
  private static final String BANK_GBP = "19e5f9768c9542ef840ab7532e231215";
  private static final String BANK_EUR = "4ad5a004af3d463fa1c1179f8d821ad3";
  private static final String SALES_PRODUCTS = "7a5ab138884911ed84fa0252b90cda0d";
  private static final String CARRIAGE = "7a5ad74c884911ed84fa0252b90cda0d";
  private static final String COST_OF_SALES = "163849e847954f66badb3a4bbbb4dc19";

  private final MockWebServer server = new MockWebServer();
  private final InMemoryTokenVault vault = new InMemoryTokenVault();
  private final Map<String, MockResponse> routes = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private AccountingGateway gateway;
  private SageConnection sage;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            synchronized (requests) {
              requests.add(request);
            }
            MockResponse response = routes.get(route(request.getRequestUrl()));
            return response != null
                ? response
                : envelope(404, "RecordNotFound", "Couldn't find record.", "");
          }
        });
    server.start();
    sage = SageFixtures.connection(server);
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.plusSeconds(300)));
    gateway = SageAdapter.accountingGateway(vault, new MutableClock(NOW));
    routeHappyPath();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  /** {@code /tax_rates}, {@code /ledger_accounts?visible_in=sales&page=2}, ... */
  private static String route(HttpUrl url) {
    String path = url.encodedPath().replaceFirst("^/v3\\.1", "");
    StringBuilder key = new StringBuilder(path);
    String visibleIn = url.queryParameter("visible_in");
    String page = url.queryParameter("page");
    String sep = "?";
    if (visibleIn != null) {
      key.append(sep).append("visible_in=").append(visibleIn);
      sep = "&";
    }
    if (page != null && !page.equals("1")) {
      key.append(sep).append("page=").append(page);
    }
    return key.toString();
  }

  private void on(String route, MockResponse response) {
    routes.put(route, response);
  }

  private static String page(String next, String items) {
    return "{\"$total\":9,\"$page\":1,\"$next\":"
        + (next == null ? "null" : "\"" + next + "\"")
        + ",\"$back\":null,\"$itemsPerPage\":200,\"$items\":["
        + items
        + "]}";
  }

  private void routeHappyPath() {
    on(
        "/financial_settings",
        json(
            200,
            """
            {"$path":"/financial_settings","accounts_start_date":"2022-01-01",
             "base_currency":{"id":"GBP","displayed_as":"Pound Sterling (GBP)",
             "$path":"/currencies/GBP"},"multi_currency_enabled":true}"""));
    on(
        "/businesses/" + BUSINESS,
        json(
            200,
            "{\"id\":\""
                + BUSINESS
                + "\",\"displayed_as\":\"Shop Ltd\","
                + "\"country\":{\"id\":\"GB\",\"displayed_as\":\"United Kingdom\"}}"));
    on(
        "/tax_rates",
        json(
            200,
            page(
                "/tax_rates?page=2&items_per_page=200&usage=sales&attributes=percentage%2Cname",
                """
                {"id":"GB_STANDARD","displayed_as":"Standard 20.00%","name":"STANDARD",
                 "percentage":"20.0"},
                {"id":"GB_LOWER","displayed_as":"Lower Rate 5.00%","name":"LOWER",
                 "percentage":"5.0"}""")));
    on(
        "/tax_rates?page=2",
        json(
            200,
            page(
                null,
                """
                {"id":"GB_ZERO","displayed_as":"Zero Rated 0.00%","percentage":"0.0"},
                {"id":"GB_FLAT","displayed_as":"Flat 12.50%","percentage":12.5},
                {"id":"GB_NO_TAX","displayed_as":"No VAT","percentage":null},
                {"id":"GB_OTHER","displayed_as":"Other"}""")));
    on(
        "/ledger_accounts?visible_in=sales",
        json(
            200,
            page(
                // Sage's $next is only documented to keep items_per_page: the filter must be kept
                "/ledger_accounts?page=2&items_per_page=200",
                "{\"id\":\""
                    + SALES_PRODUCTS
                    + "\",\"displayed_as\":\"Sales - Products (4000)\",\"nominal_code\":4000,"
                    + "\"visible_in_sales\":true,\"visible_in_expenses\":false}")));
    on(
        "/ledger_accounts?visible_in=sales&page=2",
        json(
            200,
            page(
                null,
                "{\"id\":\""
                    + CARRIAGE
                    + "\",\"displayed_as\":\"Carriage (5100)\",\"nominal_code\":5100}")));
    on(
        "/ledger_accounts?visible_in=expenses",
        json(
            200,
            page(
                null,
                "{\"id\":\""
                    + COST_OF_SALES
                    + "\",\"displayed_as\":\"Cost of sales - goods (5000)\",\"nominal_code\":5000,"
                    + "\"visible_in_sales\":false,\"visible_in_expenses\":true},"
                    + "{\"id\":\""
                    + CARRIAGE
                    + "\",\"displayed_as\":\"Carriage (5100)\",\"nominal_code\":5100}")));
    on(
        "/bank_accounts",
        json(
            200,
            page(
                null,
                "{\"id\":\""
                    + BANK_GBP
                    + "\",\"displayed_as\":\"Bank Account (1200)\",\"currency\":null,"
                    + "\"bank_account_details\":{\"account_name\":\"Bank Account\"}},"
                    + "{\"id\":\""
                    + BANK_EUR
                    + "\",\"displayed_as\":\"Euro Account (1201)\",\"currency\":{\"id\":\"EUR\","
                    + "\"displayed_as\":\"Euro (EUR)\",\"$path\":\"/currencies/EUR\"}}")));
    on(
        "/currencies",
        json(
            200,
            page(
                null,
                """
                {"id":"GBP","displayed_as":"Pound Sterling (GBP)","$path":"/currencies/GBP"},
                {"id":"EUR","displayed_as":"Euro (EUR)","$path":"/currencies/EUR"},
                {"id":"USD","displayed_as":"US Dollar (USD)","$path":"/currencies/USD"}""")));
  }

  private List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private RecordedRequest request(String route) {
    return requests().stream()
        .filter(r -> route(r.getRequestUrl()).equals(route))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no request for " + route));
  }

  @Test
  void fetchesEveryListIntoOneSnapshotTakenNow() {
    ReferenceData data = gateway.fetchReferenceData(sage, NOW);

    assertThat(data.baseCurrency()).isEqualTo("GBP");
    assertThat(data.businessCountry()).isEqualTo("GB");
    assertThat(data.fetchedAt()).isEqualTo(NOW);
    assertThat(data.taxRates())
        .extracting(TaxRate::id)
        .containsExactly("GB_STANDARD", "GB_LOWER", "GB_ZERO", "GB_FLAT", "GB_NO_TAX", "GB_OTHER");
    assertThat(data.currencies()).containsExactly("GBP", "EUR", "USD");
    assertThat(data.ledgerAccounts())
        .extracting(LedgerAccount::id)
        .containsExactly(SALES_PRODUCTS, CARRIAGE, COST_OF_SALES);
    assertThat(requests()).hasSize(9);
  }

  @Test
  void everyGetCarriesTokenBusinessAndTheDocumentedQuery() {
    gateway.fetchReferenceData(sage, NOW);

    for (RecordedRequest r : requests()) {
      assertThat(r.getMethod()).isEqualTo("GET");
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer access-0");
      assertThat(r.getHeader("X-Business")).isEqualTo(BUSINESS);
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    }
    HttpUrl tax = request("/tax_rates").getRequestUrl();
    assertThat(tax.queryParameter("usage")).isEqualTo("sales");
    assertThat(tax.queryParameter("attributes")).isEqualTo("percentage,name");
    assertThat(tax.queryParameter("items_per_page")).isEqualTo("200");
    HttpUrl ledgers = request("/ledger_accounts?visible_in=expenses").getRequestUrl();
    assertThat(ledgers.queryParameter("attributes"))
        .isEqualTo("nominal_code,visible_in_sales,visible_in_expenses");
    assertThat(ledgers.queryParameter("items_per_page")).isEqualTo("200");
    HttpUrl banks = request("/bank_accounts").getRequestUrl();
    assertThat(banks.queryParameter("attributes")).isEqualTo("currency,bank_account_details");
    assertThat(request("/currencies").getRequestUrl().queryParameter("items_per_page"))
        .isEqualTo("200");
    assertThat(request("/financial_settings").getRequestUrl().encodedPath())
        .isEqualTo("/v3.1/financial_settings");
  }

  @Test
  void followsNextPagesRelativeToTheApiBase() {
    gateway.fetchReferenceData(sage, NOW);

    HttpUrl second = request("/tax_rates?page=2").getRequestUrl();
    assertThat(second.encodedPath()).isEqualTo("/v3.1/tax_rates");
    assertThat(second.queryParameter("items_per_page")).isEqualTo("200");
    assertThat(second.queryParameter("attributes")).isEqualTo("percentage,name");
  }

  @Test
  void nextPageWithoutTheFilterStillAsksForTheSameFilterAndAttributes() {
    gateway.fetchReferenceData(sage, NOW);

    HttpUrl second = request("/ledger_accounts?visible_in=sales&page=2").getRequestUrl();
    assertThat(second.queryParameter("visible_in")).isEqualTo("sales");
    assertThat(second.queryParameter("attributes"))
        .isEqualTo("nominal_code,visible_in_sales,visible_in_expenses");
    assertThat(second.queryParameterValues("visible_in")).hasSize(1);
    assertThat(second.queryParameterValues("page")).containsExactly("2");
  }

  @Test
  void percentageStringsBecomeBigDecimalsAndMissingPercentagesNull() {
    ReferenceData data = gateway.fetchReferenceData(sage, NOW);

    assertThat(data.taxRate("GB_STANDARD"))
        .contains(new TaxRate("GB_STANDARD", "Standard 20.00%", new BigDecimal("20.0")));
    assertThat(data.taxRate("GB_ZERO").orElseThrow().percentage()).isEqualTo("0.0");
    assertThat(data.taxRate("GB_FLAT").orElseThrow().percentage()).isEqualByComparingTo("12.5");
    assertThat(data.taxRate("GB_NO_TAX").orElseThrow().percentage()).isNull();
    assertThat(data.taxRate("GB_OTHER").orElseThrow().percentage()).isNull();
  }

  @Test
  void anAccountInBothTheSalesAndTheExpensesListIsVisibleInBoth() {
    ReferenceData data = gateway.fetchReferenceData(sage, NOW);

    assertThat(data.ledgerAccount(SALES_PRODUCTS))
        .contains(new LedgerAccount(SALES_PRODUCTS, "Sales - Products (4000)", 4000, true, false));
    assertThat(data.ledgerAccount(COST_OF_SALES))
        .contains(
            new LedgerAccount(COST_OF_SALES, "Cost of sales - goods (5000)", 5000, false, true));
    assertThat(data.ledgerAccount(CARRIAGE))
        .contains(new LedgerAccount(CARRIAGE, "Carriage (5100)", 5100, true, true));
  }

  @Test
  void bankAccountWithoutCurrencyIsKeptInTheBaseCurrency() {
    ReferenceData data = gateway.fetchReferenceData(sage, NOW);

    assertThat(data.bankAccounts())
        .containsExactly(
            new BankAccount(BANK_GBP, "Bank Account (1200)", "GBP"),
            new BankAccount(BANK_EUR, "Euro Account (1201)", "EUR"));
  }

  @Test
  void businessCountryIsNullWhenSageDoesNotShowTheBusiness() {
    on(
        "/businesses/" + BUSINESS,
        envelope(403, "MultiUserAccessDenied", "The current user is not allowed.", ""));

    ReferenceData data = gateway.fetchReferenceData(sage, NOW);

    assertThat(data.businessCountry()).isNull();
    assertThat(data.baseCurrency()).isEqualTo("GBP");
  }

  @Test
  void serviceUnavailableOnOneListFailsTheWholeFetchAsTransient() {
    on("/bank_accounts", envelope(503, "ServiceUnavailable", "Please retry later.", ""));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.fetchReferenceData(sage, NOW));

    assertThat(e).isNotNull();
    assertThat(e.isTransient()).isTrue();
    assertThat(e.errorClass()).isEqualTo(ErrorClass.PROVIDER);
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.operation()).isEqualTo("fetch_bank_accounts");
    assertThat(e.getMessage()).doesNotContain("access-0");
  }

  @Test
  void serviceUnavailableOnASecondPageAlsoFailsTheWholeFetch() {
    on("/tax_rates?page=2", envelope(503, "ServiceUnavailable", "Please retry later.", ""));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.fetchReferenceData(sage, NOW));

    assertThat(e.isTransient()).isTrue();
    assertThat(e.operation()).isEqualTo("fetch_tax_rates");
  }

  @Test
  void transientFailureOfTheBusinessRecordIsNotSwallowed() {
    on("/businesses/" + BUSINESS, json(429, ""));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.fetchReferenceData(sage, NOW));

    assertThat(e.isTransient()).isTrue();
    assertThat(e.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
    assertThat(e.operation()).isEqualTo("fetch_business");
  }

  @Test
  void financialSettingsWithoutBaseCurrencyIsUnreadable() {
    on("/financial_settings", json(200, "{\"$path\":\"/financial_settings\"}"));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.fetchReferenceData(sage, NOW));

    assertThat(e.isTransient()).isFalse();
    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERDE);
    assertThat(e.operation()).isEqualTo("fetch_financial_settings");
  }

  @Test
  void unparseablePercentageIsUnreadableNotZero() {
    on("/tax_rates", json(200, page(null, "{\"id\":\"GB_X\",\"percentage\":\"twenty\"}")));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.fetchReferenceData(sage, NOW));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERDE);
    assertThat(e.operation()).isEqualTo("fetch_tax_rates");
  }

  @Test
  void nextPointingBackToAPageAlreadyReadIsUnreadableInsteadOfLooping() {
    on("/currencies", json(200, page("/currencies?items_per_page=200", "{\"id\":\"GBP\"}")));

    GatewayException e =
        catchThrowableOfType(GatewayException.class, () -> gateway.fetchReferenceData(sage, NOW));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.SERDE);
    assertThat(e.getMessage()).contains("already read");
  }

  @Test
  void aBareArrayIsReadAsOneLastPage() {
    on("/currencies", json(200, "[{\"id\":\"GBP\"},{\"id\":\"EUR\"}]"));

    assertThat(gateway.fetchReferenceData(sage, NOW).currencies()).containsExactly("GBP", "EUR");
  }

  @Test
  void expiredAccessTokenIsRenewedOnceAndTheFetchCompletes() {
    vault.put(TENANT, new SageTokens("refresh-0", "access-0", NOW.minusSeconds(1)));
    on("/oauth/token", SageFixtures.tokenResponse("access-1", "refresh-1"));

    ReferenceData data = gateway.fetchReferenceData(sage, NOW);

    assertThat(data.currencies()).contains("GBP");
    assertThat(request("/currencies").getHeader("Authorization")).isEqualTo("Bearer access-1");
  }
}
