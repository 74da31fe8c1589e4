package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.ManagePolicyUseCase.Rejected;
import io.ledgerbridge.ports.in.ManagePolicyUseCase.SaveResult;
import io.ledgerbridge.ports.in.ManagePolicyUseCase.Saved;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.CreditMemoPreviewCommand;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.InvoicePreview;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PaymentPreviewCommand;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PlannedRequest;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase.PreviewCommand;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin JSON API under {@code /admin/} (documented in {@code docs/admin-api.yaml}):
 *
 * <ul>
 *   <li>{@code GET|PUT /admin/bindings/{tenant}/policy}: read or replace the sync policy;
 *   <li>{@code POST /admin/bindings/{tenant}/reference/refresh}: refetch Sage reference data;
 *   <li>{@code POST /admin/bindings/{tenant}/preview}: dry-run an invoice, the payment of an
 *       invoice or a credit memo.
 * </ul>
 *
 * <p>Checks run in this order, the first failure answers: admin API enabled (404 {@code
 * admin_api_disabled}), {@code Authorization: Bearer <admin token>} compared in constant time
 * (401), path shape (404), method (405), use case configured (404), body size (413), JSON syntax
 * (400), then the route. Tenant ids from the path are never echoed in a response and are sanitised
 * in logs; the token is never logged.
 */
final class AdminApiHandler {

  static final String PREFIX = "/admin/";
  static final String BINDINGS = "/admin/bindings/";
  static final int MAX_MESSAGE_CHARS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(AdminApiHandler.class);

  private final ConsoleAuth auth;
  private final ManagePolicyUseCase policies;
  private final RefreshReferenceDataUseCase refresh;
  private final PreviewInvoiceUseCase preview;
  private final InvoiceParser invoices;
  private final DocumentParser<CanonicalPayment> payments;
  private final DocumentParser<CanonicalCreditMemo> creditMemos;
  private final DocumentParser<io.ledgerbridge.core.canonical.CanonicalContact> customers;
  private final DocumentParser<io.ledgerbridge.core.canonical.CanonicalProduct> products;
  private final Function<SyncPolicy, Map<String, Object>> encode;
  private final Function<Map<String, Object>, PolicyCodec.Decoded> decode;
  private final int maxBodyBytes;
  private final DisconnectBindingUseCase disconnect;
  private final ConnectSageUseCase connectSage;

  /**
   * @param adminToken null disables the whole admin API
   * @param policies null leaves the policy route unconfigured (404); likewise the other use cases
   * @param invoices required for the preview route together with {@code preview}
   * @param payments null: the preview route refuses payments as not configured
   * @param creditMemos null: the preview route refuses credit memos as not configured
   * @param customers null: the preview route refuses customers as not configured
   * @param products null: the preview route refuses products as not configured
   * @param disconnect null: the disconnect route is not configured
   * @param connectSage null: the Sage connect-link route is not configured
   */
  AdminApiHandler(
      ConsoleAuth auth,
      ManagePolicyUseCase policies,
      RefreshReferenceDataUseCase refresh,
      PreviewInvoiceUseCase preview,
      InvoiceParser invoices,
      DocumentParser<CanonicalPayment> payments,
      DocumentParser<CanonicalCreditMemo> creditMemos,
      DocumentParser<io.ledgerbridge.core.canonical.CanonicalContact> customers,
      DocumentParser<io.ledgerbridge.core.canonical.CanonicalProduct> products,
      Function<SyncPolicy, Map<String, Object>> encode,
      Function<Map<String, Object>, PolicyCodec.Decoded> decode,
      int maxBodyBytes,
      DisconnectBindingUseCase disconnect,
      ConnectSageUseCase connectSage) {
    this.auth = auth;
    this.policies = policies;
    this.refresh = refresh;
    this.preview = preview;
    this.invoices = invoices;
    this.payments = payments;
    this.creditMemos = creditMemos;
    this.customers = customers;
    this.products = products;
    this.encode = encode;
    this.decode = decode;
    this.maxBodyBytes = maxBodyBytes;
    this.disconnect = disconnect;
    this.connectSage = connectSage;
  }

