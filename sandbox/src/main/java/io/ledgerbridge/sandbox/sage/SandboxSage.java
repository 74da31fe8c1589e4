package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process sandbox of Sage Business Cloud Accounting v3.1 on a loopback port.
 *
 * <p>Endpoints: {@code GET /oauth2/auth/central} (the authorize page, path configurable: {@link
 * SandboxSageConfig#authorizePath()}), {@code POST /oauth/token} (authorization-code and
 * refresh-token grants, rotating refresh tokens), {@code POST /oauth/revoke}, and under {@code
 * /v3.1}: {@code contacts} (GET list/one, POST, PUT), {@code sales_invoices}, {@code
 * sales_credit_notes}, {@code contact_payments} and {@code contact_allocations} (GET list/one,
 * POST), {@code products}, {@code services} and {@code stock_items} (GET list/one, POST, PUT),
 * {@code stock_movements} (GET list/one, POST), {@code tax_rates}, {@code ledger_accounts}, {@code
 * bank_accounts}, {@code currencies}, {@code payment_methods}, {@code eu_goods_services_types},
 * {@code product_sales_price_types}, {@code service_rate_types}, {@code catalog_item_types}, {@code
 * financial_settings}, {@code invoice_settings}, {@code businesses}, {@code user}. Request bodies
 * are validated against Sage's official Swagger request schemas, then against Sage's business
 * rules; errors come back in Sage's {@code $severity/$dataCode/$message/$source} envelope.
 * Receipts, refunds and allocations move the {@code outstanding_amount}, {@code total_paid} and
 * {@code status} of the documents they settle; stock movements move a stock item's {@code
 * quantity_in_stock}, never below zero. Each business has an {@link Edition} whose missing
 * operations answer 403. Thread-safe.
 *
 * <pre>{@code
 * try (SandboxSage sage = SandboxSage.start(SandboxSageConfig.defaults())) {
 *   sage.registerClient("id", "secret", "https://app.example/sage/callback");
 *   // send the browser to sage.authorizeUrl("id", "https://app.example/sage/callback",
 *   // "full_access", state); take code from the callback; POST sage.tokenUrl()
 *   // grant_type=authorization_code ...; or skip the browser with sage.issueRefreshToken("id")
 *   // and POST grant_type=refresh_token ...; then call sage.apiBaseUrl() + "/contacts"
 * }
 * }</pre>
 */
public final class SandboxSage implements AutoCloseable {

  /** Path prefix of the API. */
  public static final String API_PREFIX = "/v3.1";

  /** Path of the token endpoint. */
  public static final String TOKEN_PATH = "/oauth/token";

  /** Path of the revoke endpoint. */
  public static final String REVOKE_PATH = "/oauth/revoke";

  private final SandboxSageConfig config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Random random;
  private final AuthorizationCodes codes;
  private final OAuthTokens tokens;
  private final AuthorizeEndpoint authorize;
  private final FaultPlan faults;
  private final Map<String, SandboxBusiness> businesses = new ConcurrentHashMap<>();
  private final List<String> businessOrder = new CopyOnWriteArrayList<>();
  private final AtomicInteger businessCounter = new AtomicInteger();
  private final String leadBusinessId;
  private final SandboxRouter router;

