package io.ledgerbridge.sandbox.store;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's HTTP surface: the HTML page at {@code /} and {@code /invoices}, and the ledger-facing
 * REST routes (ping, invoice, payment, creditmemo, customer, product, sync-state) behind the
 * maintenance switch, the fault latencies and inbound-JWT auth, answered with Magento's bodies
 * (WIRE §1A, §3, §4). The anonymous {@code POST setup/pair} (WIRE §7) sits behind the maintenance
 * switch only.
 */
final class StoreRestApi {

  private static final Pattern REST =
      Pattern.compile("^(?:/index\\.php)?/rest(?:/[A-Za-z0-9_]+)?/V1/byte8/(.*)$");
  private static final Pattern BEARER = Pattern.compile("(?i)^\\s*Bearer (\\S.*?)\\s*$");
  private static final Pattern NUMERIC =
      Pattern.compile("^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$");
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final String UNAVAILABLE =
      "Service Unavailable: the store is in maintenance mode. Try again later.";
  private static final String NO_ENTITY =
      "The entity that was requested doesn't exist. Verify the entity and try again.";
  private static final String NO_PRODUCT =
      "The product that was requested doesn't exist. Verify the product and try again.";

  /** The canonical GET routes; each takes one entity id. */
  private enum Canonical {
    INVOICE,
    PAYMENT,
    CREDITMEMO,
    CUSTOMER,
    PRODUCT
  }

  private final SandboxStoreConfig config;
  private final Clock clock;
  private final StoreConnection connection;
  private final SetupPair setupPair;
  private final InboundVerifier verifier = new InboundVerifier();
  private final SyncStateTable syncStates;
  private final LongFunction<Optional<StoreInvoice>> invoices;
  private final LongFunction<Optional<StoreCreditMemo>> creditMemos;
  private final CanonicalJson.Customers customers;
  private final LongFunction<Optional<StoreProduct>> products;
  private final Supplier<String> page;
  private final List<SyncStateCall> syncStateCalls = new CopyOnWriteArrayList<>();
  private final List<String> authFailures = new CopyOnWriteArrayList<>();
  private volatile Duration syncStateLatency = Duration.ZERO;
  private volatile Duration canonicalLatency = Duration.ZERO;
  private volatile boolean unavailable;
  private final AtomicInteger unavailableRefusals = new AtomicInteger();
  private final AtomicInteger syncStateCallsInProgress = new AtomicInteger();

  StoreRestApi(
      SandboxStoreConfig config,
      StoreConnection connection,
      SetupPair setupPair,
      SyncStateTable syncStates,
      LongFunction<Optional<StoreInvoice>> invoices,
      LongFunction<Optional<StoreCreditMemo>> creditMemos,
      CanonicalJson.Customers customers,
      LongFunction<Optional<StoreProduct>> products,
      Supplier<String> page) {
    this.config = config;
    this.clock = config.clock();
    this.connection = connection;
    this.setupPair = setupPair;
    this.syncStates = syncStates;
    this.invoices = invoices;
    this.creditMemos = creditMemos;
    this.customers = customers;
    this.products = products;
    this.page = page;
  }

  List<SyncStateCall> syncStateCalls() {
    return List.copyOf(syncStateCalls);
  }

  List<String> authFailures() {
    return List.copyOf(authFailures);
  }

  void setSyncStateLatency(Duration latency) {
    this.syncStateLatency = requireLatency(latency);
  }

  void setCanonicalLatency(Duration latency) {
    this.canonicalLatency = requireLatency(latency);
  }

  void setUnavailable(boolean value) {
    this.unavailable = value;
  }

  int syncStateCallsInProgress() {
    return syncStateCallsInProgress.get();
  }

  int unavailableRefusals() {
    return unavailableRefusals.get();
  }

  private static Duration requireLatency(Duration latency) {
    if (latency == null || latency.isNegative()) {
      throw new IllegalArgumentException("latency must be zero or positive");
    }
    return latency;
  }