  static boolean matches(String rawPath) {
    return rawPath.equals("/admin") || rawPath.startsWith(PREFIX);
  }

  void handle(HttpCall ex, String rawPath) throws IOException {
    if (!auth.bearerEnabled()) {
      Exchanges.sendError(ex, 404, "admin_api_disabled", null);
      return;
    }
    Optional<ConsoleAccessUseCase.Principal> who = auth.bearer(ex);
    if (who.isEmpty()) {
      LOG.warn(
          "admin request rejected: {} {} reason=missing or wrong admin token",
          LogSafe.of(ex.method(), 16),
          LogSafe.of(rawPath, 200));
      ex.setHeader("WWW-Authenticate", "Bearer");
      Exchanges.sendError(ex, 401, "unauthorized", null);
      return;
    }
    Optional<Route> route = Route.parse(rawPath);
    if (route.isEmpty()) {
      Exchanges.notFound(ex);
      return;
    }
    String tenant = route.get().tenant();
    String method = ex.method();
    if (!who.get().sees(tenant)) {
      // another tenant's binding is not there for a merchant's token
      Exchanges.notFound(ex);
      return;
    }
    if (!"GET".equals(method) && route.get().action() != Action.PREVIEW) {
      auth.audit(
          who.get(),
          "api." + route.get().action().name().toLowerCase(java.util.Locale.ROOT),
          tenant,
          null);
    }
    switch (route.get().action()) {
      case POLICY -> {
        if (!"GET".equals(method) && !"PUT".equals(method)) {
          Exchanges.methodNotAllowed(ex, "GET, PUT");
        } else if (policies == null) {
          notConfigured(ex);
        } else if ("GET".equals(method)) {
          getPolicy(ex, tenant);
        } else {
          putPolicy(ex, tenant);
        }
      }
      case REFRESH -> {
        if (!"POST".equals(method)) {
          Exchanges.methodNotAllowed(ex, "POST");
        } else if (refresh == null) {
          notConfigured(ex);
        } else {
          refresh(ex, tenant);
        }
      }
      case PREVIEW -> {
        if (!"POST".equals(method)) {
          Exchanges.methodNotAllowed(ex, "POST");
        } else if (preview == null || invoices == null) {
          notConfigured(ex);
        } else {
          preview(ex, tenant);
        }
      }
      case DISCONNECT -> {
        if (!"POST".equals(method)) {
          Exchanges.methodNotAllowed(ex, "POST");
        } else if (disconnect == null) {
          notConfigured(ex);
        } else {
          disconnect(ex, tenant);
        }
      }
      case SAGE_CONNECT_LINK -> {
        if (!"POST".equals(method)) {
          Exchanges.methodNotAllowed(ex, "POST");
        } else if (connectSage == null) {
          notConfigured(ex);
        } else {
          sageConnectLink(ex, tenant);
        }
      }
    }
  }

  // ---------------------------------------------------------------- connect flows

  /** The operator disconnects a binding (the store is not told; its events are then held). */
  private void disconnect(HttpCall ex, String tenant) throws IOException {
    DisconnectBindingUseCase.Disconnected done;
    try {
      done = disconnect.disconnect(tenant, DisconnectBindingUseCase.Side.OPERATOR);
    } catch (UnknownBindingException e) {
      unknownBinding(ex);
      return;
    }
    LOG.info(
        "admin disconnected binding: tenant={} already={} sage_revoked={}",
        LogSafe.of(tenant),
        done.alreadyDisconnected(),
        done.sageRevoked());
    Exchanges.sendJson(
        ex,
        200,
        Json.object()
            .put("status", "disconnected")
            .put("already_disconnected", done.alreadyDisconnected())
            .put("sage_revoked", done.sageRevoked()));
  }

