package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox Magento store with the Byte8 connector installed, on a loopback port. It serves {@code
 * GET /rest/V1/byte8/ping}, {@code GET /rest/V1/byte8/invoice/{id}}, {@code GET
 * /rest/V1/byte8/payment/{invoiceId}} and {@code POST /rest/V1/byte8/sync-state} behind inbound-JWT
 * auth, an HTML invoice list at {@code /} and {@code /invoices}, and delivers its outbox to {@code
 * {ledger}/webhooks/magento/{tenant}/{event}}. Everything is in memory.
 *
 * <p>Written independently of {@code adapter-magento} so that tests talking to it cross-check the
 * chassis against a second implementation of WIRE.md.
 */
public final class SandboxStore implements AutoCloseable {
  private static final ObjectMapper PUSH_JSON = new ObjectMapper();

  /** The provider key of the Sage module (WIRE §0). */
  public static final String PROVIDER = "sage_accounting";

  private static final Pattern REST =
      Pattern.compile("^(?:/index\\.php)?/rest(?:/[A-Za-z0-9_]+)?/V1/byte8/(.*)$");
  private static final Pattern BEARER = Pattern.compile("(?i)^\\s*Bearer (\\S.*?)\\s*$");
  private static final Pattern NUMERIC =
      Pattern.compile("^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$");
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final String UNAVAILABLE =
      "Service Unavailable: the store is in maintenance mode. Try again later.";

  private final SandboxStoreConfig config;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService httpExecutor;
  private final InboundVerifier verifier = new InboundVerifier();
  private final SyncStateTable syncStates = new SyncStateTable();
  private final StoreOutbox outbox;
  private final Map<Long, StoreInvoice> invoices = new TreeMap<>();
  private final List<SyncStateCall> syncStateCalls = new CopyOnWriteArrayList<>();
  private final List<String> authFailures = new CopyOnWriteArrayList<>();
  private volatile String ledgerBaseUrl;
  private volatile Duration syncStateLatency = Duration.ZERO;
  private volatile Duration canonicalLatency = Duration.ZERO;
  private volatile boolean unavailable;
  private final AtomicInteger unavailableRefusals = new AtomicInteger();
  private final AtomicInteger syncStateCallsInProgress = new AtomicInteger();
  private long nextInvoiceId = 1;

  private SandboxStore(SandboxStoreConfig config, HttpServer server, ExecutorService executor) {
    this.config = config;
    this.clock = config.clock();
    this.server = server;
    this.httpExecutor = executor;
    this.ledgerBaseUrl = normaliseBase(config.ledgerBaseUrl());
    this.outbox = new StoreOutbox(clock, config.backoffScale(), this::target);
  }