  private static void pause(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      if (method.equals("GET") && (path.equals("/") || path.equals("/invoices"))) {
        send(ex, 200, "text/html; charset=utf-8", page.get());
        return;
      }
      Matcher m = REST.matcher(path);
      if (!m.matches()) {
        send(ex, 404, JSON_TYPE, CanonicalJson.message("Request does not match any route."));
        return;
      }
      String route = m.group(1);
      String[] seg = route.split("/", -1);
      boolean ping = method.equals("GET") && route.equals("ping");
      Canonical canonical = method.equals("GET") ? canonicalRoute(seg) : null;
      boolean syncState = method.equals("POST") && route.equals("sync-state");
      boolean pair = method.equals("POST") && route.equals("setup/pair");
      if (!ping && canonical == null && !syncState && !pair) {
        send(ex, 404, JSON_TYPE, CanonicalJson.message("Request does not match any route."));
        return;
      }
      if (unavailable) {
        unavailableRefusals.incrementAndGet();
        send(ex, 503, JSON_TYPE, CanonicalJson.message(UNAVAILABLE));
        return;
      }
      if (pair) {
        // anonymous: the pairing code in the body is the credential; a bearer token is ignored
        String pairBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        PairCall call = setupPair.pair(pairBody, clock.instant());
        send(ex, call.responseStatus(), JSON_TYPE, call.responseBody());
        return;
      }
      String body =
          syncState ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) : "";
      if (syncState) {
        syncStateCallsInProgress.incrementAndGet();
        pause(syncStateLatency);
      } else if (canonical != null) {
        pause(canonicalLatency);
      }
      try {
        respond(ex, body, seg, ping, canonical, syncState);
      } finally {
        if (syncState) {
          syncStateCallsInProgress.decrementAndGet();
        }
      }
    } catch (RuntimeException e) {
      send(
          ex,
          500,
          JSON_TYPE,
          CanonicalJson.message(
              "Internal Error. Details are available in Magento log file. Report ID: webapi-"
                  + Long.toHexString(System.nanoTime())));
    }
  }

  private static Canonical canonicalRoute(String[] seg) {
    if (seg.length != 2 || seg[1].isEmpty()) {
      return null;
    }
    return switch (seg[0]) {
      case "invoice" -> Canonical.INVOICE;
      case "payment" -> Canonical.PAYMENT;
      case "creditmemo" -> Canonical.CREDITMEMO;
      case "customer" -> Canonical.CUSTOMER;
      case "product" -> Canonical.PRODUCT;
      default -> null;
    };
  }

  /** Authentication and the route itself, once any fault latency has passed. */
  private void respond(
      HttpExchange ex,
      String body,
      String[] seg,
      boolean ping,
      Canonical canonical,
      boolean syncState)
      throws IOException {
    Instant now = clock.instant();
    StoreConnection.Credentials credentials = connection.credentials();
    if (!authorised(ex, credentials, now)) {
      String unauthorized = CanonicalJson.unauthorized();
      if (syncState) {
        syncStateCalls.add(new SyncStateCall(now, body, 401, unauthorized));
      }
      send(ex, 401, JSON_TYPE, unauthorized);
      return;
    }
    if (ping) {
      send(ex, 200, JSON_TYPE, CanonicalJson.ping(credentials.tenantId(), now));
    } else if (canonical != null) {
      serveCanonical(ex, canonical, URLDecoder.decode(seg[1], StandardCharsets.UTF_8));
    } else {
      SyncStateTable.Reply reply = syncStates.upsert(body, now);
      syncStateCalls.add(new SyncStateCall(now, body, reply.status(), reply.body()));
      send(ex, reply.status(), JSON_TYPE, reply.body());
    }
  }

  private void serveCanonical(HttpExchange ex, Canonical route, String rawId) throws IOException {
    if (!NUMERIC.matcher(rawId).matches()) {
      send(
          ex,
          400,
          JSON_TYPE,
          CanonicalJson.messageWithNamed(
              "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify"
                  + " and try again.",
              "value", rawId, "type", "int"));
      return;
    }
    long id = new BigDecimal(rawId.trim()).longValue();
    if (route == Canonical.CUSTOMER) {
      serveCustomer(ex, id);
      return;
    }
    if (route == Canonical.PRODUCT) {
      // Magento's ProductRepository::getById: any id without a product (0 included) is a 404
      Optional<StoreProduct> product = products.apply(id);
      if (product.isEmpty()) {
        send(ex, 404, JSON_TYPE, CanonicalJson.message(NO_PRODUCT));
      } else {
        send(ex, 200, JSON_TYPE, CanonicalJson.product(product.get()));
      }
      return;
    }
    if (id == 0) {
      send(ex, 400, JSON_TYPE, CanonicalJson.message("An ID is needed. Set the ID and try again."));
      return;
    }
    if (route == Canonical.CREDITMEMO) {
      serveCreditMemo(ex, id);
      return;
    }
    Optional<StoreInvoice> inv = invoices.apply(id);
    if (inv.isEmpty()) {
      send(ex, 404, JSON_TYPE, CanonicalJson.message(NO_ENTITY));
    } else if (route == Canonical.INVOICE) {
      send(ex, 200, JSON_TYPE, CanonicalJson.invoice(id, inv.get(), customers));
    } else if (inv.get().payment() == null) {
      send(
          ex,
          404,
          JSON_TYPE,
          PhpJson.standard()
              .beginObject()
              .name("message")
              .value("Invoice %1 has no associated order payment.")
              .name("parameters")
              .beginArray()
              .value(id)
              .endArray()
              .endObject()
              .toString());
    } else {
      send(ex, 200, JSON_TYPE, CanonicalJson.payment(id, inv.get()));
    }
  }

  /** The module loads the memo, then its invoice if it has one: either missing is a 404. */
  private void serveCreditMemo(HttpExchange ex, long id) throws IOException {
    Optional<StoreCreditMemo> memo = creditMemos.apply(id);
    Optional<StoreInvoice> parent =
        memo.map(StoreCreditMemo::invoiceId).flatMap(invoiceId -> invoices.apply(invoiceId));
    if (memo.isEmpty() || (memo.get().invoiceId() != null && parent.isEmpty())) {
      send(ex, 404, JSON_TYPE, CanonicalJson.message(NO_ENTITY));
      return;
    }
    send(
        ex,
        200,
        JSON_TYPE,
        CanonicalJson.creditMemo(id, memo.get(), parent.orElse(null), customers));
  }

  /**
   * CustomerRepositoryInterface::getById: any id the store has no account for (0 and negative ids
   * included) is a NoSuchEntityException for field {@code customerId}, its value the integer id.
   */
  private void serveCustomer(HttpExchange ex, long id) throws IOException {
    Optional<StoreCustomer> customer = customers.find(id);
    if (customer.isEmpty()) {
      send(
          ex,
          404,
          JSON_TYPE,
          PhpJson.standard()
              .beginObject()
              .name("message")
              .value("No such entity with %fieldName = %fieldValue")
              .name("parameters")
              .beginObject()
              .name("fieldName")
              .value("customerId")
              .name("fieldValue")
              .value(id)
              .endObject()
              .endObject()
              .toString());
      return;
    }
    send(ex, 200, JSON_TYPE, CanonicalJson.customer(customer.get(), customers));
  }

  private boolean authorised(
      HttpExchange ex, StoreConnection.Credentials credentials, Instant now) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    Matcher m = header == null ? null : BEARER.matcher(header);
    if (m == null || !m.matches()) {
      authFailures.add(InboundVerifier.NO_BEARER);
      return false;
    }
    String token = m.group(1);
    if (!InboundVerifier.claimedByByte8(token)) {
      authFailures.add(InboundVerifier.NOT_BYTE8);
      return false;
    }
    if (config.productionMode()) {
      // This server speaks plain HTTP only, so in production mode every token is ignored.
      authFailures.add(InboundVerifier.NOT_HTTPS);
      return false;
    }
    InboundVerdict verdict =
        verifier.verifyAndRemember(
            token, credentials.tenantId(), credentials.apiKey(), now.getEpochSecond());
    if (verdict instanceof InboundVerdict.Rejected rejected) {
      authFailures.add(rejected.reason());
      return false;
    }
    return true;
  }

  private static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