  /** A link the merchant opens to connect (or reconnect) Sage: the chassis's start page. */
  private void sageConnectLink(HttpCall ex, String tenant) throws IOException {
    String link;
    try {
      link = connectSage.connectLink(tenant);
    } catch (UnknownBindingException e) {
      unknownBinding(ex);
      return;
    } catch (io.ledgerbridge.ports.in.BindingNotPairedException e) {
      Exchanges.sendError(ex, 409, "store_not_paired", bounded(e.getMessage(), null));
      return;
    } catch (IllegalStateException e) {
      Exchanges.sendError(ex, 409, "sage_oauth_not_configured", bounded(e.getMessage(), null));
      return;
    }
    Exchanges.sendJson(
        ex,
        200,
        Json.object().put("link", link).put("valid_hours", ConnectSageUseCase.LINK_VALIDITY_HOURS));
  }

  // ---------------------------------------------------------------- policy

  private void getPolicy(HttpCall ex, String tenant) throws IOException {
    PolicySnapshot snapshot;
    try {
      snapshot = policies.current(tenant);
    } catch (UnknownBindingException e) {
      unknownBinding(ex);
      return;
    }
    Exchanges.sendJson(ex, 200, snapshotBody(snapshot));
  }

  private void putPolicy(HttpCall ex, String tenant) throws IOException {
    Optional<JsonNode> root = readJson(ex);
    if (root.isEmpty()) {
      return;
    }
    if (!root.get().isObject()) {
      Exchanges.sendError(
          ex, 400, "invalid_request", "the body must be a JSON object of policy settings");
      return;
    }
    SaveResult result;
    try {
      result = policies.replace(tenant, Json.toMap(root.get()));
    } catch (UnknownBindingException e) {
      unknownBinding(ex);
      return;
    }
    if (result instanceof Saved saved) {
      LOG.info(
          "admin replaced policy: tenant={} version={}",
          LogSafe.of(tenant),
          saved.snapshot().version());
      Exchanges.sendJson(ex, 200, snapshotBody(saved.snapshot()));
    } else {
      List<FieldError> errors = ((Rejected) result).errors();
      LOG.info("admin policy rejected: tenant={} errors={}", LogSafe.of(tenant), errors.size());
      invalidPolicy(ex, errors);
    }
  }

  private ObjectNode snapshotBody(PolicySnapshot snapshot) {
    ObjectNode body = Json.object();
    body.put("version", snapshot.version());
    body.set("policy", Json.fromJava(encode.apply(snapshot.policy())));
    return body;
  }

  // ---------------------------------------------------------------- reference

  private void refresh(HttpCall ex, String tenant) throws IOException {
    ReferenceData data;
    try {
      data = refresh.refresh(tenant);
    } catch (UnknownBindingException e) {
      unknownBinding(ex);
      return;
    } catch (GatewayException e) {
      LOG.warn(
          "admin reference refresh failed: tenant={} system={} operation={} status={} request={}",
          LogSafe.of(tenant),
          LogSafe.of(e.system()),
          LogSafe.of(e.operation()),
          e.httpStatus(),
          LogSafe.of(e.requestId()));
      Exchanges.sendError(
          ex, 502, "sage_unavailable", bounded(e.getMessage(), "Sage did not answer as expected"));
      return;
    }
    LOG.info("admin refreshed reference data: tenant={}", LogSafe.of(tenant));
    ObjectNode body = Json.object();
    body.put("fetched_at", data.fetchedAt().toString());
    body.put("base_currency", data.baseCurrency());
    body.put("business_country", data.businessCountry());
    body.put("tax_rates", data.taxRates().size());
    body.put("ledger_accounts", data.ledgerAccounts().size());
    body.put("bank_accounts", data.bankAccounts().size());
    body.put("currencies", data.currencies().size());
    Exchanges.sendJson(ex, 200, body);
  }

  // ---------------------------------------------------------------- preview