  private SandboxSage(SandboxSageConfig config) throws IOException {
    this.config = config;
    this.random = new Random(config.seed() != null ? config.seed() : new SecureRandom().nextLong());
    Clock clock = config.clock();
    this.faults = new FaultPlan(random);
    SageSchemas schemas = SageSchemas.load(config.openApiDir(), config.rejectUnknownProperties());
    String lead =
        config.defaultBusinessId() != null ? config.defaultBusinessId() : SageJson.newId(random);
    addBusiness(lead, config.defaultBusinessCountry(), config.defaultBaseCurrency());
    this.leadBusinessId = lead;
    // drawn where registerClient used to draw a per-client user: seeded ids do not move
    String userId = new UUID(random.nextLong(), random.nextLong()).toString();
    this.codes = new AuthorizationCodes(clock);
    this.tokens = new OAuthTokens(clock, userId, codes);
    this.authorize =
        new AuthorizeEndpoint(tokens, codes, clock, this::userBusinesses, config.authorizePath());
    SageApi api =
        new SageApi(
            businesses,
            this::userBusinesses,
            () -> leadBusinessId,
            tokens,
            schemas,
            faults,
            clock,
            random);
    AtomicInteger threadNo = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            config.threads(),
            r -> {
              Thread t = new Thread(r, "sandbox-sage-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    this.router = new SandboxRouter(faults, tokens, authorize, api, config.authorizePath());
    server.createContext("/", router);
    server.setExecutor(executor);
    server.start();
  }

  /** Starts a sandbox with the given settings; close it when done. */
  public static SandboxSage start(SandboxSageConfig cfg) {
    try {
      return new SandboxSage(cfg == null ? SandboxSageConfig.defaults() : cfg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start sandbox Sage", e);
    }
  }

  /** Starts a sandbox with {@link SandboxSageConfig#defaults()}. */
  public static SandboxSage start() {
    return start(SandboxSageConfig.defaults());
  }

  /**
   * {@code http://127.0.0.1:PORT}; the API is under {@code /v3.1}, the token endpoint {@code
   * /oauth/token}.
   */
  public String baseUrl() {
    return "http://" + hostForUrl() + ":" + port();
  }

  /** {@code baseUrl() + "/v3.1"}. */
  public String apiBaseUrl() {
    return baseUrl() + API_PREFIX;
  }

  /** {@code baseUrl() + "/oauth/token"}. */
  public String tokenUrl() {
    return baseUrl() + TOKEN_PATH;
  }

  /** {@code baseUrl() + "/oauth/revoke"}. */
  public String revokeUrl() {
    return baseUrl() + REVOKE_PATH;
  }

  /**
   * The authorize page, {@code baseUrl() + config.authorizePath()} (default {@code
   * /oauth2/auth/central}), without parameters.
   */
  public String authorizeUrl() {
    return baseUrl() + config.authorizePath();
  }

  /**
   * The authorize URL an app sends the merchant's browser to, as SAGE.md §1.2 shows it: {@code
   * ?filter=apiv3.1&response_type=code&client_id=&redirect_uri=&scope=&state=}; a null scope or
   * state is left out.
   */
  public String authorizeUrl(String clientId, String redirectUri, String scope, String state) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("filter", "apiv3.1");
    p.put("response_type", "code");
    p.put("client_id", clientId);
    p.put("redirect_uri", redirectUri);
    p.put("scope", scope);
    p.put("state", state);
    return AuthorizeEndpoint.withQuery(authorizeUrl(), p);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops the server and its threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- OAuth ------------------------------------------------------------------------------

  /** Registers (or re-keys) an OAuth client application without callback URLs. */
  public void registerClient(String clientId, String clientSecret) {
    tokens.registerClient(clientId, clientSecret, List.of());
  }

  /**
   * Registers an OAuth client application with the callback URLs the authorize page may redirect to
   * (absolute http(s) URLs without a fragment, matched character for character). Registering the
   * same id again replaces its secret and adds the URLs to those already registered.
   */
  public void registerClient(String clientId, String clientSecret, String... redirectUris) {
    tokens.registerClient(
        clientId, clientSecret, redirectUris == null ? List.of() : List.of(redirectUris));
  }

  /**
   * How the signed-in sandbox user answers the authorize page: {@link AuthorizeDecision#ALLOW}
   * (default) and {@link AuthorizeDecision#DENY} redirect at once, {@link AuthorizeDecision#ASK}
   * renders the consent page.
   */
  public void setAuthorizeDecision(AuthorizeDecision decision) {
    authorize.setDecision(decision);
  }

  public AuthorizeDecision authorizeDecision() {
    return authorize.decision();
  }

  /**
   * Id of the sandbox's one user, who owns every business and consents on the authorize page: the
   * token responses' {@code requested_by_id} and {@code GET /user}'s {@code id}.
   */
  public String userId() {
    return tokens.userId();
  }

  /** Authorisation codes the authorize page has issued (allowed requests). */
  public int authorizationCodesIssued() {
    return codes.issuedCount();
  }

  /** Authorisation codes exchanged for tokens at the token endpoint. */
  public int authorizationCodesRedeemed() {
    return codes.redeemedCount();
  }

  /**
   * Live refresh tokens revoked, through {@code POST /oauth/revoke} or because the authorisation
   * code they descend from was presented again.
   */
  public int revokedTokens() {
    return tokens.revokedCount();
  }

  /** A fresh refresh token for the client, as if a user had just authorised it (31-day TTL). */
  public String issueRefreshToken(String clientId) {
    return tokens.issueRefreshToken(clientId);
  }

  /**
   * A fresh access token for the client ({@link #accessTokenLifetime()}, 300 s by default),
   * bypassing the token endpoint.
   */
  public String issueAccessToken(String clientId) {
    return tokens.issueAccessToken(clientId);
  }

  /**
   * The lifetime ({@code expires_in}) of the access tokens issued from now on, 300 s by default as
   * at Sage; tokens already issued keep theirs. Short lifetimes make a client refresh, and so
   * rotate its refresh token, often.
   *
   * @throws IllegalArgumentException unless whole seconds, at least one
   */
  public void setAccessTokenLifetime(Duration lifetime) {
    tokens.setAccessTtl(lifetime);
  }

  public Duration accessTokenLifetime() {
    return tokens.accessTtl();
  }

  /** Refresh-token grants the token endpoint answered with new tokens (a rotation each). */
  public int refreshGrants() {
    return tokens.refreshGrantCount();
  }

  /**
   * Refresh-token grants the token endpoint refused with {@code invalid_grant}: the refresh token
   * was already rotated (spent), revoked, expired, unknown or another client's. A client that keeps
   * its rotated refresh tokens safe, even across processes, never causes one.
   */
  public int invalidGrantRefreshes() {
    return tokens.invalidGrantRefreshCount();
  }

  /**
   * Whether the token endpoint would still accept {@code refreshToken}: issued (at a grant or by
   * {@link #issueRefreshToken}), not yet rotated or revoked, not expired.
   */
  public boolean isLiveRefreshToken(String refreshToken) {
    return tokens.isLiveRefreshToken(refreshToken);
  }

  /**
   * The most {@code POST /oauth/token} requests that were being handled at one time, counted from
   * each request's arrival (before its latency) until its answer was ready. A client that refreshes
   * one at a time keeps this at 1.
   */
  public int maxConcurrentTokenRequests() {
    return router.maxTokenRequestsInFlight();
  }

  /**
   * The {@code POST /oauth/token} requests being handled now, counted as for {@link
   * #maxConcurrentTokenRequests()}: a test can look at what the client does while it waits for
   * Sage's answer.
   */
  public int tokenRequestsInFlight() {
    return router.tokenRequestsInFlight();
  }

  // ---- businesses and reference data --------------------------------------------------------

  /** Id of the lead business created at start, used when a request has no {@code X-Business}. */
  public String defaultBusinessId() {
    return leadBusinessId;
  }

  /**
   * Adds a business (32 lowercase hex id) of the sandbox user, with the GB tax rates, a chart of a
   * few ledger accounts and one bank account; returns its id. {@code GET /businesses} lists the
   * user's businesses in the order they were added, the lead business first.
   */
  public String addBusiness(String businessId, String country, String baseCurrency) {
    if (!SageJson.isHexId(businessId)) {
      throw new IllegalArgumentException("business id must be 32 lowercase hex characters");
    }
    if (country == null || !country.matches("[A-Za-z]{2}")) {
      throw new IllegalArgumentException("country must be a 2-letter ISO code");
    }
    String currency = baseCurrency == null ? "" : baseCurrency.toUpperCase(Locale.ROOT);
    if (!SandboxBusiness.CURRENCIES.containsKey(currency)) {
      throw new IllegalArgumentException("unknown currency: " + baseCurrency);
    }
    SandboxBusiness b =
        new SandboxBusiness(
            businessId,
            "Sandbox Business " + businessCounter.incrementAndGet(),
            country,
            currency,
            config.accountsStartDate(),
            config.clock().instant(),
            random);
    if (businesses.putIfAbsent(businessId, b) != null) {
      throw new IllegalArgumentException("business already exists: " + businessId);
    }
    businessOrder.add(businessId);
    return businessId;
  }

  /** Id of "Sales - Products (4000)" in the lead business. */
  public String defaultSalesLedgerAccountId() {
    return salesLedgerAccountId(leadBusinessId);
  }

  /** Id of "Sales - Products (4000)" in the given business. */
  public String salesLedgerAccountId(String businessId) {
    return business(businessId).defaultSalesLedgerAccountId();
  }

  /**
   * Id of "Cost of sales - goods (5000)" in the lead business, the purchase ledger account of
   * Sage's own product examples.
   */
  public String defaultPurchaseLedgerAccountId() {
    return purchaseLedgerAccountId(leadBusinessId);
  }

  /** Id of "Cost of sales - goods (5000)" in the given business. */
  public String purchaseLedgerAccountId(String businessId) {
    return business(businessId).defaultPurchaseLedgerAccountId();
  }

  /**
   * Id of the product sales price type "Sales Price" in the given business ({@code GET
   * /product_sales_price_types}, with "Trade" and "Wholesale"), the type of a product's or stock
   * item's selling price.
   */
  public String salesPriceTypeId(String businessId) {
    return business(businessId).productSalesPriceTypes.get(0).id();
  }

  /** Id of the service rate type "Rate" in the given business ({@code GET /service_rate_types}). */
  public String serviceRateTypeId(String businessId) {
    return business(businessId).serviceRateTypes.get(0).id();
  }

  /** Id of the bank account "Bank Account (1200)" in the given business. */
  public String bankAccountId(String businessId) {
    return business(businessId).bankAccountId;
  }

  /**
   * Sets the business's Sage Accounting edition (default {@link Edition#PLUS}, which offers every
   * operation). On {@link Edition#START}, {@code POST /contact_allocations} and the writes of
   * {@code /products} and {@code /services} answer 403 {@code MultiUserAccessDenied}; on {@link
   * Edition#STANDARD}, {@code POST /sales_credit_notes} does; on both, every method of {@code
   * /stock_items} and {@code /stock_movements} does (no inventory). {@code GET /businesses/{id}}
   * shows the matching subscription.
   */
  public void setEdition(String businessId, Edition edition) {
    if (edition == null) {
      throw new IllegalArgumentException("edition must not be null");
    }
    business(businessId).edition = edition;
  }

  public Edition edition(String businessId) {
    return business(businessId).edition;
  }

  // ---- inspection ---------------------------------------------------------------------------

  /**
   * Copies of the business's sales invoices, in creation order, as {@code GET
   * /sales_invoices/{id}}.
   */
  public List<JsonNode> salesInvoices(String businessId) {
    return copies(businessId, b -> b.invoices.values());
  }

  /**
   * The sales invoice as {@code GET /sales_invoices/{id}} answers it now ({@code
   * outstanding_amount}, {@code total_paid} and {@code status} as receipts and allocations left
   * them); empty when the business has no such invoice.
   */
  public Optional<JsonNode> salesInvoice(String businessId, String invoiceId) {
    return document(businessId, SalesDocumentKind.INVOICE, invoiceId);
  }

  /**
   * Copies of the business's sales credit notes, in creation order, as {@code GET
   * /sales_credit_notes/{id}}.
   */
  public List<JsonNode> salesCreditNotes(String businessId) {
    return copies(businessId, b -> b.creditNotes.values());
  }

  /** The sales credit note as {@code GET /sales_credit_notes/{id}} answers it now; or empty. */
  public Optional<JsonNode> salesCreditNote(String businessId, String creditNoteId) {
    return document(businessId, SalesDocumentKind.CREDIT_NOTE, creditNoteId);
  }

  /**
   * Copies of the business's contact payments (receipts and refunds), in creation order, as {@code
   * GET /contact_payments/{id}}; a payment on account shows its current outstanding amount.
   */
  public List<JsonNode> contactPayments(String businessId) {
    return copies(businessId, b -> b.payments.values());
  }

  /**
   * Copies of the business's contact allocations, in creation order, as {@code GET
   * /contact_allocations/{id}}.
   */
  public List<JsonNode> contactAllocations(String businessId) {
    return copies(businessId, b -> b.allocations.values());
  }

  /**
   * Copies of the business's contacts, in creation order, as {@code GET
   * /contacts/{id}?nested_attributes=all} (addresses and contact person expanded).
   */
  public List<JsonNode> contacts(String businessId) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      List<JsonNode> out = new ArrayList<>();
      b.contacts.values().forEach(c -> out.add(c.expandedBody().deepCopy()));
      return out;
    }
  }

  /**
   * The contact as {@code GET /contacts/{id}?nested_attributes=all} answers it now; empty when the
   * business has no such contact (or it was deleted).
   */
  public Optional<JsonNode> contact(String businessId, String contactId) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      StoredContact c = b.contacts.get(contactId);
      return Optional.ofNullable(c == null ? null : c.expandedBody().deepCopy());
    }
  }

  /**
   * Deletes the contact as a user would in Sage's web app: Sage keeps it, but no read lists or
   * finds it ({@code GET} answers 404, documents and payments cannot use it, {@code PUT} answers
   * 404), and its {@code reference} stays taken: {@code POST /contacts} with that reference answers
   * 422 "Reference has already been taken".
   *
   * @throws IllegalArgumentException if the business has no such (live) contact
   * @throws IllegalStateException if a document, payment or allocation involves the contact (Sage
   *     only deletes contacts without transactions)
   */
  public void deleteContact(String businessId, String contactId) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      StoredContact c = b.contacts.get(contactId);
      if (c == null) {
        throw new IllegalArgumentException("unknown contact: " + contactId);
      }
      if (b.hasTransactions(contactId)) {
        throw new IllegalStateException("contact has transactions: " + contactId);
      }
      b.contacts.remove(contactId);
      b.deletedContacts.put(contactId, c);
    }
  }

  /**
   * Copies of the business's non-stock products, in creation order, as {@code GET /products/{id}}.
   * ({@code GET /products} itself also lists the stock items, as Sage does.)
   */
  public List<JsonNode> products(String businessId) {
    return catalog(businessId, CatalogItemKind.PRODUCT);
  }

  /** Copies of the business's services, in creation order, as {@code GET /services/{id}}. */
  public List<JsonNode> services(String businessId) {
    return catalog(businessId, CatalogItemKind.SERVICE);
  }

  /** Copies of the business's stock items, in creation order, as {@code GET /stock_items/{id}}. */
  public List<JsonNode> stockItems(String businessId) {
    return catalog(businessId, CatalogItemKind.STOCK_ITEM);
  }

  /** The non-stock product as {@code GET /products/{id}} answers it now; or empty. */
  public Optional<JsonNode> product(String businessId, String productId) {
    return catalogItem(businessId, CatalogItemKind.PRODUCT, productId);
  }

  /** The service as {@code GET /services/{id}} answers it now; or empty. */
  public Optional<JsonNode> service(String businessId, String serviceId) {
    return catalogItem(businessId, CatalogItemKind.SERVICE, serviceId);
  }

  /** The stock item as {@code GET /stock_items/{id}} answers it now; or empty. */
  public Optional<JsonNode> stockItem(String businessId, String stockItemId) {
    return catalogItem(businessId, CatalogItemKind.STOCK_ITEM, stockItemId);
  }

  /**
   * The stock item's {@code quantity_in_stock} now.
   *
   * @throws IllegalArgumentException if the business has no such stock item
   */
  public BigDecimal quantityInStock(String businessId, String stockItemId) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      CatalogItem item = b.catalog.get(stockItemId);
      if (item == null || item.kind != CatalogItemKind.STOCK_ITEM) {
        throw new IllegalArgumentException("unknown stock item: " + stockItemId);
      }
      return item.quantityInStock;
    }
  }

  /**
   * Copies of the business's stock movements, in creation order, as {@code GET
   * /stock_movements/{id}}.
   */
  public List<JsonNode> stockMovements(String businessId) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      List<JsonNode> out = new ArrayList<>();
      b.stockMovements.values().forEach(m -> out.add(StockMovements.json(b, m, false)));
      return out;
    }
  }

  /** The stock movement as {@code GET /stock_movements/{id}} answers it; or empty. */
  public Optional<JsonNode> stockMovement(String businessId, String movementId) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      SandboxBusiness.StockMovement m = b.stockMovements.get(movementId);
      return Optional.ofNullable(m == null ? null : StockMovements.json(b, m, false));
    }
  }

  /**
   * Number of POST requests received at the path, whatever their outcome (faults included). The
   * path may be given with or without {@code /v3.1}: {@code postCount("/sales_invoices")}.
   */
  public int postCount(String path) {
    return router.postCount(path);
  }

  /**
   * Number of PUT requests received at a record's path ({@code putCount("/contacts/" + id)}), or to
   * any record of a collection ({@code putCount("/contacts")}), whatever their outcome (faults
   * included); with or without {@code /v3.1}.
   */
  public int putCount(String path) {
    return router.putCount(path);
  }

  // ---- faults -------------------------------------------------------------------------------

  /** Each response waits a uniformly random time in [min, max] before processing. */
  public void setLatency(Duration min, Duration max) {
    faults.setLatency(min, max);
  }

  /**
   * The next {@code times} requests whose path starts with {@code pathPrefix} (with or without
   * {@code /v3.1}) are answered with {@code status} (e.g. 503, 429, 500) before any processing.
   */
  public void failNext(String pathPrefix, int status, int times) {
    faults.failNext(pathPrefix, status, times);
  }

  /**
   * The next {@code times} successful creates under {@code pathPrefix} commit the object (and its
   * idempotency record) and then answer 500 {@code UnexpectedError}.
   */
  public void failNextAfterCommit(String pathPrefix, int times) {
    faults.failNextAfterCommit(pathPrefix, times);
  }

  /** Removes pending faults and resets latency to zero. */
  public void clearFaults() {
    faults.clear();
  }

  private List<JsonNode> copies(
      String businessId, Function<SandboxBusiness, Collection<ObjectNode>> store) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      List<JsonNode> out = new ArrayList<>();
      store.apply(b).forEach(o -> out.add(o.deepCopy()));
      return out;
    }
  }

  private List<JsonNode> catalog(String businessId, CatalogItemKind kind) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      List<JsonNode> out = new ArrayList<>();
      b.catalog.values().stream()
          .filter(i -> i.kind == kind)
          .forEach(i -> out.add(CatalogItems.json(b, i, kind)));
      return out;
    }
  }

  private Optional<JsonNode> catalogItem(String businessId, CatalogItemKind kind, String id) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      CatalogItem item = b.catalog.get(id);
      return Optional.ofNullable(
          item == null || item.kind != kind ? null : CatalogItems.json(b, item, kind));
    }
  }

  private Optional<JsonNode> document(String businessId, SalesDocumentKind kind, String id) {
    SandboxBusiness b = business(businessId);
    synchronized (b.lock()) {
      ObjectNode doc = b.documents(kind).get(id);
      return Optional.ofNullable(doc == null ? null : doc.deepCopy());
    }
  }

  /** The user's businesses, lead business first, then in the order they were added. */
  private List<SandboxBusiness> userBusinesses() {
    return businessOrder.stream().map(businesses::get).toList();
  }

  private SandboxBusiness business(String businessId) {
    SandboxBusiness b = businesses.get(businessId);
    if (b == null) {
      throw new IllegalArgumentException("unknown business: " + businessId);
    }
    return b;
  }

  private String hostForUrl() {
    String h = config.host();
    return h.contains(":") ? "[" + h + "]" : h;
  }
}
