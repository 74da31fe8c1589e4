package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_ID;
import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.adapter.sage.SageAdapter;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.reference.ReferenceData.BankAccount;
import io.ledgerbridge.core.reference.ReferenceData.LedgerAccount;
import io.ledgerbridge.core.reference.ReferenceData.TaxRate;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Sage adapter against the sandbox over HTTP: the sandbox answers the reference-data GETs
 * the way the adapter reads them (OAuth refresh, {@code X-Business}, {@code attributes}, {@code
 * visible_in}, paging envelope, financial settings, business country).
 */
class SageAdapterAgainstSandboxTest {
  private static final String TENANT = "tenant-sandbox";
  private static final Instant NOW = Instant.parse("2025-06-24T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryTokenVault vault = new InMemoryTokenVault();
  private SandboxSage sandbox;
  private AccountingGateway gateway;
  private SageConnection connection;

  @BeforeEach
  void start() {
    sandbox = SandboxSage.start(SandboxSageConfig.defaults().withClock(clock).withSeed(19));
    sandbox.registerClient(CLIENT_ID, CLIENT_SECRET);
    vault.initialise(TENANT, sandbox.issueRefreshToken(CLIENT_ID));
    gateway = SageAdapter.accountingGateway(vault, clock);
    connection =
        new SageConnection(
            TENANT,
            sandbox.apiBaseUrl(),
            sandbox.tokenUrl(),
            sandbox.defaultBusinessId(),
            CLIENT_ID,
            CLIENT_SECRET);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void fetchesTheSandboxReferenceDataThroughTheAdapter() {
    ReferenceData data = gateway.fetchReferenceData(connection, NOW);

    assertThat(data.fetchedAt()).isEqualTo(NOW);
    assertThat(data.baseCurrency()).isEqualTo("GBP");
    assertThat(data.businessCountry()).isEqualTo("GB");
    assertThat(data.taxRates())
        .extracting(TaxRate::id)
        .containsExactly("GB_STANDARD", "GB_LOWER", "GB_ZERO", "GB_EXEMPT", "GB_NO_TAX");
    assertThat(data.taxRate("GB_STANDARD").orElseThrow().percentage())
        .isEqualByComparingTo(new BigDecimal("20"));
    assertThat(data.taxRate("GB_LOWER").orElseThrow().percentage())
        .isEqualByComparingTo(new BigDecimal("5"));
    assertThat(data.taxRate("GB_STANDARD").orElseThrow().displayedAs())
        .isEqualTo("Standard 20.00%");
    assertThat(data.currencies()).contains("GBP", "EUR", "USD").doesNotHaveDuplicates();
    assertThat(data.bankAccounts())
        .containsExactly(
            new BankAccount(
                sandbox.bankAccountId(sandbox.defaultBusinessId()), "Bank Account (1200)", "GBP"));
  }

  @Test
  void ledgerAccountsCarryTheirSalesAndExpensesVisibility() {
    ReferenceData data = gateway.fetchReferenceData(connection, NOW);

    assertThat(data.ledgerAccount(sandbox.defaultSalesLedgerAccountId()))
        .contains(
            new LedgerAccount(
                sandbox.defaultSalesLedgerAccountId(),
                "Sales - Products (4000)",
                4000,
                true,
                false));
    assertThat(data.ledgerAccounts())
        .filteredOn(a -> a.visibleInExpenses() && !a.visibleInSales())
        .extracting(LedgerAccount::nominalCode)
        .contains(5000);
    assertThat(data.ledgerAccounts())
        .filteredOn(a -> a.visibleInSales() && a.visibleInExpenses())
        .extracting(LedgerAccount::displayedAs)
        .containsExactly("Carriage (5100)");
    assertThat(data.ledgerAccounts())
        .extracting(LedgerAccount::nominalCode)
        .doesNotContain(1200)
        .doesNotHaveDuplicates();
  }

  @Test
  void aBusinessAddedLaterIsReadThroughItsOwnXBusiness() {
    String other = "0d40342d0287cd6b13555c54afca6c90";
    sandbox.addBusiness(other, "IE", "EUR");
    SageConnection ie =
        new SageConnection(
            TENANT, connection.apiUrl(), connection.tokenUrl(), other, CLIENT_ID, CLIENT_SECRET);

    ReferenceData data = gateway.fetchReferenceData(ie, NOW);

    assertThat(data.baseCurrency()).isEqualTo("EUR");
    assertThat(data.businessCountry()).isEqualTo("IE");
    assertThat(data.bankAccounts()).extracting(BankAccount::currency).containsExactly("EUR");
  }

  @Test
  void anOutageOnOneListFailsTheWholeFetchAsTransient() {
    sandbox.failNext("/v3.1/ledger_accounts", 503, 1);

    GatewayException e =
        catchThrowableOfType(
            GatewayException.class, () -> gateway.fetchReferenceData(connection, NOW));

    assertThat(e).isNotNull();
    assertThat(e.isTransient()).isTrue();
    assertThat(e.errorClass()).isEqualTo(ErrorClass.PROVIDER);
    assertThat(e.operation()).isEqualTo("fetch_ledger_accounts");
  }

  @Test
  void sandboxPagesTheReferenceListsWithRelativeNextLinksKeepingTheQuery() {
    SageHttp http = new SageHttp(sandbox).authorised();
    List<String> ids = new ArrayList<>();
    String next = "/ledger_accounts?visible_in=sales&attributes=nominal_code&items_per_page=2";
    int pages = 0;
    while (next != null) {
      Resp page = http.get(next);
      assertThat(page.status()).isEqualTo(200);
      page.body().get("$items").forEach(i -> ids.add(i.get("id").asText()));
      assertThat(page.body().get("$items"))
          .allSatisfy(i -> assertThat(i.has("nominal_code")).isTrue())
          .allSatisfy(i -> assertThat(i.has("visible_in_expenses")).isFalse());
      next = page.body().get("$next").isNull() ? null : page.body().get("$next").asText();
      assertThat(next == null || !next.startsWith("/v3.1")).isTrue();
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void sandboxServesFinancialSettingsAndTheBusinessCountry() {
    SageHttp http = new SageHttp(sandbox).authorised();

    Resp settings = http.get("/financial_settings");
    Resp business = http.get("/businesses/" + sandbox.defaultBusinessId());

    assertThat(settings.body().get("base_currency").get("id").asText()).isEqualTo("GBP");
    assertThat(settings.body().get("accounts_start_date").asText()).isNotBlank();
    assertThat(business.body().get("country").get("id").asText()).isEqualTo("GB");
  }
}