  /**
   * The body is a canonical invoice, or {@code {"invoice":{...},"policy":{...}}}, or {@code
   * {"payment":{...},"invoice":{...},"policy":{...}}}, or {@code
   * {"credit_memo":{...},"invoice":{...},"policy":{...}}} (the invoice optional with a payment or a
   * credit memo, the policy always optional), or {@code {"customer":{...},"policy":{...}}} (a
   * canonical customer for {@code customer.upserted}: a body with {@code customer} and no {@code
   * magento_id} of its own, which a canonical invoice always has), or {@code
   * {"product":{...},"policy":{...}}} (a canonical product for {@code product.upserted}, likewise).
   */
  private void preview(HttpCall ex, String tenant) throws IOException {
    Optional<JsonNode> root = readJson(ex);
    if (root.isEmpty()) {
      return;
    }
    if (!root.get().isObject()) {
      Exchanges.sendError(
          ex,
          400,
          "invalid_request",
          "the body must be a canonical invoice object or {\"invoice\":{...},\"policy\":{...}},"
              + " {\"payment\":{...}} or {\"credit_memo\":{...}}");
      return;
    }
    JsonNode body = root.get();
    JsonNode customerNode = body.has("magento_id") ? null : objectOrNull(body.get("customer"));
    if (customerNode != null) {
      previewAlone(
          ex,
          customers,
          customerNode,
          "not a canonical customer",
          body.get("policy"),
          (customer, policy) ->
              preview.previewCustomer(
                  new PreviewInvoiceUseCase.CustomerPreviewCommand(tenant, customer, policy)));
      return;
    }
    JsonNode productNode = body.has("magento_id") ? null : objectOrNull(body.get("product"));
    if (productNode != null) {
      previewAlone(
          ex,
          products,
          productNode,
          "not a canonical product",
          body.get("policy"),
          (product, policy) ->
              preview.previewProduct(
                  new PreviewInvoiceUseCase.ProductPreviewCommand(tenant, product, policy)));
      return;
    }
    JsonNode paymentNode = objectOrNull(body.get("payment"));
    JsonNode memoNode = objectOrNull(body.get("credit_memo"));
    JsonNode wrapped = objectOrNull(body.get("invoice"));
    boolean isWrapped = wrapped != null || paymentNode != null || memoNode != null;
    JsonNode invoiceNode = isWrapped ? wrapped : body;
    JsonNode policyNode = isWrapped ? body.get("policy") : null;
    if (policyNode != null && policyNode.isNull()) {
      policyNode = null;
    }
    if (policyNode != null && !policyNode.isObject()) {
      Exchanges.sendError(
          ex, 400, "invalid_request", "policy must be a JSON object of policy settings");
      return;
    }
    if ((paymentNode != null && payments == null) || (memoNode != null && creditMemos == null)) {
      notConfigured(ex);
      return;
    }

    CanonicalInvoice invoice = null;
    CanonicalPayment payment = null;
    CanonicalCreditMemo memo = null;
    try {
      if (invoiceNode != null) {
        invoice = parse(invoices, invoiceNode, "not a canonical invoice");
      }
      if (paymentNode != null) {
        payment = parse(payments, paymentNode, "not a canonical payment");
      }
      if (memoNode != null) {
        memo = parse(creditMemos, memoNode, "not a canonical credit memo");
      }
    } catch (InvalidDocument e) {
      Exchanges.sendError(ex, 422, e.code, e.getMessage());
      return;
    }
    if (payment == null && memo == null && invoice == null) {
      Exchanges.sendError(ex, 422, "invalid_invoice", "not a canonical invoice");
      return;
    }

    SyncPolicy override = null;
    if (policyNode != null) {
      PolicyCodec.Decoded decoded = decode.apply(Json.toMap(policyNode));
      if (decoded instanceof PolicyCodec.Invalid invalid) {
        invalidPolicy(ex, invalid.errors());
        return;
      }
      override = ((PolicyCodec.Valid) decoded).policy();
    }

    InvoicePreview result;
    try {
      if (payment != null) {
        result =
            preview.previewPayment(new PaymentPreviewCommand(tenant, payment, invoice, override));
      } else if (memo != null) {
        result =
            preview.previewCreditMemo(
                new CreditMemoPreviewCommand(tenant, memo, invoice, override));
      } else {
        result = preview.preview(new PreviewCommand(tenant, invoice, override));
      }
    } catch (UnknownBindingException e) {
      unknownBinding(ex);
      return;
    }
    Exchanges.sendJson(ex, 200, previewBody(result));
  }