  /** Binds {@code 127.0.0.1:<cfg.port>} (0 = ephemeral) and starts serving. */
  public static SandboxStore start(SandboxStoreConfig cfg) {
    HttpServer server;
    try {
      server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), cfg.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind sandbox store on port " + cfg.port(), e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "sandbox-store-http");
              t.setDaemon(true);
              return t;
            });
    SandboxStore store = new SandboxStore(cfg, server, executor);
    server.createContext("/", store::handle);
    server.setExecutor(executor);
    server.start();
    return store;
  }

  /** The Magento base URL, e.g. {@code http://127.0.0.1:54321} (no trailing slash). */
  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  public String tenantId() {
    return config.tenantId();
  }

  /** Sets (or changes) the ledger base URL; trailing {@code /} is removed. Wakes the outbox. */
  public void setLedgerBaseUrl(String url) {
    this.ledgerBaseUrl = normaliseBase(url);
    outbox.wake();
  }

  /**
   * Raises an invoice as a first invoice save would: assigns the next entity id, stores it, and
   * (unless cancelled) enqueues {@code invoice.created} and, for a PAID invoice, then {@code
   * invoice.paid}, each writing the {@code pending} sync-state mirror row.
   */
  public long raiseInvoice(StoreInvoice spec) {
    long id;
    StoreInvoice resolved;
    synchronized (invoices) {
      id = nextInvoiceId++;
      resolved = spec.resolve(id, clock.instant());
      invoices.put(id, resolved);
    }
    if (resolved.state() != StoreInvoice.State.CANCELLED) {
      enqueueInvoiceEvent("invoice.created", id, resolved, true);
      if (resolved.state() == StoreInvoice.State.PAID) {
        enqueueInvoiceEvent("invoice.paid", id, resolved, false);
      }
    }
    return id;
  }

  /** OPEN to PAID, as a later capture would: enqueues {@code invoice.paid}. */
  public void payInvoice(long invoiceId) {
    StoreInvoice paid;
    synchronized (invoices) {
      StoreInvoice inv = invoices.get(invoiceId);
      if (inv == null) {
        throw new IllegalArgumentException("no invoice " + invoiceId);
      }
      if (inv.state() != StoreInvoice.State.OPEN) {
        return;
      }
      paid = inv.withState(StoreInvoice.State.PAID);
      invoices.put(invoiceId, paid);
    }
    enqueueInvoiceEvent("invoice.paid", invoiceId, paid, false);
  }

  public Optional<StoreInvoice> invoice(long invoiceId) {
    synchronized (invoices) {
      return Optional.ofNullable(invoices.get(invoiceId));
    }
  }

  /** The exact body {@code GET /rest/V1/byte8/invoice/{id}} returns. */
  public Optional<String> canonicalInvoiceJson(long invoiceId) {
    return invoice(invoiceId).map(inv -> CanonicalJson.invoice(invoiceId, inv));
  }

  /**
   * The exact body {@code GET /rest/V1/byte8/payment/{invoiceId}} returns; empty when there is no
   * such invoice or its order has no payment row (the route then answers 404).
   */
  public Optional<String> canonicalPaymentJson(long invoiceId) {
    return invoice(invoiceId)
        .filter(inv -> inv.payment() != null)
        .map(inv -> CanonicalJson.payment(invoiceId, inv));
  }

  /** The sync-state row for provider {@value #PROVIDER}. */
  public Optional<SyncState> syncState(String entityType, long magentoId) {
    return syncState(entityType, magentoId, PROVIDER);
  }

  public Optional<SyncState> syncState(String entityType, long magentoId, String provider) {
    return syncStates.find(entityType, magentoId, provider);
  }

  /** Every POST to the sync-state route, in arrival order (including rejected ones). */
  public List<SyncStateCall> syncStateCalls() {
    return List.copyOf(syncStateCalls);
  }

  /**
   * The accepted sync-state bodies for invoices, per invoice id in arrival order, with keys in
   * snake_case and without {@code last_sync_at}, so that repeats of one push compare equal.
   */
  public Map<Long, List<JsonNode>> acceptedInvoicePushes() {
    Map<Long, List<JsonNode>> out = new java.util.LinkedHashMap<>();
    for (SyncStateCall call : syncStateCalls) {
      if (!call.accepted()) {
        continue;
      }
      ObjectNode normalised = PUSH_JSON.createObjectNode();
      try {
        PUSH_JSON
            .readTree(call.rawBody())
            .fields()
            .forEachRemaining(
                f ->
                    normalised.set(
                        f.getKey().replaceAll("(?<=\\w)(?=[A-Z])", "_").toLowerCase(Locale.ROOT),
                        f.getValue()));
      } catch (IOException e) {
        throw new IllegalStateException("accepted push does not parse: " + call.rawBody(), e);
      }
      normalised.remove("last_sync_at");
      if ("invoice".equals(normalised.path("entity_type").asText())) {
        out.computeIfAbsent(normalised.path("magento_entity_id").asLong(), k -> new ArrayList<>())
            .add(normalised);
      }
    }
    return out;
  }

  /** A snapshot of the outbox, by entity id ascending. */
  public List<OutboxRow> outbox() {
    return outbox.snapshot();
  }

  /** The {@code sync_run_id} the ledger returned for this invoice's {@code invoice.created}. */
  public Optional<String> syncRunId(long invoiceId) {
    return outbox.syncRunId("invoice.created:" + invoiceId);
  }

  /** The {@code sync_run_id} the ledger returned for a given Idempotency-Key. */
  public Optional<String> syncRunIdForKey(String idempotencyKey) {
    return outbox.syncRunId(idempotencyKey);
  }

  /** Why inbound requests were refused (WIRE §2.6 wording), oldest first. */
  public List<String> authFailures() {
    return List.copyOf(authFailures);
  }

  // ---------------------------------------------------------------- faults for tests

  /**
   * Every {@code POST /V1/byte8/sync-state} waits this long after the request was read and before
   * the row is written and the answer sent (zero, the default, disables it). A caller that goes
   * away meanwhile does not stop the write, as with PHP under {@code ignore_user_abort}.
   */
  public void setSyncStateLatency(Duration latency) {
    this.syncStateLatency = requireLatency(latency);
  }

  /**
   * Every {@code GET /V1/byte8/invoice/{id}} and {@code GET /V1/byte8/payment/{id}} waits this long
   * before answering (zero, the default, disables it).
   */
  public void setCanonicalLatency(Duration latency) {
    this.canonicalLatency = requireLatency(latency);
  }

  /**
   * While set, every ledger-facing REST route (ping, invoice, payment, sync-state) answers 503 with
   * Magento's maintenance-mode body before authentication, and sync-state calls are neither applied
   * nor recorded in {@link #syncStateCalls()} (the store is down; nothing reached it). The outbox
   * keeps delivering webhooks: it runs on the store's own cron.
   */
  public void setUnavailable(boolean value) {
    this.unavailable = value;
  }

  /**
   * Sync-state POSTs that have been received but not yet applied (they wait on the {@linkplain
   * #setSyncStateLatency sync-state latency}).
   */
  public int syncStateCallsInProgress() {
    return syncStateCallsInProgress.get();
  }

  /** How many requests were answered 503 because of {@link #setUnavailable(boolean)}. */
  public int unavailableRefusals() {
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

  /** Runs one outbox drain pass now and waits for it (up to 30 s). */
  public void drainOutboxNow() {
    outbox.drainNow(Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    server.stop(0);
    outbox.close();
    httpExecutor.shutdownNow();
    try {
      httpExecutor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- static helpers for tests

  /** HKDF-SHA256 outbound subkey (32 bytes) of a master key, WIRE §2.2. */
  public static byte[] outboundSubkey(String apiKey) {
    return StoreCrypto.outboundSubkey(apiKey);
  }

  /** HKDF-SHA256 inbound subkey (32 bytes) of a master key, WIRE §2.2. */
  public static byte[] inboundSubkey(String apiKey) {
    return StoreCrypto.inboundSubkey(apiKey);
  }

  /** The outbound token Magento's Signer would mint (WIRE §2.4) for this iat and jti. */
  public static String outboundToken(String apiKey, String tenantId, long iat, String jti) {
    return StoreCrypto.outboundToken(apiKey, tenantId, iat, jti);
  }

  /**
   * An inbound token as a ledger would mint it: header {@code {"alg":"HS256","typ":"JWT"}}, claims
   * {@code iss, sub, aud, iat, nbf=iat, exp, jti}, signed with the inbound subkey.
   */
  public static String inboundToken(
      String apiKey, String tenantId, long iat, long exp, String jti) {
    return StoreCrypto.inboundToken(apiKey, tenantId, iat, exp, jti);
  }

  /** WIRE §2.5 rules 1 to 10 (no replay cache) for a token received at {@code now}. */
  public static InboundVerdict verifyInbound(
      String token, String tenantId, String apiKey, Instant now) {
    return InboundVerifier.verifyStateless(token, tenantId, apiKey, now.getEpochSecond());
  }

  // ---------------------------------------------------------------- internals

  private StoreOutbox.Target target() {
    String base = ledgerBaseUrl;
    if (config.tenantId().isEmpty() || config.apiKey().isEmpty() || base == null) {
      return null;
    }
    return new StoreOutbox.Target(config.tenantId(), config.apiKey(), base);
  }

  private static String normaliseBase(String url) {
    if (url == null) {
      return null;
    }
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.isEmpty() ? null : u;
  }

  private void enqueueInvoiceEvent(String event, long id, StoreInvoice inv, boolean withPaid) {
    Instant now = clock.instant();
    PhpJson j = PhpJson.unescapedSlashes();
    j.beginObject();
    j.name("magento_entity_id").value(id);
    j.name("website_id").value(inv.websiteId());
    j.name("store_id").value(inv.storeId());
    j.name("occurred_at").value(CanonicalJson.ISO_Z.format(now));
    j.name("payload").beginObject();
    j.name("increment_id").value(inv.incrementId());
    if (withPaid) {
      j.name("paid").value(inv.state() == StoreInvoice.State.PAID);
    }
    j.endObject().endObject();
    outbox.enqueue(event, j.toString(), event + ":" + id);
    syncStates.markPending("invoice", id, PROVIDER, now);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      if (method.equals("GET") && (path.equals("/") || path.equals("/invoices"))) {
        send(ex, 200, "text/html; charset=utf-8", page());
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
      boolean invoice =
          method.equals("GET") && seg.length == 2 && seg[0].equals("invoice") && !seg[1].isEmpty();
      boolean payment =
          method.equals("GET") && seg.length == 2 && seg[0].equals("payment") && !seg[1].isEmpty();
      boolean syncState = method.equals("POST") && route.equals("sync-state");
      if (!ping && !invoice && !payment && !syncState) {
        send(ex, 404, JSON_TYPE, CanonicalJson.message("Request does not match any route."));
        return;
      }
      if (unavailable) {
        unavailableRefusals.incrementAndGet();
        send(ex, 503, JSON_TYPE, CanonicalJson.message(UNAVAILABLE));
        return;
      }
      String body = syncState ? readBody(ex.getRequestBody()) : "";
      if (syncState) {
        syncStateCallsInProgress.incrementAndGet();
        pause(syncStateLatency);
      } else if (invoice || payment) {
        pause(canonicalLatency);
      }
      try {
        respond(ex, body, seg, ping, invoice, payment, syncState);
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

  /** Authentication and the route itself, once any fault latency has passed. */
  private void respond(
      HttpExchange ex,
      String body,
      String[] seg,
      boolean ping,
      boolean invoice,
      boolean payment,
      boolean syncState)
      throws IOException {
    Instant now = clock.instant();
    if (!authorised(ex, now)) {
      String unauthorized = CanonicalJson.unauthorized();
      if (syncState) {
        syncStateCalls.add(new SyncStateCall(now, body, 401, unauthorized));
      }
      send(ex, 401, JSON_TYPE, unauthorized);
      return;
    }
    if (ping) {
      send(ex, 200, JSON_TYPE, CanonicalJson.ping(config.tenantId(), now));
    } else if (invoice || payment) {
      serveInvoice(ex, URLDecoder.decode(seg[1], StandardCharsets.UTF_8), payment);
    } else {
      SyncStateTable.Reply reply = syncStates.upsert(body, now);
      syncStateCalls.add(new SyncStateCall(now, body, reply.status(), reply.body()));
      send(ex, reply.status(), JSON_TYPE, reply.body());
    }
  }

  private void serveInvoice(HttpExchange ex, String rawId, boolean payment) throws IOException {
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
    if (id == 0) {
      send(ex, 400, JSON_TYPE, CanonicalJson.message("An ID is needed. Set the ID and try again."));
      return;
    }
    Optional<StoreInvoice> inv = invoice(id);
    if (inv.isEmpty()) {
      send(
          ex,
          404,
          JSON_TYPE,
          CanonicalJson.message(
              "The entity that was requested doesn't exist. Verify the entity and try again."));
      return;
    }
    if (payment) {
      if (inv.get().payment() == null) {
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
        return;
      }
      send(ex, 200, JSON_TYPE, CanonicalJson.payment(id, inv.get()));
      return;
    }
    send(ex, 200, JSON_TYPE, CanonicalJson.invoice(id, inv.get()));
  }

  private boolean authorised(HttpExchange ex, Instant now) {
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
        verifier.verifyAndRemember(token, config.tenantId(), config.apiKey(), now.getEpochSecond());
    if (verdict instanceof InboundVerdict.Rejected rejected) {
      authFailures.add(rejected.reason());
      return false;
    }
    return true;
  }

  private String page() {
    List<StorePage.Entry> entries = new ArrayList<>();
    synchronized (invoices) {
      for (Map.Entry<Long, StoreInvoice> e : invoices.entrySet()) {
        entries.add(
            new StorePage.Entry(e.getKey(), e.getValue(), syncState("invoice", e.getKey())));
      }
    }
    return StorePage.render(config.tenantId(), entries);
  }

  private static String readBody(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
