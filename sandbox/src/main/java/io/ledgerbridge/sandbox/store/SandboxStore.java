package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox Magento store with the Byte8 connector installed, on a loopback port. It serves {@code
 * GET /rest/V1/byte8/ping}, {@code GET /rest/V1/byte8/invoice/{id}}, {@code GET
 * /rest/V1/byte8/payment/{invoiceId}}, {@code GET /rest/V1/byte8/creditmemo/{id}}, {@code GET
 * /rest/V1/byte8/customer/{id}}, {@code GET /rest/V1/byte8/product/{id}} and {@code POST
 * /rest/V1/byte8/sync-state} behind inbound-JWT auth, an HTML page of invoices and credit memos at
 * {@code /} and {@code /invoices}, and delivers its outbox ({@code invoice.created}, {@code
 * invoice.paid}, {@code creditmemo.created}, {@code customer.upserted}, {@code product.upserted})
 * to {@code {ledger}/webhooks/magento/{tenant}/{event}}. Everything is in memory.
 *
 * <p>Customers: {@link #saveCustomer} is a save of a customer account (new or edited), which raises
 * {@code customer.upserted} with the module's fixed key, so a repeat while the earlier row is in
 * the outbox is dropped (WIRE §5.2). A registered invoice or memo buyer ({@link
 * StoreContact#registered}) the store has no account for is brought in as an account when the
 * document is raised, and documents render their registered buyer from the account as it is when
 * they are read (WIRE §3.4), so later edits show on earlier invoices as they do in Magento.
 *
 * <p>Products: {@link #saveProduct} (a catalogue save) and {@link #setStockQty} (a stock save) both
 * raise {@code product.upserted} with the one fixed key {@code product.upserted:<id>}, as the
 * module's single observer on both Magento events does.
 *
 * <p>Written independently of {@code adapter-magento} so that tests talking to it cross-check the
 * chassis against a second implementation of WIRE.md.
 *
 * <p>Delivery order: a paid invoice raised in one save enqueues {@code invoice.created} then {@code
 * invoice.paid}, and they are sent in that order. To have {@code invoice.paid} arrive first, as
 * after a transient failure in production, call {@code failNextDeliveries("invoice.created", 1)}
 * before raising the invoice: the first attempt of {@code invoice.created} fails as a network error
 * and waits on its backoff while {@code invoice.paid} is delivered; it is retried when the (scaled)
 * backoff ends or at once with {@link #retryOutboxNow()}.
 *
 * <p>Connection: {@link #start} makes a store already paired with the config's tenant id and api
 * key (and, when given, ledger base URL); {@link #startUnpaired} makes one that is not. Either can
 * be paired (again) the module's way: {@link #generatePairingCode()} is the admin button, and the
 * ledger then calls the anonymous {@code POST /rest/V1/byte8/setup/pair} (WIRE §7) with that code,
 * its tenant id, the api key and its base URL. {@link #disconnect()} is the admin Disconnect button
 * (WIRE §7.4). While not connected the store's observers enqueue nothing, inbound calls answer 401,
 * and rows already in the outbox wait; after a (re-)pairing they go out with the new credentials.
 */
public final class SandboxStore implements AutoCloseable {
  /** The provider key of the Sage module (WIRE §0). */
  public static final String PROVIDER = "sage_accounting";

  /** The customer and product observers' payload, PHP's {@code (object) []}. */
  private static final String EMPTY_PAYLOAD = "{}";

  private final SandboxStoreConfig config;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService httpExecutor;
  private final SyncStateTable syncStates = new SyncStateTable();
  private final StoreOutbox outbox;
  private final StoreRestApi api;
  private final Map<Long, StoreInvoice> invoices = new TreeMap<>();
  private final Map<Long, StoreCreditMemo> creditMemos = new TreeMap<>();
  private final Map<Long, StoreCustomer> customers = new TreeMap<>();
  private final Map<Long, StoreProduct> products = new TreeMap<>();
  private final CanonicalJson.Customers customerDirectory = new CustomerDirectory();
  private final StoreConnection connection;
  private final SetupPair setupPair;
  private final StoreDisconnect disconnectButton;
  private long nextInvoiceId = 1;
  private long nextCreditMemoId = 1;
  private long nextCustomerId = 1;
  private long nextProductId = 1;

  private SandboxStore(SandboxStoreConfig config, HttpServer server, ExecutorService executor) {
    this.config = config;
    this.clock = config.clock();
    this.server = server;
    this.httpExecutor = executor;
    this.connection =
        new StoreConnection(config.tenantId(), config.apiKey(), config.ledgerBaseUrl());
    this.outbox = new StoreOutbox(clock, config.backoffScale(), this::target);
    this.setupPair = new SetupPair(connection, outbox::wake);
    this.disconnectButton = new StoreDisconnect(connection, clock);
    this.api =
        new StoreRestApi(
            config,
            connection,
            setupPair,
            syncStates,
            this::invoice,
            this::creditMemo,
            customerDirectory,
            this::product,
            this::page);
  }

  /**
   * Binds {@code 127.0.0.1:<cfg.port>} (0 = ephemeral) and starts serving, connected as the
   * config's tenant id and api key (not connected when either is empty).
   */
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
    server.createContext("/", store.api::handle);
    server.setExecutor(executor);
    server.start();
    return store;
  }

  /** The Magento base URL, e.g. {@code http://127.0.0.1:54321} (no trailing slash). */
  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /**
   * Starts a store that is not paired yet: no tenant id, api key or ledger base URL, as a fresh
   * install of the module. It serves the page and {@code POST /rest/V1/byte8/setup/pair}; every JWT
   * route answers 401 and raising invoices or credit memos enqueues nothing until it is paired. The
   * config supplies only the clock, deploy mode, backoff scale and port.
   *
   * @throws IllegalArgumentException when the config carries a tenant id, api key or ledger base
   *     URL (those arrive by pairing)
   */
  public static SandboxStore startUnpaired(SandboxStoreConfig cfg) {
    if (!cfg.tenantId().isEmpty() || !cfg.apiKey().isEmpty() || cfg.ledgerBaseUrl() != null) {
      throw new IllegalArgumentException(
          "an unpaired store gets its tenant id, api key and ledger base URL by pairing;"
              + " use SandboxStoreConfig.unpaired()");
    }
    return start(cfg);
  }

  /** The connected tenant id; {@code ""} when the store is not connected. */
  public String tenantId() {
    String tenant = connection.credentials().tenantId();
    return tenant == null ? "" : tenant;
  }

  /** Whether tenant id and api key are both set (the module's {@code isConnected()}). */
  public boolean isConnected() {
    return connection.credentials().connected();
  }

  /**
   * The ledger base URL every §1B call goes to (no trailing slash), or null when none is known. Set
   * by the config, {@link #setLedgerBaseUrl} or pairing; a disconnect keeps it.
   */
  public String ledgerBaseUrl() {
    return connection.credentials().baseUrl();
  }

  /** Sets (or changes) the ledger base URL; trailing {@code /} is removed. Wakes the outbox. */
  public void setLedgerBaseUrl(String url) {
    connection.setBaseUrl(url);
    outbox.wake();
  }

  // ---------------------------------------------------------------- pairing and disconnect

  /**
   * The admin "Generate pairing code" button (WIRE §7.1): returns a new code of 32 lowercase hex
   * characters from a CSPRNG. The store keeps only its SHA-256 and the store clock's time; the code
   * works once, for 1800 s (a code exactly 1800 s old still works), and a newer code replaces it at
   * once. The plaintext is shown this one time: neither the page nor the store keeps it.
   */
  public String generatePairingCode() {
    return connection.issuePairingCode(clock.instant());
  }

  /**
   * When the stored pairing code stops working (issue time + 1800 s), if one is stored; empty once
   * it was used or after a disconnect. A stored code past this time is still reported (the admin
   * page keeps showing it as pending) but pairing with it answers 401.
   */
  public Optional<Instant> pairingCodeExpiresAt() {
    return connection
        .pairingCodeIssuedAt()
        .map(t -> t.plusSeconds(StoreConnection.PAIRING_CODE_TTL_SECONDS));
  }

  /**
   * Every {@code POST /rest/V1/byte8/setup/pair} that reached the store, in arrival order, with the
   * answer and, for a refused code, the reason the module logs (calls refused by {@link
   * #setUnavailable} are not recorded).
   */
  public List<PairCall> pairCalls() {
    return setupPair.calls();
  }

  /**
   * The admin Disconnect button (WIRE §7.4, §1B L4). When connected: POSTs {@code {}} to {@code
   * {ledger_base_url}/v1/tenant/disconnect} with a fresh outbound JWT, {@code Content-Type:
   * application/json} and {@code Idempotency-Key: disconnect:<sha1hex(tenant)>}, once, then deletes
   * the tenant id, api key and any pending pairing code whatever the ledger answered (the ledger
   * base URL is kept). Rows in the outbox stay pending until the store is paired again. When not
   * connected nothing is sent.
   *
   * @return what happened, with the call and the ledger's answer
   */
  public Disconnection disconnect() {
    return disconnectButton.press();
  }

  /** Every ledger notification {@link #disconnect()} made, oldest first. */
  public List<DisconnectCall> disconnectCalls() {
    return disconnectButton.calls();
  }

  // ---------------------------------------------------------------- invoices

  /**
   * Raises an invoice as a first invoice save would: assigns the next entity id, stores it, and
   * (unless cancelled) enqueues {@code invoice.created} and, for a PAID invoice, then {@code
   * invoice.paid}, each writing the {@code pending} sync-state mirror row. While the store is not
   * connected the invoice is saved but nothing is enqueued and no mirror row is written. A
   * registered buyer the store has no account for gets one from the invoice's contact (see {@link
   * #customer}); an existing account is left as it is, and it is what the invoice's {@code
   * customer} shows.
   */
  public long raiseInvoice(StoreInvoice spec) {
    registerBuyer(spec.customer());
    long id;
    StoreInvoice resolved;
    synchronized (invoices) {
      id = nextInvoiceId++;
      resolved = spec.resolve(id, clock.instant());
      invoices.put(id, resolved);
    }
    if (resolved.state() != StoreInvoice.State.CANCELLED) {
      enqueueInvoiceEvent("invoice.created", id, resolved);
      if (resolved.state() == StoreInvoice.State.PAID) {
        enqueueInvoiceEvent("invoice.paid", id, resolved);
      }
    }
    return id;
  }

  /**
   * OPEN to PAID, as a later capture would: enqueues {@code invoice.paid} (unless a row with key
   * {@code invoice.paid:<id>} already exists, or the store is not connected). A paid or cancelled
   * invoice is left alone.
   */
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
    enqueueInvoiceEvent("invoice.paid", invoiceId, paid);
  }

  public Optional<StoreInvoice> invoice(long invoiceId) {
    synchronized (invoices) {
      return Optional.ofNullable(invoices.get(invoiceId));
    }
  }

  /** The exact body {@code GET /rest/V1/byte8/invoice/{id}} returns. */
  public Optional<String> canonicalInvoiceJson(long invoiceId) {
    return invoice(invoiceId).map(inv -> CanonicalJson.invoice(invoiceId, inv, customerDirectory));
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

  // ---------------------------------------------------------------- credit memos

  /**
   * A credit memo builder against invoice {@code invoiceId}, prefilled from its order (see {@link
   * StoreCreditMemo#refunding}); {@code .withoutInvoice()} turns it into an offline refund.
   */
  public StoreCreditMemo.Builder creditMemoFor(long invoiceId) {
    return StoreCreditMemo.refunding(
        invoiceId,
        invoice(invoiceId)
            .orElseThrow(() -> new IllegalArgumentException("no invoice " + invoiceId)));
  }

  /** A full refund of an invoice: every line, and its shipping. Returns the memo id. */
  public long refundInvoice(long invoiceId) {
    return raiseCreditMemo(creditMemoFor(invoiceId).refundAll().build());
  }

  /**
   * Saves a new credit memo as Magento would: assigns the next memo entity id, stores it, and
   * enqueues {@code creditmemo.created} (key {@code creditmemo.created:<id>}) with the {@code
   * pending} sync-state mirror row (only while connected). A memo naming an invoice the store does
   * not have is refused.
   */
  public long raiseCreditMemo(StoreCreditMemo spec) {
    if (spec.invoiceId() != null && invoice(spec.invoiceId()).isEmpty()) {
      throw new IllegalArgumentException("no invoice " + spec.invoiceId());
    }
    registerBuyer(spec.customer());
    long id;
    StoreCreditMemo resolved;
    synchronized (creditMemos) {
      id = nextCreditMemoId++;
      resolved = spec.resolve(id, clock.instant());
      creditMemos.put(id, resolved);
    }
    enqueueCreditMemoEvent(id, resolved);
    return id;
  }

  /**
   * Saves the memo again (e.g. a state change): the observer fires on every save, but the outbox
   * keeps the earlier row with the same key, so nothing new is enqueued while that row exists (WIRE
   * §5.2). The mirror row's {@code last_sync_at} is bumped either way (while connected).
   *
   * @return whether a new outbox row was written
   */
  public boolean saveCreditMemoAgain(long creditMemoId) {
    return enqueueCreditMemoEvent(creditMemoId, requireCreditMemo(creditMemoId));
  }

  /**
   * Adds a comment at the store clock's time as the admin's "Add Comment" does: only the comment
   * row is saved, not the memo, so no event is enqueued. It becomes the memo's {@code reason} when
   * it is the newest non-empty comment (see {@link StoreCreditMemo#reason()}).
   */
  public void addCreditMemoComment(long creditMemoId, String body) {
    synchronized (creditMemos) {
      StoreCreditMemo memo = requireCreditMemo(creditMemoId);
      creditMemos.put(
          creditMemoId, memo.withComment(new StoreCreditMemo.Comment(body, clock.instant())));
    }
  }

  public Optional<StoreCreditMemo> creditMemo(long creditMemoId) {
    synchronized (creditMemos) {
      return Optional.ofNullable(creditMemos.get(creditMemoId));
    }
  }

  /** The exact body {@code GET /rest/V1/byte8/creditmemo/{id}} returns. */
  public Optional<String> canonicalCreditMemoJson(long creditMemoId) {
    return creditMemo(creditMemoId)
        .map(
            m ->
                CanonicalJson.creditMemo(
                    creditMemoId,
                    m,
                    m.invoiceId() == null ? null : invoice(m.invoiceId()).orElse(null),
                    customerDirectory));
  }

  private StoreCreditMemo requireCreditMemo(long creditMemoId) {
    return creditMemo(creditMemoId)
        .orElseThrow(() -> new IllegalArgumentException("no credit memo " + creditMemoId));
  }

  // ---------------------------------------------------------------- customers

  /**
   * Saves a customer account as {@code customer_save_after} sees it: {@code id} 0 is a new account
   * (the next customer id), an id the store has is an edit, and any other id creates the account
   * with that id. {@code created_at} is kept on an edit and {@code updated_at} is the store clock's
   * time unless the customer sets them. Every save, new or edit, raises {@code customer.upserted}
   * (envelope {@code website_id} = the customer's website, {@code store_id} 0, payload {@code {}})
   * with the fixed key {@code customer.upserted:<id>}: while a row with that key is in the outbox
   * (pending, succeeded or dead-lettered) the new event is dropped, so a second edit before the GC
   * cron removed the first delivery's row never reaches the ledger (WIRE §5.2). The mirror row is
   * written (or its {@code last_sync_at} bumped) either way. Nothing is enqueued while the store is
   * not connected.
   *
   * <p>Only a save of the account raises the event: the store has no separate address-book save.
   *
   * @return the customer id
   */
  public long saveCustomer(StoreCustomer customer) {
    StoreCustomer saved;
    synchronized (customers) {
      long id = customer.id() > 0 ? customer.id() : nextCustomerId;
      StoreCustomer existing = customers.get(id);
      saved = customer.resolve(id, existing == null ? null : existing.createdAt(), clock.instant());
      customers.put(id, saved);
      nextCustomerId = Math.max(nextCustomerId, id + 1);
    }
    enqueue("customer.upserted", saved.id(), saved.websiteId(), 0, EMPTY_PAYLOAD);
    return saved.id();
  }

  /**
   * The customer account, as saved or as brought in by an invoice or credit memo of a registered
   * buyer (see {@link #raiseInvoice}).
   */
  public Optional<StoreCustomer> customer(long customerId) {
    synchronized (customers) {
      return Optional.ofNullable(customers.get(customerId));
    }
  }

  /**
   * Deletes the customer account (no event: the module observes no customer delete). Its id then
   * answers 404 on the customer route, and its invoices and credit memos carry the synthetic guest
   * contact built from the order (WIRE §3.4). Raising another document for that buyer brings the
   * account back.
   *
   * @return whether there was such an account
   */
  public boolean deleteCustomer(long customerId) {
    synchronized (customers) {
      return customers.remove(customerId) != null;
    }
  }

  /**
   * The exact body {@code GET /rest/V1/byte8/customer/{id}} returns: the account as it is now, with
   * the most-recent-order fallback for an account without default addresses (WIRE §3.3).
   */
  public Optional<String> canonicalCustomerJson(long customerId) {
    return customer(customerId).map(c -> CanonicalJson.customer(c, customerDirectory));
  }

  /**
   * A registered buyer's account exists before its order: an invoice or memo naming a customer id
   * the store does not have brings that account in from the document's contact (no event, as it was
   * registered earlier). An account the store has is left alone: documents render their buyer from
   * the account as it is when they are read, as the module does.
   */
  private void registerBuyer(StoreContact buyer) {
    if (buyer.isGuest()) {
      return;
    }
    synchronized (customers) {
      if (!customers.containsKey(buyer.magentoId())) {
        customers.put(buyer.magentoId(), StoreCustomer.fromContact(buyer));
        nextCustomerId = Math.max(nextCustomerId, buyer.magentoId() + 1);
      }
    }
  }

  /**
   * The customer's most recent order: of its invoices' orders (created at the invoice's time) and
   * its offline credit memos' orders, the latest; on a tie the invoice with the higher id, then
   * offline memos after invoices.
   */
  private Optional<CanonicalJson.OrderAddresses> mostRecentOrder(long customerId) {
    Instant best = null;
    CanonicalJson.OrderAddresses found = null;
    List<StoreInvoice> invoiceSnapshot;
    synchronized (invoices) {
      invoiceSnapshot = new ArrayList<>(invoices.values());
    }
    for (StoreInvoice inv : invoiceSnapshot) {
      if (inv.customer().magentoId() == customerId
          && (best == null || !inv.createdAt().isBefore(best))) {
        best = inv.createdAt();
        found = new CanonicalJson.OrderAddresses(inv.billingAddress(), inv.shippingAddress());
      }
    }
    List<StoreCreditMemo> memoSnapshot;
    synchronized (creditMemos) {
      memoSnapshot = new ArrayList<>(creditMemos.values());
    }
    for (StoreCreditMemo memo : memoSnapshot) {
      if (memo.invoiceId() == null
          && memo.customer().magentoId() == customerId
          && (best == null || !memo.orderCreatedAt().isBefore(best))) {
        best = memo.orderCreatedAt();
        found = new CanonicalJson.OrderAddresses(memo.billingAddress(), memo.shippingAddress());
      }
    }
    return Optional.ofNullable(found);
  }

  /** The customer table and orders as the canonical repositories read them. */
  private final class CustomerDirectory implements CanonicalJson.Customers {
    @Override
    public Optional<StoreCustomer> find(long customerId) {
      return customer(customerId);
    }

    @Override
    public Optional<CanonicalJson.OrderAddresses> mostRecentOrder(long customerId) {
      return SandboxStore.this.mostRecentOrder(customerId);
    }
  }

  // ---------------------------------------------------------------- products

  /**
   * Saves a product as {@code catalog_product_save_after} sees it: {@code id} 0 is a new product
   * (the next product id), an id the store has is an edit, and any other id creates the product
   * with that id. {@code created_at} is kept on an edit and {@code updated_at} is the store clock's
   * time unless the product sets them; the stock item is saved with it. Every save raises {@code
   * product.upserted} (envelope {@code website_id} 0, {@code store_id} 0, payload {@code {}}) with
   * the fixed key {@code product.upserted:<id>}, dropped while a row with that key is in the outbox
   * in any status (WIRE §5.2); the mirror row is written either way. Nothing is enqueued while the
   * store is not connected.
   *
   * @return the product id
   */
  public long saveProduct(StoreProduct product) {
    StoreProduct saved;
    synchronized (products) {
      long id = product.id() > 0 ? product.id() : nextProductId;
      StoreProduct existing = products.get(id);
      saved = product.resolve(id, existing == null ? null : existing.createdAt(), clock.instant());
      products.put(id, saved);
      nextProductId = Math.max(nextProductId, id + 1);
    }
    enqueue("product.upserted", saved.id(), 0, 0, EMPTY_PAYLOAD);
    return saved.id();
  }

  /**
   * A stock save (admin, API or import) setting the product's default-stock quantity: the stock
   * item gets {@code qty} (a product without one gets a managed stock item), the product row and
   * its {@code updated_at} are untouched, and {@code cataloginventory_stock_item_save_after} raises
   * {@code product.upserted} for the item's product id through the same observer and fixed key as a
   * product save, so it is dropped while an earlier row for that product is in the outbox: stock
   * that changes daily reaches the ledger once per GC window (WIRE §5.2).
   */
  public void setStockQty(long productId, BigDecimal qty) {
    synchronized (products) {
      StoreProduct p = products.get(productId);
      if (p == null) {
        throw new IllegalArgumentException("no product " + productId);
      }
      StoreProduct.StockItem item =
          p.stockItem() == null
              ? new StoreProduct.StockItem(qty, true)
              : p.stockItem().withQty(qty);
      products.put(productId, p.withStockItem(item));
    }
    enqueue("product.upserted", productId, 0, 0, EMPTY_PAYLOAD);
  }

  /** {@link #setStockQty(long, BigDecimal)} with a decimal string. */
  public void setStockQty(long productId, String qty) {
    setStockQty(productId, new BigDecimal(qty));
  }

  public Optional<StoreProduct> product(long productId) {
    synchronized (products) {
      return Optional.ofNullable(products.get(productId));
    }
  }

  /**
   * Deletes the product (no event: the module observes no product delete); its id then answers 404
   * on the product route.
   *
   * @return whether there was such a product
   */
  public boolean deleteProduct(long productId) {
    synchronized (products) {
      return products.remove(productId) != null;
    }
  }

  /** The exact body {@code GET /rest/V1/byte8/product/{id}} returns (WIRE §3.7). */
  public Optional<String> canonicalProductJson(long productId) {
    return product(productId).map(CanonicalJson::product);
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
    return api.syncStateCalls();
  }

  /**
   * The accepted sync-state bodies for invoices, per invoice id in arrival order, with keys in
   * snake_case and without {@code last_sync_at}, so that repeats of one push compare equal.
   */
  public Map<Long, List<JsonNode>> acceptedInvoicePushes() {
    return acceptedPushes("invoice");
  }

  /** As {@link #acceptedInvoicePushes()}, for any entity type (e.g. {@code creditmemo}). */
  public Map<Long, List<JsonNode>> acceptedPushes(String entityType) {
    return SyncStateTable.acceptedPushes(api.syncStateCalls(), entityType);
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
    return api.authFailures();
  }

  // ---------------------------------------------------------------- faults for tests

  /**
   * Every {@code POST /V1/byte8/sync-state} waits this long after the request was read and before
   * the row is written and the answer sent (zero, the default, disables it). A caller that goes
   * away meanwhile does not stop the write, as with PHP under {@code ignore_user_abort}.
   */
  public void setSyncStateLatency(Duration latency) {
    api.setSyncStateLatency(latency);
  }

  /**
   * Every canonical GET ({@code invoice/{id}}, {@code payment/{id}}, {@code creditmemo/{id}},
   * {@code customer/{id}}, {@code product/{id}}) waits this long before answering (zero, the
   * default, disables it).
   */
  public void setCanonicalLatency(Duration latency) {
    api.setCanonicalLatency(latency);
  }

  /**
   * While set, every ledger-facing REST route (ping, invoice, payment, creditmemo, customer,
   * product, sync-state, setup/pair) answers 503 with Magento's maintenance-mode body before
   * authentication, and sync-state calls are neither applied nor recorded in {@link
   * #syncStateCalls()} (the store is down; nothing reached it). The outbox keeps delivering
   * webhooks: it runs on the store's own cron.
   */
  public void setUnavailable(boolean value) {
    api.setUnavailable(value);
  }

  /**
   * Sync-state POSTs that have been received but not yet applied (they wait on the {@linkplain
   * #setSyncStateLatency sync-state latency}).
   */
  public int syncStateCallsInProgress() {
    return api.syncStateCallsInProgress();
  }

  /** How many requests were answered 503 because of {@link #setUnavailable(boolean)}. */
  public int unavailableRefusals() {
    return api.unavailableRefusals();
  }

  /**
   * The next {@code count} delivery attempts of outbox rows of event {@code eventName} (e.g. {@code
   * invoice.created}) fail as a transient network error, without reaching the ledger: each counts
   * as an attempt and puts the row on the (scaled) backoff ladder, while later rows are delivered.
   * {@code failNextDeliveries("invoice.created", 1)} before raising a paid invoice makes {@code
   * invoice.paid} arrive before {@code invoice.created}, as after a transient failure in
   * production.
   */
  public void failNextDeliveries(String eventName, int count) {
    outbox.failNextDeliveries(eventName, count);
  }

  /** Runs one outbox drain pass now and waits for it (up to 30 s). */
  public void drainOutboxNow() {
    outbox.drainNow(Duration.ofSeconds(30));
  }

  /**
   * Ends every pending row's backoff early (as if the wait had elapsed), then runs one drain pass
   * and waits for it: rows that failed transiently are retried now, in entity id order.
   */
  public void retryOutboxNow() {
    outbox.makePendingDue();
    drainOutboxNow();
  }

  /**
   * The outbox GC cron (WIRE §6.4) at the store clock's time: deletes succeeded rows whose last
   * attempt is more than 30 days old, after which a later save of the same entity enqueues again
   * with the same Idempotency-Key.
   *
   * @return how many rows were deleted
   */
  public int runOutboxGc() {
    return outbox.collectGarbage(clock.instant());
  }

  /**
   * Runs the GC cron as it would run at {@code at} (e.g. 31 days from now), without moving the
   * store's clock, which also signs and checks tokens: tests use it to let a fixed-key event (a
   * customer or product save) be sent again.
   *
   * @return how many rows were deleted
   */
  public int runOutboxGcAsOf(java.time.Instant at) {
    return outbox.collectGarbage(at);
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

  /** The drain's destination, read afresh for each pass; null while not connected or no URL. */
  private StoreOutbox.Target target() {
    StoreConnection.Credentials c = connection.credentials();
    if (!c.connected() || c.baseUrl() == null) {
      return null;
    }
    return new StoreOutbox.Target(c.tenantId(), c.apiKey(), c.baseUrl());
  }

  private void enqueueInvoiceEvent(String event, long id, StoreInvoice inv) {
    Boolean paid = event.equals("invoice.created") ? inv.state() == StoreInvoice.State.PAID : null;
    enqueue(event, id, inv.websiteId(), inv.storeId(), incrementPayload(inv.incrementId(), paid));
  }

  private boolean enqueueCreditMemoEvent(long id, StoreCreditMemo memo) {
    return enqueue(
        "creditmemo.created",
        id,
        memo.websiteId(),
        memo.storeId(),
        incrementPayload(memo.incrementId(), null));
  }

  /** {@code {"increment_id":…}} plus {@code "paid"} when given, encoded as the envelope is. */
  private static String incrementPayload(String incrementId, Boolean paid) {
    PhpJson j = PhpJson.unescapedSlashes();
    j.beginObject();
    j.name("increment_id").value(incrementId);
    if (paid != null) {
      j.name("paid").value(paid.booleanValue());
    }
    return j.endObject().toString();
  }

  /**
   * ByteClient::enqueueEvent as the observers call it, only while connected: the WIRE §5.1 envelope
   * (with {@code payload}, an already encoded JSON object) encoded with JSON_UNESCAPED_SLASHES, key
   * {@code <event>:<id>}, dropped when a row with that key exists, and the mirror row of the
   * event's entity type written (or its last_sync_at bumped) either way.
   */
  private boolean enqueue(String event, long id, int websiteId, int storeId, String payload) {
    if (!isConnected()) {
      return false; // the observers return at once unless connected (WIRE §5.1)
    }
    Instant now = clock.instant();
    PhpJson j = PhpJson.unescapedSlashes();
    j.beginObject();
    j.name("magento_entity_id").value(id);
    j.name("website_id").value(websiteId);
    j.name("store_id").value(storeId);
    j.name("occurred_at").value(CanonicalJson.ISO_Z.format(now));
    j.name("payload").raw(payload);
    j.endObject();
    boolean enqueued = outbox.enqueue(event, j.toString(), event + ":" + id);
    syncStates.markPending(event.substring(0, event.indexOf('.')), id, PROVIDER, now);
    return enqueued;
  }

  private String page() {
    List<StorePage.Entry> entries = new ArrayList<>();
    synchronized (invoices) {
      for (Map.Entry<Long, StoreInvoice> e : invoices.entrySet()) {
        entries.add(
            new StorePage.Entry(e.getKey(), e.getValue(), syncState("invoice", e.getKey())));
      }
    }
    List<StorePage.MemoEntry> memos = new ArrayList<>();
    Map<Long, StoreCreditMemo> memoSnapshot;
    synchronized (creditMemos) {
      memoSnapshot = new TreeMap<>(creditMemos);
    }
    for (Map.Entry<Long, StoreCreditMemo> e : memoSnapshot.entrySet()) {
      Long invoiceId = e.getValue().invoiceId();
      String invoiceIncrement =
          invoiceId == null ? null : invoice(invoiceId).map(StoreInvoice::incrementId).orElse(null);
      memos.add(
          new StorePage.MemoEntry(
              e.getKey(), e.getValue(), invoiceIncrement, syncState("creditmemo", e.getKey())));
    }
    return StorePage.render(connection.pageView(clock.instant()), entries, memos);
  }
}
