package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.service.ManagePolicyService;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemoryReferenceDataRepository;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings page over HTTP: the seven cards with drop-downs from the binding's reference cache,
 * errors beside their fields with the input kept, a preview that saves nothing, a save that makes
 * an audited version, the version history, tenant scoping and CSRF.
 */
class SettingsConsoleTest extends HttpInHarness {
  static final String A = "tenant-a";
  static final String B = "tenant-b";
  static final String PAGE = "/dashboard/settings/" + A;

  final InMemoryBindingRepository bindingRepo =
      new InMemoryBindingRepository(clock).with(A, "key-a").with(B, "key-b");
  final InMemoryPolicyRepository policies = new InMemoryPolicyRepository(clock);
  final InMemoryReferenceDataRepository reference = new InMemoryReferenceDataRepository();
  final ManagePolicyService manage = new ManagePolicyService(bindingRepo, policies, reference);
  final FakePreviewInvoiceUseCase preview = new FakePreviewInvoiceUseCase().bind(A).bind(B);

  static ReferenceData referenceData(java.time.Instant at) {
    return new ReferenceData(
        "GBP",
        "GB",
        List.of(
            new ReferenceData.TaxRate("GB_STANDARD", "Standard 20.00%", new BigDecimal("20.00")),
            new ReferenceData.TaxRate("GB_LOWER", "Lower Rate 5.00%", new BigDecimal("5.00")),
            new ReferenceData.TaxRate("GB_ZERO", "Zero Rated 0.00%", BigDecimal.ZERO)),
        List.of(
            new ReferenceData.LedgerAccount("sales-4000", "Sales Type A", 4000, true, false),
            new ReferenceData.LedgerAccount("purchase-5000", "Cost of sales", 5000, false, true)),
        List.of(new ReferenceData.BankAccount("bank-1200", "Current account", "GBP")),
        List.of("GBP", "EUR"),
        at);
  }

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    policies.save(A, SyncPolicy.defaults("sales-4000"));
    policies.save(B, SyncPolicy.defaults("sales-4000"));
    reference.store(A, referenceData(clock.instant()));
    return builder
        .managePolicy(manage)
        .preview(preview)
        .bindingDirectory(bindingRepo::list)
        .invoiceParser(SettingsConsoleTest::parseStoreInvoice);
  }

  /** Stands in for the store adapter's parser: knows one store invoice, 000000077 in EUR. */
  static io.ledgerbridge.core.canonical.CanonicalInvoice parseStoreInvoice(String json) {
    if (!json.contains("\"increment_id\":\"000000077\"")) {
      throw new IllegalArgumentException("not a canonical invoice");
    }
    var i = SettingsConsoleHandler.sampleInvoice("EUR", java.time.Clock.systemUTC());
    return new io.ledgerbridge.core.canonical.CanonicalInvoice(
        77,
        "000000077",
        i.orderId(),
        i.orderIncrementId(),
        i.websiteId(),
        i.storeId(),
        i.currency(),
        i.state(),
        i.customer(),
        i.lines(),
        i.subtotal(),
        i.taxAmount(),
        i.shippingAmount(),
        i.shippingTaxAmount(),
        i.discountAmount(),
        i.grandTotal(),
        i.createdAt(),
        i.paymentMethod(),
        i.billingAddress(),
        i.shippingAddress(),
        i.poNumber(),
        i.baseToOrderRate());
  }

  private HttpResponse<String> post(String path, String body, String cookie) throws Exception {
    return send(
        HttpRequest.newBuilder(adminUri(path))
            .header("Cookie", ConsoleAuth.COOKIE + "=" + cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** The page's form as a browser would submit it, ready to be edited. */
  private ConsoleForms form() throws Exception {
    return ConsoleForms.fromPage(get(PAGE).body(), PAGE);
  }

  private List<ConsoleAccessUseCase.AuditEntry> audit() {
    return access.auditLog(access.session(session).orElseThrow(), 50);
  }

  @Test
  void rendersTheSevenCardsWithDropDownsFromTheReferenceCache() throws Exception {
    HttpResponse<String> page = get(PAGE);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            ">Sync behaviour</h2>",
            ">Default mappings</h2>",
            ">Payment-method map</h2>",
            ">Tax-rate map</h2>",
            ">Commercial</h2>",
            ">Multi-currency</h2>",
            ">B2C consolidation</h2>")
        .contains(
            "<label for=\"f-default_tax_rate_id\">",
            "<select id=\"f-default_tax_rate_id\" name=\"default_tax_rate_id\"",
            "<option value=\"GB_STANDARD\" selected>Standard 20.00% (20%)</option>",
            "<option value=\"GB_LOWER\">Lower Rate 5.00% (5%)</option>",
            "<option value=\"sales-4000\" selected>4000 Sales Type A</option>",
            "<option value=\"purchase-5000\">5000 Cost of sales</option>",
            "<option value=\"bank-1200\">Current account (GBP)</option>",
            "<option value=\"~unpaid\">Leave unpaid</option>",
            "name=\"b2c_consolidation.fallback_contact_reference\" value=\"WEBSALES\"",
            "name=\"tax_rate_map.key\"",
            "name=\"product_type_eu_goods_map.key\" value=\"virtual\"")
        .contains("fetched at 2024-03-01 10:15:30Z");
    // the sales ledger select offers no purchase-only account
    String sales =
        page.body()
            .substring(
                page.body().indexOf("<select id=\"f-default_ledger_account_id\""),
                page.body()
                    .indexOf("</select>", page.body().indexOf("f-default_ledger_account_id\"")));
    assertThat(sales).contains("sales-4000").doesNotContain("purchase-5000");
    // every knob the codec knows is on the form
    for (String key : io.ledgerbridge.core.policy.PolicyCodec.KEYS) {
      if (!key.equals("b2c_consolidation")) {
        assertThat(page.body()).contains("name=\"" + key);
      }
    }
    for (String key : io.ledgerbridge.core.policy.PolicyCodec.B2C_KEYS) {
      assertThat(page.body()).contains("name=\"b2c_consolidation." + key + "\"");
    }
  }

  @Test
  void showsEachErrorBesideItsFieldAndKeepsTheInput() throws Exception {
    ConsoleForms form =
        form()
            .set("action", "save")
            .set("invoice_number_prefix", "FAR-TOO-LONG-PREFIX")
            .set("sync_since", "last tuesday");
    form.set("tax_rate_map.key", "5").set("tax_rate_map.value", "NOT_A_RATE");

    HttpResponse<String> page = post(PAGE, form.body(), session);

    assertThat(page.statusCode()).isEqualTo(422);
    assertThat(page.body())
        .contains(
            "id=\"f-invoice_number_prefix\" name=\"invoice_number_prefix\""
                + " value=\"FAR-TOO-LONG-PREFIX\" aria-describedby=\"f-invoice_number_prefix-hint"
                + " f-invoice_number_prefix-error\" aria-invalid=\"true\">")
        .contains(
            "<span class=\"field-error\" id=\"f-invoice_number_prefix-error\">is 19 characters")
        .contains(
            "value=\"last tuesday\" aria-describedby=\"f-sync_since-hint f-sync_since-error\"")
        .contains("id=\"f-sync_since-error\">must be an ISO-8601 instant")
        .contains("role=\"alert\"")
        .contains("<a href=\"#f-invoice_number_prefix\">");
    assertThat(policies.current(A).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void aMapRowNotInTheReferenceDataIsMarkedOnItsRow() throws Exception {
    ConsoleForms form = form().set("action", "save");
    form.set("tax_rate_map.key", "5").set("tax_rate_map.value", "NOT_A_RATE");

    HttpResponse<String> page = post(PAGE, form.body(), session);

    assertThat(page.statusCode()).isEqualTo(422);
    assertThat(page.body())
        .contains(
            "id=\"f-tax_rate_map-0-key\" name=\"tax_rate_map.key\" value=\"5\""
                + " aria-describedby=\"f-tax_rate_map-0-error\" aria-invalid=\"true\">")
        .contains("<option value=\"NOT_A_RATE\" selected>NOT_A_RATE (not in Sage reference data)")
        .contains("id=\"f-tax_rate_map-0-error\">&#39;NOT_A_RATE&#39; is not a Sage tax rate");
    assertThat(policies.current(A).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void previewShowsTheSampleUnderTheEditedPolicyAndSavesNothing() throws Exception {
    ConsoleForms form = form().set("action", "preview").set("invoice_number_prefix", "TRY-");
    form.set("tax_rate_map.key", "20").set("tax_rate_map.value", "GB_LOWER");
    preview.answer(
        new io.ledgerbridge.ports.in.PreviewInvoiceUseCase.InvoicePreview(
            "proceed",
            null,
            List.of(
                new io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PlannedRequest(
                    "POST", "/sales_invoices", "{\"reference\":\"TRY-SAMPLE-0001\"}", null)),
            List.of()));

    HttpResponse<String> page = post(PAGE, form.body(), session);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Preview under the edited settings (not saved)")
        .contains("built-in open invoice SAMPLE-0001 in GBP")
        .contains("POST /sales_invoices")
        .contains("TRY-SAMPLE-0001")
        .contains("name=\"invoice_number_prefix\" value=\"TRY-\"");
    var command = preview.commands().get(0);
    assertThat(command.tenantId()).isEqualTo(A);
    assertThat(command.policy().invoiceNumberPrefix()).isEqualTo("TRY-");
    assertThat(command.policy().taxRateMap()).containsEntry("20.00", "GB_LOWER");
    assertThat(command.invoice().currency()).isEqualTo("GBP");
    assertThat(policies.current(A).orElseThrow().version()).isEqualTo(1);
    assertThat(audit()).noneMatch(e -> e.action().startsWith("console.settings"));
  }

  @Test
  void saveWritesANewVersionAndAuditsIt() throws Exception {
    ConsoleForms form = form().set("action", "save").set("invoice_number_prefix", "LB-");
    form.set("payment_method_map.key", "checkmo").set("payment_method_map.value", "bank-1200");

    HttpResponse<String> saved = post(PAGE, form.body(), session);

    assertThat(saved.statusCode()).isEqualTo(303);
    assertThat(saved.headers().firstValue("Location")).contains(PAGE + "?saved=2");
    SyncPolicy now = policies.current(A).orElseThrow().policy();
    assertThat(policies.current(A).orElseThrow().version()).isEqualTo(2);
    assertThat(now.invoiceNumberPrefix()).isEqualTo("LB-");
    assertThat(now.paymentMethodMap().get("checkmo").bankAccountId()).isEqualTo("bank-1200");
    // everything else is unchanged by the round trip through the form
    assertThat(now.withCommercial(SyncPolicy.Commercial.defaults()).withPaymentMethodMap(null))
        .isEqualTo(SyncPolicy.defaults("sales-4000"));
    assertThat(audit())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("console.settings.save");
              assertThat(e.tenantId()).isEqualTo(A);
              assertThat(e.detail()).isEqualTo("version 2");
            });
    assertThat(get(PAGE + "?saved=2").body()).contains("Saved as version 2.");
  }

  @Test
  void leaveUnpaidIsAMappingToNone() throws Exception {
    ConsoleForms form = form().set("action", "save");
    form.set("payment_method_map.key", "banktransfer").set("payment_method_map.value", "~unpaid");

    assertThat(post(PAGE, form.body(), session).statusCode()).isEqualTo(303);

    assertThat(policies.current(A).orElseThrow().policy().paymentMethodMap().get("banktransfer"))
        .isEqualTo(SyncPolicy.PaymentMapping.leaveUnpaid());
    assertThat(get(PAGE).body())
        .contains("value=\"banktransfer\"")
        .contains("<option value=\"~unpaid\" selected>Leave unpaid</option>");
  }

  @Test
  void listsTheVersionsAndShowsOneAsJson() throws Exception {
    clock.advance(Duration.ofMinutes(2));
    post(PAGE, form().set("action", "save").set("invoice_number_prefix", "V2-").body(), session);

    HttpResponse<String> list = get(PAGE + "/versions");
    HttpResponse<String> one = get(PAGE + "/versions/2");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("<a href=\"/dashboard/settings/tenant-a/versions/2\">Show version 2</a>")
        .contains("<a href=\"/dashboard/settings/tenant-a/versions/1\">Show version 1</a>")
        .contains("current");
    assertThat(list.body().indexOf("versions/2")).isLessThan(list.body().indexOf("versions/1"));
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).contains("&quot;invoice_number_prefix&quot; : &quot;V2-&quot;");
    assertThat(get(PAGE + "/versions/9").statusCode()).isEqualTo(404);
    assertThat(get(PAGE + "/versions/x").statusCode()).isEqualTo(404);
  }

  @Test
  void anOperatorPicksABinding() throws Exception {
    HttpResponse<String> page = get("/dashboard/settings");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<a href=\"/dashboard/settings/tenant-a\">")
        .contains("<a href=\"/dashboard/settings/tenant-b\">");
  }

  @Test
  void aMerchantSeesOnlyItsOwnSettings() throws Exception {
    access.addUser("m1", ConsoleAccessUseCase.Role.MERCHANT, A, "a long password 1");
    session = signIn("m1", "a long password 1");

    HttpResponse<String> pick = get("/dashboard/settings");
    HttpResponse<String> own = get(PAGE);
    HttpResponse<String> other = get("/dashboard/settings/" + B);
    HttpResponse<String> otherVersions = get("/dashboard/settings/" + B + "/versions");
    String csrf = ConsoleForms.csrf(own.body());
    HttpResponse<String> otherSave =
        post(
            "/dashboard/settings/" + B,
            new ConsoleForms().add("csrf", csrf).add("action", "save").body(),
            session);

    assertThat(pick.statusCode()).isEqualTo(303);
    assertThat(pick.headers().firstValue("Location")).contains(PAGE);
    assertThat(pick.headers().firstValue("Location")).contains(PAGE);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(otherVersions.statusCode()).isEqualTo(404);
    assertThat(otherSave.statusCode()).isEqualTo(404);
    assertThat(policies.current(B).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
    ConsoleForms form = form().set("action", "save").set("invoice_number_prefix", "X-");
    form.set("csrf", "not-the-token");

    HttpResponse<String> refused = post(PAGE, form.body(), session);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(policies.current(A).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void withoutReferenceDataTheIdsAreTypedAndTheProblemSaid() throws Exception {
    HttpResponse<String> page = get("/dashboard/settings/" + B);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("No Sage reference data is cached")
        .contains(
            "<input type=\"text\" id=\"f-default_tax_rate_id\" name=\"default_tax_rate_id\""
                + " value=\"GB_STANDARD\"");
  }

  @Test
  void anUnknownTenantIs404() throws Exception {
    assertThat(get("/dashboard/settings/nobody").statusCode()).isEqualTo(404);
  }

  @Test
  void aPreviewSageDoesNotAnswerSaysSoAndKeepsTheInput() throws Exception {
    preview.failWith(
        new io.ledgerbridge.core.failure.TransientGatewayException(
            "sage",
            "contacts.search",
            503,
            null,
            io.ledgerbridge.core.failure.ErrorClass.PROVIDER,
            "down",
            null,
            null));
    ConsoleForms form = form().set("action", "preview").set("invoice_number_prefix", "TRY-");

    HttpResponse<String> page = post(PAGE, form.body(), session);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Sage did not answer as expected")
        .contains("name=\"invoice_number_prefix\" value=\"TRY-\"");
    assertThat(policies.current(A).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void previewsTheLatestSyncedInvoiceAsIfItWereNewWhenItsStoreDocumentWasRecorded()
      throws Exception {
    java.time.Instant t = clock.instant().minusSeconds(60);
    io.ledgerbridge.core.syncrun.SyncRun run =
        io.ledgerbridge.core.syncrun.SyncRun.accepted(
                java.util.UUID.randomUUID(),
                A,
                io.ledgerbridge.core.syncrun.EventType.INVOICE_CREATED,
                77,
                "invoice.created:77",
                1,
                t)
            .start(t)
            .succeed("sage-77", "SI-77", t.plusSeconds(1));
    runs.insert(run);
    attempts.recordExchanges(
        List.of(
            new io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange(
                run.id(),
                1,
                t,
                1,
                "store",
                "invoice.get",
                "GET",
                "https://shop/invoice/77",
                200,
                5,
                null,
                false,
                "{\"customer\":{}}",
                false),
            new io.ledgerbridge.ports.out.SyncAttemptRepository.SyncExchange(
                run.id(),
                1,
                t,
                2,
                "store",
                "invoice.get",
                "GET",
                "https://shop/invoice/77",
                200,
                5,
                null,
                false,
                "{\"increment_id\":\"000000077\"}",
                false)));

    HttpResponse<String> page = post(PAGE, form().set("action", "preview").body(), session);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Sample: store invoice 000000077 in EUR, the latest invoice synced")
        .contains(run.id().toString());
    var command = preview.commands().get(0);
    assertThat(command.invoice().incrementId()).isEqualTo("000000077");
    assertThat(command.invoice().magentoId()).isEqualTo(SettingsConsoleHandler.SAMPLE_ID);
  }
}
