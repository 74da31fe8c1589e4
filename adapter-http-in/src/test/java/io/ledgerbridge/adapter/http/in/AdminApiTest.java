package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.InvoicePreview;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PlannedRequest;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PreviewCommand;
import io.ledgerbridge.ports.service.BindingSecretScrubbers;
import io.ledgerbridge.ports.service.QuerySyncRunsService;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin API over real HTTP with fake use cases and a fake settings codec, so these tests do not
 * depend on {@link PolicyCodec}'s knob list.
 */
class AdminApiTest extends HttpInHarness {

  private static final String TOKEN = "s3cret-admin-token-0123456789abcdef";
  private static final String OTHER = "other-tenant";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final String INVOICE =
      "{\"magento_id\":42,\"increment_id\":\"000000042\",\"grand_total\":119.90,"
          + "\"currency\":\"GBP\"}";

  private static final ReferenceData REFERENCE =
      new ReferenceData(
          "GBP",
          "GB",
          List.of(
              new ReferenceData.TaxRate("GB_STANDARD", "Standard 20.00%", new BigDecimal("20.00")),
              new ReferenceData.TaxRate("GB_ZERO", "Zero 0.00%", BigDecimal.ZERO)),
          List.of(new ReferenceData.LedgerAccount("L4000", "Sales", 4000, true, false)),
          List.of(
              new ReferenceData.BankAccount("B1", "Current", "GBP"),
              new ReferenceData.BankAccount("B2", "Euro", "EUR"),
              new ReferenceData.BankAccount("B3", "Card", "GBP")),
          List.of("GBP", "EUR", "USD", "CHF"),
          Instant.parse("2026-04-29T10:11:12Z"));

  private final FakeManagePolicyUseCase policies =
      new FakeManagePolicyUseCase()
          .bind(TENANT, new PolicySnapshot(3, SyncPolicy.defaults("L4000")));
  private final FakeRefreshReferenceDataUseCase refresh =
      new FakeRefreshReferenceDataUseCase().bind(TENANT, REFERENCE);
  private final FakePreviewInvoiceUseCase previews = new FakePreviewInvoiceUseCase().bind(TENANT);
  private final List<String> parsedInvoices = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> decoded = new CopyOnWriteArrayList<>();

  @Override
  int maxBodyBytes() {
    return 16 * 1024;
  }

  @Override
  HttpInAdapter.Builder configure(HttpInAdapter.Builder builder) {
    return builder
        .adminToken(TOKEN)
        .managePolicy(policies)
        .refreshReference(refresh)
        .preview(previews)
        .invoiceParser(this::parseInvoice)
        .paymentParser(AdminApiTest::parsePayment)
        .creditMemoParser(AdminApiTest::parseCreditMemo)
        .productParser(AdminApiTest::parseProduct)
        .customerParser(AdminApiTest::parseCustomer)
        .policyCodec(AdminApiTest::encode, this::decode);
  }

  /** Stands in for the store adapter's payment parser: needs invoice_id. */
  static io.ledgerbridge.core.canonical.CanonicalPayment parsePayment(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    if (!root.path("invoice_id").isIntegralNumber()) {
      throw new IllegalArgumentException("invoice_id is missing");
    }
    return new io.ledgerbridge.core.canonical.CanonicalPayment(
        root.get("invoice_id").longValue(),
        "000000042",
        "checkmo",
        "GBP",
        BigDecimal.TEN,
        Instant.parse("2026-04-29T10:11:12Z"),
        null,
        List.of());
  }

  /** Stands in for the store adapter's customer parser: needs a positive magento_id. */
  static io.ledgerbridge.core.canonical.CanonicalContact parseCustomer(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    if (root.path("magento_id").asLong(0) <= 0) {
      throw new IllegalArgumentException("magento_id is missing");
    }
    return new io.ledgerbridge.core.canonical.CanonicalContact(
        root.get("magento_id").longValue(),
        "jane@example.com",
        "Jane",
        "Doe",
        null,
        null,
        1,
        1,
        List.of(),
        null,
        null);
  }