  /**
   * The preview of a document that stands alone (a customer, a product): parsed by {@code parser}
   * ({@code what} names it in a 422), with an optional policy to try, run by {@code run}.
   */
  private <T> void previewAlone(
      HttpCall ex,
      DocumentParser<T> parser,
      JsonNode node,
      String what,
      JsonNode policyNode,
      java.util.function.BiFunction<T, SyncPolicy, InvoicePreview> run)
      throws IOException {
    if (parser == null) {
      notConfigured(ex);
      return;
    }
    if (policyNode != null && !policyNode.isNull() && !policyNode.isObject()) {
      Exchanges.sendError(
          ex, 400, "invalid_request", "policy must be a JSON object of policy settings");
      return;
    }
    T document;
    try {
      document = parse(parser, node, what);
    } catch (InvalidDocument e) {
      Exchanges.sendError(ex, 422, e.code, e.getMessage());
      return;
    }
    SyncPolicy override = null;
    if (policyNode != null && policyNode.isObject()) {
      PolicyCodec.Decoded decoded = decode.apply(Json.toMap(policyNode));
      if (decoded instanceof PolicyCodec.Invalid invalid) {
        invalidPolicy(ex, invalid.errors());
        return;
      }
      override = ((PolicyCodec.Valid) decoded).policy();
    }
    InvoicePreview result;
    try {
      result = run.apply(document, override);
    } catch (UnknownBindingException e) {
      unknownBinding(ex);
      return;
    }
    Exchanges.sendJson(ex, 200, previewBody(result));
  }

  private static JsonNode objectOrNull(JsonNode node) {
    return node != null && node.isObject() ? node : null;
  }