  /** Stands in for the store adapter's product parser: needs magento_id and sku. */
  static io.ledgerbridge.core.canonical.CanonicalProduct parseProduct(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    if (!root.path("sku").isTextual()) {
      throw new IllegalArgumentException("sku is missing");
    }
    return new io.ledgerbridge.core.canonical.CanonicalProduct(
        root.path("magento_id").asLong(1),
        root.get("sku").textValue(),
        "Bottle",
        "simple",
        BigDecimal.TEN,
        null,
        null,
        null,
        BigDecimal.ONE,
        true,
        "2",
        List.of(1),
        null,
        null);
  }

  /** Stands in for the store adapter's credit memo parser: needs magento_id. */
  static io.ledgerbridge.core.canonical.CanonicalCreditMemo parseCreditMemo(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    if (!root.path("magento_id").isIntegralNumber()) {
      throw new IllegalArgumentException("magento_id is missing");
    }
    return new io.ledgerbridge.core.canonical.CanonicalCreditMemo(
        root.get("magento_id").longValue(),
        "100000009",
        null,
        null,
        1,
        "GBP",
        new io.ledgerbridge.core.canonical.CanonicalContact(
            0, "a@example.com", null, null, null, null, 0, null, List.of(), null, null),
        List.of(),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.TEN,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        null,
        Instant.parse("2026-04-29T10:11:12Z"),
        null,
        null);
  }

  // ------------------------------------------------------------------ fakes of the codec and
  // parser

  /** Stands in for PolicyCodec.encode: a few knobs of several JSON types. */
  static Map<String, Object> encode(SyncPolicy policy) {
    Map<String, Object> knobs = new LinkedHashMap<>();
    knobs.put("sync_unpaid_invoices", policy.behaviour().syncUnpaidInvoices());
    knobs.put("sync_since", null);
    knobs.put("website_filter", List.of(1, 2));
    knobs.put("default_ledger_account_id", policy.mappings().defaultLedgerAccountId());
    knobs.put("tax_rate_map", Map.of("20.00", "GB_STANDARD"));
    knobs.put("b2c_threshold", new BigDecimal("100.00"));
    return knobs;
  }

  /** Stands in for PolicyCodec.decode: requires default_ledger_account_id. */
  private PolicyCodec.Decoded decode(Map<String, Object> knobs) {
    decoded.add(knobs);
    Object ledger = knobs.get("default_ledger_account_id");
    if (ledger instanceof String id) {
      return new PolicyCodec.Valid(SyncPolicy.defaults(id));
    }
    return new PolicyCodec.Invalid(
        List.of(new FieldError("default_ledger_account_id", "required", "is required")));
  }

  private CanonicalInvoice parseInvoice(String json) {
    parsedInvoices.add(json);
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON", e);
    }
    JsonNode id = root.get("magento_id");
    if (id == null || !id.isIntegralNumber() || id.longValue() <= 0) {
      throw new IllegalArgumentException("magento_id must be a positive integer");
    }
    return new CanonicalInvoice(
        id.longValue(),
        root.path("increment_id").asText("x"),
        1,
        "1",
        1,
        1,
        "GBP",
        InvoiceState.PAID,
        new CanonicalContact(
            0, "a@example.com", "A", "B", null, null, 1, null, List.of(), null, null),
        List.of(),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        new BigDecimal("119.90"),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  // ------------------------------------------------------------------ helpers

  private HttpRequest.Builder admin(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN);
  }

  private HttpResponse<String> adminGet(String path) throws Exception {
    return send(admin(path).GET().build());
  }

  private HttpResponse<String> adminPut(String path, String body) throws Exception {
    return send(
        admin(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> adminPost(String path, String body) throws Exception {
    return send(
        admin(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static String policyPath(String tenant) {
    return "/admin/bindings/" + tenant + "/policy";
  }

  private HttpInAdapter startOther(HttpInAdapter.Builder builder) {
    return builder
        .adminListener(HttpInConfig.of("127.0.0.1", 0))
        .accept(accept)
        .authenticator(authenticator)
        .query(
            new QuerySyncRunsService(
                runs, attempts, new BindingSecretScrubbers(new InMemoryBindingRepository(), null)))
        .health(healthy::get)
        .start();
  }

  // ------------------------------------------------------------------ policy

  @Test
  void getPolicyAnswersTheVersionAndTheEncodedSettings() throws Exception {
    HttpResponse<String> response = adminGet(policyPath(TENANT));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = json(response);
    assertThat(body.get("version").intValue()).isEqualTo(3);
    JsonNode policy = body.get("policy");
    assertThat(policy.get("sync_unpaid_invoices").booleanValue()).isTrue();
    assertThat(policy.get("sync_since").isNull()).isTrue();
    assertThat(policy.get("website_filter").toString()).isEqualTo("[1,2]");
    assertThat(policy.get("default_ledger_account_id").textValue()).isEqualTo("L4000");
    assertThat(policy.get("tax_rate_map").get("20.00").textValue()).isEqualTo("GB_STANDARD");
    assertThat(response.body()).contains("\"b2c_threshold\":100.00");
  }

  @Test
  void getPolicyOfAnUnknownTenantIs404UnknownBinding() throws Exception {
    HttpResponse<String> response = adminGet(policyPath("nobody"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"unknown_binding\"}");
  }

  @Test
  void putPolicySavesTheSettingsDocumentAndAnswersTheNewVersion() throws Exception {
    String settings =
        "{\"default_ledger_account_id\":\"L4010\",\"sync_unpaid_invoices\":false,"
            + "\"b2c_threshold\":100.50,\"website_filter\":[1,2],\"sync_since\":null,"
            + "\"tax_rate_map\":{\"20\":\"GB_STANDARD\",\"5.0\":\"GB_LOWER\"},"
            + "\"big\":123456789012345678901234567890}";

    HttpResponse<String> response = adminPut(policyPath(TENANT), settings);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("version").intValue()).isEqualTo(4);
    assertThat(body.get("policy").get("default_ledger_account_id").textValue()).isEqualTo("L4010");

    Map<String, Object> knobs = policies.submitted().get(0);
    assertThat(new ArrayList<>(knobs.keySet()))
        .containsExactly(
            "default_ledger_account_id",
            "sync_unpaid_invoices",
            "b2c_threshold",
            "website_filter",
            "sync_since",
            "tax_rate_map",
            "big");
    assertThat(knobs.get("sync_unpaid_invoices")).isEqualTo(Boolean.FALSE);
    assertThat(knobs.get("b2c_threshold")).isEqualTo(new BigDecimal("100.50"));
    assertThat(knobs.get("website_filter")).isEqualTo(List.of(1L, 2L));
    assertThat(knobs).containsEntry("sync_since", null);
    assertThat(knobs.get("tax_rate_map"))
        .isInstanceOf(LinkedHashMap.class)
        .isEqualTo(Map.of("20", "GB_STANDARD", "5.0", "GB_LOWER"));
    assertThat(knobs.get("big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
  }

  @Test
  void putPolicyWithFieldErrorsIs422InvalidPolicyAndSavesNothing() throws Exception {
    policies.rejectWith(
        List.of(
            new FieldError("default_tax_rate_id", "not_in_reference", "no such tax rate"),
            new FieldError("tax_rate_map.abc", "invalid_format", "key must be a percentage")));

    HttpResponse<String> response =
        adminPut(policyPath(TENANT), "{\"default_tax_rate_id\":\"NOPE\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode body = json(response);
    assertThat(body.get("error").textValue()).isEqualTo("invalid_policy");
    assertThat(body.get("errors")).hasSize(2);
    assertThat(body.get("errors").get(0).get("field").textValue()).isEqualTo("default_tax_rate_id");
    assertThat(body.get("errors").get(0).get("code").textValue()).isEqualTo("not_in_reference");
    assertThat(body.get("errors").get(0).get("message").textValue()).isEqualTo("no such tax rate");
    assertThat(body.get("errors").get(1).get("code").textValue()).isEqualTo("invalid_format");
    assertThat(policies.current(TENANT).version()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"a\":1}{", "{\"a\":1,\"a\":2}", "nope", ""})
  void putPolicyWithMalformedJsonIs400(String body) throws Exception {
    HttpResponse<String> response = adminPut(policyPath(TENANT), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").textValue()).isEqualTo("malformed_json");
    assertThat(policies.submitted()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"policy\"", "42", "null"})
  void putPolicyWithABodyThatIsNotAnObjectIs400(String body) throws Exception {
    HttpResponse<String> response = adminPut(policyPath(TENANT), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").textValue()).isEqualTo("invalid_request");
    assertThat(policies.submitted()).isEmpty();
  }

  @Test
  void putPolicyWithABodyOverTheLimitIs413() throws Exception {
    String big = "{\"x\":\"" + "a".repeat(maxBodyBytes()) + "\"}";

    HttpResponse<String> response = adminPut(policyPath(TENANT), big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("error").textValue()).isEqualTo("body_too_large");
    assertThat(policies.submitted()).isEmpty();
  }

  @Test
  void putPolicyForAnUnknownTenantIs404UnknownBinding() throws Exception {
    HttpResponse<String> response = adminPut(policyPath(OTHER), "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"unknown_binding\"}");
  }

  @ParameterizedTest
  @CsvSource({
    "DELETE, /policy, 'GET, PUT'",
    "POST, /policy, 'GET, PUT'",
    "GET, /reference/refresh, POST",
    "GET, /preview, POST"
  })
  void aWrongMethodIs405WithAllow(String method, String suffix, String allow) throws Exception {
    HttpResponse<String> response =
        send(
            admin("/admin/bindings/" + TENANT + suffix)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue(allow);
  }

  // ------------------------------------------------------------------ reference

  @Test
  void refreshAnswersASummaryOfTheFetchedReferenceData() throws Exception {
    HttpResponse<String> response =
        adminPost("/admin/bindings/" + TENANT + "/reference/refresh", "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"fetched_at\":\"2026-04-29T10:11:12Z\",\"base_currency\":\"GBP\","
                + "\"business_country\":\"GB\",\"tax_rates\":2,\"ledger_accounts\":1,"
                + "\"bank_accounts\":3,\"currencies\":4}");
  }

  @Test
  void refreshThatSageFailsIs502SageUnavailableWithTheGatewayMessage() throws Exception {
    refresh.failWith(
        new TransientGatewayException(
            "sage",
            "fetchReferenceData",
            503,
            "req-1",
            ErrorClass.PROVIDER,
            "Sage answered 503 on GET /tax_rates",
            "{\"$severity\":\"error\"}",
            null));

    HttpResponse<String> response =
        adminPost("/admin/bindings/" + TENANT + "/reference/refresh", "");

    assertThat(response.statusCode()).isEqualTo(502);
    JsonNode body = json(response);
    assertThat(body.get("error").textValue()).isEqualTo("sage_unavailable");
    assertThat(body.get("message").textValue()).isEqualTo("Sage answered 503 on GET /tax_rates");
    assertThat(response.body()).doesNotContain("severity");
  }

  @Test
  void refreshOfAnUnknownTenantIs404UnknownBinding() throws Exception {
    HttpResponse<String> response =
        adminPost("/admin/bindings/" + OTHER + "/reference/refresh", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"unknown_binding\"}");
  }

  // ------------------------------------------------------------------ preview

  @Test
  void previewOfABareCanonicalInvoiceUsesTheBindingsPolicyAndAnswersParsedRequestBodies()
      throws Exception {
    previews.answer(
        new InvoicePreview(
            "proceed",
            null,
            List.of(
                new PlannedRequest(
                    "GET", "/contacts?contact_type_id=CUSTOMER&search=C1", null, "look up"),
                new PlannedRequest(
                    "POST",
                    "/sales_invoices",
                    "{\"sales_invoice\":{\"total_amount\":\"119.90\"}}",
                    "idempotency")),
            List.of("name_truncated: contact name cut to 100 characters")));

    HttpResponse<String> response = adminPost("/admin/bindings/" + TENANT + "/preview", INVOICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(parsedInvoices).containsExactly(INVOICE);
    PreviewCommand command = previews.commands().get(0);
    assertThat(command.tenantId()).isEqualTo(TENANT);
    assertThat(command.invoice().magentoId()).isEqualTo(42L);
    assertThat(command.policy()).isNull();
    assertThat(decoded).isEmpty();

    JsonNode body = json(response);
    assertThat(body.get("decision").textValue()).isEqualTo("proceed");
    assertThat(body.get("reason").isNull()).isTrue();
    JsonNode requests = body.get("requests");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).get("method").textValue()).isEqualTo("GET");
    assertThat(requests.get(0).get("body").isNull()).isTrue();
    assertThat(requests.get(1).get("path").textValue()).isEqualTo("/sales_invoices");
    assertThat(requests.get(1).get("note").textValue()).isEqualTo("idempotency");
    assertThat(requests.get(1).get("body").isObject()).isTrue();
    assertThat(requests.get(1).get("body").get("sales_invoice").get("total_amount").textValue())
        .isEqualTo("119.90");
    assertThat(body.get("warnings").get(0).textValue()).startsWith("name_truncated");
  }

  @Test
  void previewOfAWrappedInvoiceWithAPolicyTriesThatPolicy() throws Exception {
    previews.answer(new InvoicePreview("skip", "zero_value", List.of(), List.of()));
    String body =
        "{\"invoice\":" + INVOICE + ",\"policy\":{\"default_ledger_account_id\":\"L4020\"}}";

    HttpResponse<String> response = adminPost("/admin/bindings/" + TENANT + "/preview", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"decision\":\"skip\",\"reason\":\"zero_value\",\"requests\":[],\"warnings\":[]}");
    assertThat(JSON.readTree(parsedInvoices.get(0))).isEqualTo(JSON.readTree(INVOICE));
    assertThat(parsedInvoices.get(0)).contains("119.90");
    assertThat(decoded).containsExactly(Map.of("default_ledger_account_id", "L4020"));
    PreviewCommand command = previews.commands().get(0);
    assertThat(command.policy()).isEqualTo(SyncPolicy.defaults("L4020"));
  }

  @Test
  void previewOfAWrappedInvoiceWithoutPolicyUsesTheBindingsPolicy() throws Exception {
    HttpResponse<String> response =
        adminPost(
            "/admin/bindings/" + TENANT + "/preview",
            "{\"invoice\":" + INVOICE + ",\"policy\":null}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(previews.commands().get(0).policy()).isNull();
    assertThat(decoded).isEmpty();
  }

  @Test
  void previewOfAPaymentWithItsInvoicePreviewsTheInvoicePaidEvent() throws Exception {
    previews.answer(new InvoicePreview("wait", "invoice not in Sage yet", List.of(), List.of()));
    HttpResponse<String> response =
        adminPost(
            "/admin/bindings/" + TENANT + "/preview",
            "{\"payment\":{\"invoice_id\":42},\"invoice\":" + INVOICE + "}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("decision").textValue()).isEqualTo("wait");
    assertThat(previews.otherCommands())
        .singleElement()
        .isInstanceOfSatisfying(
            PreviewInvoiceUseCase.PaymentPreviewCommand.class,
            c -> {
              assertThat(c.payment().invoiceId()).isEqualTo(42);
              assertThat(c.invoice()).isNotNull();
              assertThat(c.policy()).isNull();
            });
    assertThat(previews.commands()).isEmpty();
  }

  @Test
  void previewOfACreditMemoWithAPolicyTriesThatPolicy() throws Exception {
    HttpResponse<String> response =
        adminPost(
            "/admin/bindings/" + TENANT + "/preview",
            "{\"credit_memo\":{\"magento_id\":9},\"policy\":{\"default_ledger_account_id\":\"L7\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(previews.otherCommands())
        .singleElement()
        .isInstanceOfSatisfying(
            PreviewInvoiceUseCase.CreditMemoPreviewCommand.class,
            c -> {
              assertThat(c.memo().magentoId()).isEqualTo(9);
              assertThat(c.invoice()).isNull();
              assertThat(c.policy()).isEqualTo(SyncPolicy.defaults("L7"));
            });
  }

  @Test
  void previewOfAProductWithAPolicyPreviewsTheProductUpsertedEvent() throws Exception {
    HttpResponse<String> response =
        adminPost(
            "/admin/bindings/" + TENANT + "/preview",
            "{\"product\":{\"magento_id\":42,\"sku\":\"WB-01\"},"
                + "\"policy\":{\"default_ledger_account_id\":\"L7\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(previews.otherCommands())
        .singleElement()
        .isInstanceOfSatisfying(
            PreviewInvoiceUseCase.ProductPreviewCommand.class,
            c -> {
              assertThat(c.product().magentoId()).isEqualTo(42);
              assertThat(c.product().sku()).isEqualTo("WB-01");
              assertThat(c.policy()).isEqualTo(SyncPolicy.defaults("L7"));
            });
    assertThat(previews.commands()).isEmpty();
  }

  @Test
  void previewOfACustomerWithAPolicyPreviewsTheCustomerUpsertedEvent() throws Exception {
    HttpResponse<String> response =
        adminPost(
            "/admin/bindings/" + TENANT + "/preview",
            "{\"customer\":{\"magento_id\":5},"
                + "\"policy\":{\"default_ledger_account_id\":\"L7\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(previews.otherCommands())
        .singleElement()
        .isInstanceOfSatisfying(
            PreviewInvoiceUseCase.CustomerPreviewCommand.class,
            c -> {
              assertThat(c.customer().magentoId()).isEqualTo(5);
              assertThat(c.policy()).isEqualTo(SyncPolicy.defaults("L7"));
            });
    assertThat(previews.commands()).isEmpty();
  }

  @Test
  void previewOfAnInvalidCustomerIs422InvalidCustomer() throws Exception {
    HttpResponse<String> response =
        adminPost("/admin/bindings/" + TENANT + "/preview", "{\"customer\":{\"email\":\"x\"}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).get("error").textValue()).isEqualTo("invalid_customer");
    assertThat(previews.otherCommands()).isEmpty();
  }

  @Test
  void previewOfAnInvalidProductIs422InvalidProduct() throws Exception {
    HttpResponse<String> response =
        adminPost("/admin/bindings/" + TENANT + "/preview", "{\"product\":{\"magento_id\":42}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).get("error").textValue()).isEqualTo("invalid_product");
    assertThat(json(response).get("message").textValue()).isEqualTo("sku is missing");
    assertThat(previews.otherCommands()).isEmpty();
  }

  @Test
  void previewOfAnInvalidPaymentIs422InvalidPayment() throws Exception {
    HttpResponse<String> response =
        adminPost("/admin/bindings/" + TENANT + "/preview", "{\"payment\":{\"x\":1}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json(response).get("error").textValue()).isEqualTo("invalid_payment");
    assertThat(json(response).get("message").textValue()).isEqualTo("invoice_id is missing");
    assertThat(previews.otherCommands()).isEmpty();
  }

  @Test
  void previewOfAnInvalidCanonicalInvoiceIs422InvalidInvoice() throws Exception {
    HttpResponse<String> response =
        adminPost("/admin/bindings/" + TENANT + "/preview", "{\"increment_id\":\"1\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode body = json(response);
    assertThat(body.get("error").textValue()).isEqualTo("invalid_invoice");
    assertThat(body.get("message").textValue()).isEqualTo("magento_id must be a positive integer");
    assertThat(previews.commands()).isEmpty();
  }

  @Test
  void previewWithAnInvalidPolicyOverrideIs422InvalidPolicyWithFieldErrors() throws Exception {
    HttpResponse<String> response =
        adminPost(
            "/admin/bindings/" + TENANT + "/preview",
            "{\"invoice\":" + INVOICE + ",\"policy\":{\"sync_products\":true}}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"invalid_policy\",\"errors\":[{\"field\":\"default_ledger_account_id\","
                + "\"code\":\"required\",\"message\":\"is required\"}]}");
    assertThat(previews.commands()).isEmpty();
  }

  @Test
  void previewWithAPolicyThatIsNotAnObjectIs400() throws Exception {
    HttpResponse<String> response =
        adminPost(
            "/admin/bindings/" + TENANT + "/preview",
            "{\"invoice\":" + INVOICE + ",\"policy\":[1]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").textValue()).isEqualTo("invalid_request");
  }

  @Test
  void previewWithMalformedJsonIs400() throws Exception {
    HttpResponse<String> response = adminPost("/admin/bindings/" + TENANT + "/preview", "{\"a\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").textValue()).isEqualTo("malformed_json");
    assertThat(parsedInvoices).isEmpty();
  }

  @Test
  void previewForAnUnknownTenantIs404UnknownBinding() throws Exception {
    HttpResponse<String> response = adminPost("/admin/bindings/" + OTHER + "/preview", INVOICE);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":\"unknown_binding\"}");
  }

  // ------------------------------------------------------------------ authentication and gating

  @ParameterizedTest
  @ValueSource(strings = {"/policy", "/reference/refresh", "/preview"})
  void aRequestWithoutTheAdminTokenIs401AndReachesNoUseCase(String suffix) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/admin/bindings/" + TENANT + suffix))
                .method(
                    suffix.equals("/policy") ? "PUT" : "POST",
                    HttpRequest.BodyPublishers.ofString(INVOICE))
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(policies.submitted()).isEmpty();
    assertThat(previews.commands()).isEmpty();
    assertThat(parsedInvoices).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer wrong-token",
        "Bearer " + TOKEN + "x",
        "Bearer s3cret-admin-token",
        "Basic " + TOKEN,
        TOKEN,
        "Bearer ",
        "Bearer " + TOKEN + " " + TOKEN
      })
  void aWrongAdminTokenIs401(String authorization) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(policyPath(TENANT)))
                .header("Authorization", authorization)
                .GET()
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(policyPath(TENANT)))
                .header("Authorization", "bearer " + TOKEN)
                .GET()
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void twoAuthorizationHeadersAre401() throws Exception {
    HttpResponse<String> response =
        send(admin(policyPath(TENANT)).header("Authorization", "Bearer " + TOKEN).GET().build());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void anUnauthenticatedRequestForAnUnknownAdminPathIs401NotARouteHint() throws Exception {
    HttpResponse<String> response = get("/admin/secret-things");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/admin",
        "/admin/",
        "/admin/bindings",
        "/admin/bindings/",
        "/admin/bindings//policy",
        "/admin/bindings/t/policy/",
        "/admin/bindings/t/reference",
        "/admin/bindings/t/refresh",
        "/admin/bindings/t/x/policy",
        "/admin/bindings/%C3%28/policy",
        "/admin/bindings/%20/policy"
      })
  void anAuthenticatedRequestForAnUnknownAdminPathIs404(String path) throws Exception {
    HttpResponse<String> response = adminGet(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).get("error").textValue()).isEqualTo("not_found");
  }

  @Test
  void withoutAnAdminTokenTheAdminApiIsDisabled() throws Exception {
    try (HttpInAdapter other =
        startOther(
            HttpInAdapter.builder(HttpInConfig.of("127.0.0.1", 0))
                .managePolicy(policies)
                .refreshReference(refresh)
                .preview(previews)
                .invoiceParser(this::parseInvoice)
                .policyCodec(AdminApiTest::encode, this::decode))) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + other.adminPort() + policyPath(TENANT)))
                  .header("Authorization", "Bearer " + TOKEN)
                  .GET()
                  .build());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"error\":\"admin_api_disabled\"}");
    }
  }

  @ParameterizedTest
  @CsvSource({"GET, /policy", "POST, /reference/refresh", "POST, /preview"})
  void aRouteWhoseUseCaseIsNotConfiguredIs404(String method, String suffix) throws Exception {
    try (HttpInAdapter other =
        startOther(HttpInAdapter.builder(HttpInConfig.of("127.0.0.1", 0)).adminToken(TOKEN))) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + other.adminPort()
                              + "/admin/bindings/"
                              + TENANT
                              + suffix))
                  .header("Authorization", "Bearer " + TOKEN)
                  .method(method, HttpRequest.BodyPublishers.ofString(INVOICE))
                  .build());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).get("error").textValue()).isEqualTo("not_found");
    }
  }

  @Test
  void previewWithoutAnInvoiceParserIsNotConfigured() throws Exception {
    try (HttpInAdapter other =
        startOther(
            HttpInAdapter.builder(HttpInConfig.of("127.0.0.1", 0))
                .adminToken(TOKEN)
                .preview(previews))) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + other.adminPort()
                              + "/admin/bindings/"
                              + TENANT
                              + "/preview"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString(INVOICE))
                  .build());