  private static <T> T parse(DocumentParser<T> parser, JsonNode node, String what)
      throws InvalidDocument {
    String code =
        what.endsWith("invoice")
            ? "invalid_invoice"
            : what.endsWith("payment")
                ? "invalid_payment"
                : what.endsWith("customer")
                    ? "invalid_customer"
                    : what.endsWith("product") ? "invalid_product" : "invalid_credit_memo";
    T value;
    try {
      value = parser.parse(new String(Json.write(node), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new InvalidDocument(code, bounded(e.getMessage(), what));
    }
    if (value == null) {
      throw new InvalidDocument(code, what);
    }
    return value;
  }

  /** A document of the preview body the parser refused. */
  private static final class InvalidDocument extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    InvalidDocument(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  static ObjectNode previewBody(InvoicePreview result) {
    ObjectNode body = Json.object();
    body.put("decision", result.decision());
    body.put("reason", result.reason());
    ArrayNode requests = body.putArray("requests");
    List<PlannedRequest> planned = result.requests() == null ? List.of() : result.requests();
    for (PlannedRequest r : planned) {
      ObjectNode n = requests.addObject();
      n.put("method", r.method());
      n.put("path", r.path());
      n.put("note", r.note());
      n.set("body", requestBody(r.body()));
    }
    ArrayNode warnings = body.putArray("warnings");
    for (String w : result.warnings() == null ? List.<String>of() : result.warnings()) {
      warnings.add(w);
    }
    return body;
  }

  /** A planned request's body as JSON; a body that is not JSON (never expected) stays a string. */
  private static JsonNode requestBody(String body) {
    if (body == null) {
      return Json.fromJava(null);
    }
    try {
      JsonNode node = Json.read(body.getBytes(StandardCharsets.UTF_8));
      return node == null || node.isMissingNode() ? Json.fromJava(body) : node;
    } catch (IOException e) {
      return Json.fromJava(body);
    }
  }

  // ---------------------------------------------------------------- shared

  /**
   * Reads and parses the body, answering 413 or 400 itself.
   *
   * @return the parsed body, or empty when an answer was already sent
   */
  private Optional<JsonNode> readJson(HttpCall ex) throws IOException {
    Optional<byte[]> body =
        Exchanges.declaredLength(ex) > maxBodyBytes
            ? Optional.empty()
            : Exchanges.readBody(ex, maxBodyBytes);
    if (body.isEmpty()) {
      Exchanges.sendErrorThenDrain(
          ex,
          413,
          "body_too_large",
          "the body exceeds " + maxBodyBytes + " bytes",
          WebhookHandler.DRAIN_LIMIT);
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = Json.read(body.get());
    } catch (StreamConstraintsException e) {
      Exchanges.sendError(
          ex,
          400,
          "malformed_json",
          "JSON exceeds the nesting or size limits (depth " + Json.MAX_NESTING_DEPTH + ")");
      return Optional.empty();
    } catch (IOException e) {
      Exchanges.sendError(ex, 400, "malformed_json", "the body is not valid JSON");
      return Optional.empty();
    }
    if (root == null || root.isMissingNode()) {
      Exchanges.sendError(ex, 400, "malformed_json", "the body is empty");
      return Optional.empty();
    }
    return Optional.of(root);
  }

  private static void invalidPolicy(HttpCall ex, List<FieldError> errors) throws IOException {
    ObjectNode body = Json.object().put("error", "invalid_policy");
    ArrayNode list = body.putArray("errors");
    for (FieldError e : errors) {
      list.addObject().put("field", e.field()).put("code", e.code()).put("message", e.message());
    }
    Exchanges.sendJson(ex, 422, body);
  }

  /** An exception message for a response body: at most {@value #MAX_MESSAGE_CHARS} chars. */
  static String bounded(String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    return message.length() <= MAX_MESSAGE_CHARS
        ? message
        : message.substring(0, MAX_MESSAGE_CHARS) + "...";
  }

  /** The tenant is deliberately not echoed. */
  private static void unknownBinding(HttpCall ex) throws IOException {
    Exchanges.sendError(ex, 404, "unknown_binding", null);
  }

  private static void notConfigured(HttpCall ex) throws IOException {
    Exchanges.sendError(ex, 404, "not_found", "this admin route is not configured");
  }

  /**
   * Exactly one {@code Authorization: Bearer <token>} whose token equals the configured one. Both
   * sides are hashed first, so the comparison takes the same time whatever the lengths.
   */
  enum Action {
    POLICY,
    REFRESH,
    PREVIEW,
    DISCONNECT,
    SAGE_CONNECT_LINK
  }

  /** A matched admin route: the decoded tenant and what to do. */
  record Route(String tenant, Action action) {

    /** Empty unless the path is exactly one of the admin routes with a sane tenant segment. */
    static Optional<Route> parse(String rawPath) {
      if (!rawPath.startsWith(BINDINGS)) {
        return Optional.empty();
      }
      String[] parts = rawPath.substring(BINDINGS.length()).split("/", -1);
      Action action;
      if (parts.length == 2 && parts[1].equals("policy")) {
        action = Action.POLICY;
      } else if (parts.length == 2 && parts[1].equals("preview")) {
        action = Action.PREVIEW;
      } else if (parts.length == 2 && parts[1].equals("disconnect")) {
        action = Action.DISCONNECT;
      } else if (parts.length == 2 && parts[1].equals("sage-connect-link")) {
        action = Action.SAGE_CONNECT_LINK;
      } else if (parts.length == 3 && parts[1].equals("reference") && parts[2].equals("refresh")) {
        action = Action.REFRESH;
      } else {
        return Optional.empty();
      }
      Optional<String> tenant = Exchanges.decodeSegment(parts[0]);
      if (tenant.isEmpty()
          || tenant.get().isBlank()
          || tenant.get().length() > WebhookHandler.MAX_TENANT_LENGTH) {
        return Optional.empty();
      }
      return Optional.of(new Route(tenant.get(), action));
    }
  }
}