      assertThat(response.statusCode()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "evil%0D%0AX-Injected:%201",
        "%22%7D%2C%22error%22%3A%22pwned",
        "%E2%80%AEtenant"
      })
  void hostileTenantIdsAreNeverReflected(String encodedTenant) throws Exception {
    for (HttpResponse<String> response :
        List.of(
            adminGet(policyPath(encodedTenant)),
            adminPut(policyPath(encodedTenant), "{}"),
            adminPost("/admin/bindings/" + encodedTenant + "/reference/refresh", ""),
            adminPost("/admin/bindings/" + encodedTenant + "/preview", INVOICE))) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"error\":\"unknown_binding\"}");
      assertThat(response.headers().map().keySet())
          .noneMatch(h -> h.equalsIgnoreCase("X-Injected"));
    }
  }

  @Test
  void anOverlongTenantIdIs404WithoutReachingTheUseCase() throws Exception {
    HttpResponse<String> response = adminGet(policyPath("t".repeat(129)));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain("ttt");
  }

  @Test
  void aPercentEncodedTenantIsDecodedBeforeTheLookup() throws Exception {
    policies.bind("acme shop/eu", new PolicySnapshot(1, SyncPolicy.defaults("L1")));

    HttpResponse<String> response = adminGet(policyPath("acme%20shop%2Feu"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("version").intValue()).isEqualTo(1);
  }

  @Test
  void theBuilderRejectsABlankOrWhitespaceAdminToken() {
    HttpInAdapter.Builder builder = HttpInAdapter.builder(HttpInConfig.of("127.0.0.1", 0));
    for (String bad : List.of("", "with space", "tab\there", "new\nline")) {
      assertThatThrownBy(() -> builder.adminToken(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Needs the real {@link PolicyCodec} (core.policy), unlike every other test here. */
  @Test
  void withTheRealPolicyCodecSettingsRoundTripThroughGetAndPreview() throws Exception {
    try (HttpInAdapter other =
        startOther(
            HttpInAdapter.builder(HttpInConfig.of("127.0.0.1", 0))
                .adminToken(TOKEN)
                .managePolicy(policies)
                .preview(previews)
                .invoiceParser(this::parseInvoice))) {
      String base = "http://127.0.0.1:" + other.adminPort();
      HttpResponse<String> got =
          send(
              HttpRequest.newBuilder(URI.create(base + policyPath(TENANT)))
                  .header("Authorization", "Bearer " + TOKEN)
                  .GET()
                  .build());

      assertThat(got.statusCode()).isEqualTo(200);
      JsonNode policy = json(got).get("policy");
      assertThat(policy.get("default_ledger_account_id").textValue()).isEqualTo("L4000");
      assertThat(policy.get("b2c_consolidation").isObject()).isTrue();

      String override =
          "{\"invoice\":"
              + INVOICE
              + ",\"policy\":{\"default_tax_rate_id\":\"GB_STANDARD\","
              + "\"default_ledger_account_id\":\"L4020\",\"tax_rate_map\":{\"20\":\"GB_STANDARD\"},"
              + "\"website_filter\":[1],\"b2c_consolidation\":{\"min_total_for_individual\":50.5}}}";
      HttpResponse<String> previewed =
          send(
              HttpRequest.newBuilder(URI.create(base + "/admin/bindings/" + TENANT + "/preview"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(HttpRequest.BodyPublishers.ofString(override))
                  .build());

      assertThat(previewed.statusCode()).isEqualTo(200);
      SyncPolicy tried = previews.commands().get(0).policy();
      assertThat(tried.mappings().defaultLedgerAccountId()).isEqualTo("L4020");
      assertThat(tried.taxRateMap()).containsEntry("20.00", "GB_STANDARD");
      assertThat(tried.behaviour().websiteFilter()).containsExactly(1);
      assertThat(tried.b2c().minTotalForIndividual()).isEqualByComparingTo("50.5");

      HttpResponse<String> rejected =
          send(
              HttpRequest.newBuilder(URI.create(base + "/admin/bindings/" + TENANT + "/preview"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"invoice\":" + INVOICE + ",\"policy\":{\"sync_stock\":\"yes\"}}"))
                  .build());

      assertThat(rejected.statusCode()).isEqualTo(422);
      assertThat(json(rejected).get("error").textValue()).isEqualTo("invalid_policy");
      assertThat(json(rejected).get("errors").size()).isPositive();
    }
  }
}
