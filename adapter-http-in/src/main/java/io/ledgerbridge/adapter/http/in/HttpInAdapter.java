package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.PreviewInvoiceUseCase;
import io.ledgerbridge.ports.in.QuerySyncRunsUseCase;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound HTTP adapter: one Jetty server (ADR 0016) serving
 *
 * <ul>
 *   <li>{@code POST /webhooks/magento/{tenant}/{event}}: store events (WIRE §1B L1, §5);
 *   <li>{@code GET /v1/tile/health}: the store's admin tile (WIRE §1B L3); {@code GET /v1/status}
 *       (L2) and {@code POST /v1/tenant/disconnect} (L4), authenticated like webhooks;
 *   <li>{@code POST /v1/magento/connect} (admin token): pairs a store; {@code GET
 *       /oauth/sage/start}, {@code /oauth/sage/callback}, {@code POST /oauth/sage/select}: connects
 *       a binding to Sage (pages for the merchant's browser);
 *   <li>{@code GET /healthz}: liveness (the process answers); {@code GET /readyz}: readiness (every
 *       configured backend answers), for load balancers and orchestrators; {@code GET /metrics}:
 *       Prometheus metrics, when {@link Builder#metrics} is given;
 *   <li>{@code GET /dashboard}, {@code /dashboard/sync}, {@code /dashboard/sync/{runId}}: the
 *       server-rendered sync history (PRODUCT §5); {@code /dashboard/bindings} (health and actions)
 *       and {@code /dashboard/settings/{tenant}} (the sync policy's seven cards, preview, save,
 *       {@code /versions}) for signed-in console users;
 *   <li>{@code GET /api/sync-runs}, {@code /api/sync-runs/{runId}}: read-only JSON;
 *   <li>{@code GET|PUT /admin/bindings/{tenant}/policy}, {@code POST
 *       /admin/bindings/{tenant}/reference/refresh}, {@code POST /admin/bindings/{tenant}/preview}:
 *       the admin API, only when an admin token is configured (see {@link Builder#adminToken}).
 * </ul>
 *
 * <p>The server's limits ({@link HttpInConfig}) keep slow or oversized clients from holding the
 * request threads; when every request thread is busy it answers 503 with {@code Retry-After}. Every
 * route is documented in {@code docs/admin-api.yaml}. The dashboard and {@code /api} carry no
 * authentication of their own: bind to a private interface or put them behind an authenticating
 * proxy. The admin API requires {@code Authorization: Bearer <admin token>}.
 */
public final class HttpInAdapter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpInAdapter.class);

  /** How long {@link #close()} waits for in-flight requests by default. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final Server server;
  private final ServerConnector connector;
  private final ServerConnector adminConnector;
  private final Router router;
  private final Duration shutdownGrace;
  private final int port;
  private boolean closed;

  private HttpInAdapter(
      Server server,
      ServerConnector connector,
      ServerConnector adminConnector,
      Router router,
      Duration shutdownGrace) {
    this.server = server;
    this.connector = connector;
    this.adminConnector = adminConnector;
    this.router = router;
    this.shutdownGrace = shutdownGrace;
    this.port = connector.getLocalPort();
  }

  /** Argon2id password hashing for console accounts (the CLI's {@code users} commands). */
  public static io.ledgerbridge.ports.out.PasswordHasher passwordHasher() {
    return new Argon2PasswordHasher();
  }

  /**
   * The admin listener's bound port (console, {@code /api}, {@code /admin}, {@code /metrics}), or
   * -1 when none was configured.
   */
  public int adminPort() {
    return adminConnector == null ? -1 : adminConnector.getLocalPort();
  }

  /**
   * Binds and starts the server with the system UTC clock, no binding lookup (the health tile then
   * omits {@code binding}) and the default shutdown grace.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static HttpInAdapter start(
      HttpInConfig config,
      AcceptWebhookUseCase accept,
      WebhookAuthenticator authenticator,
      QuerySyncRunsUseCase query,
      HealthProbe health) {
    return builder(config)
        .accept(accept)
        .authenticator(authenticator)
        .query(query)
        .health(health)
        .start();
  }

  public static Builder builder(HttpInConfig config) {
    return new Builder(config);
  }

  /** The request router, for tests of this package. */
  Router router() {
    return router;
  }

  /** The bound port (the ephemeral one when the config said 0). */
  public int port() {
    return port;
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return new InetSocketAddress(connector.getHost(), port);
  }

  /**
   * Stops gracefully: new requests get 503 with {@code Connection: close}, requests already in a
   * handler get up to the shutdown grace to finish, then the listener and the workers stop.
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    router.beginClosing();
    long deadline = System.nanoTime() + shutdownGrace.toNanos();
    while (router.inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (router.inFlight() > 0) {
      LOG.warn("http-in stopping with {} request(s) still in flight", router.inFlight());
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("http-in did not stop cleanly: {}", e.toString());
    }
    LOG.info("http-in stopped");
  }

  /**
   * Collaborators: accept, authenticator, query and health are required; the rest, including the
   * admin API's token and use cases, are optional.
   */
  public static final class Builder {
    private final HttpInConfig config;
    private AcceptWebhookUseCase accept;
    private WebhookAuthenticator authenticator;
    private QuerySyncRunsUseCase query;
    private HealthProbe health;
    private ReadinessProbe readiness;
    private BindingLookup bindings = BindingLookup.none();
    private Clock clock = Clock.systemUTC();
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private String adminToken;
    private ManagePolicyUseCase managePolicy;
    private RefreshReferenceDataUseCase refreshReference;
    private PreviewInvoiceUseCase preview;
    private InvoiceParser invoiceParser;
    private DocumentParser<CanonicalPayment> paymentParser;
    private DocumentParser<CanonicalCreditMemo> creditMemoParser;
    private DocumentParser<io.ledgerbridge.core.invoice.DocumentFigures> sentDocumentParser;
    private DocumentParser<io.ledgerbridge.core.canonical.CanonicalContact> customerParser;
    private DocumentParser<io.ledgerbridge.core.canonical.CanonicalProduct> productParser;
    private ConnectStoreUseCase connectStore;
    private ConnectSageUseCase connectSage;
    private DisconnectBindingUseCase disconnect;
    private io.ledgerbridge.ports.in.RegisterBindingUseCase pauseResume;
    private io.ledgerbridge.ports.in.BindingHealthUseCase bindingHealth;
    private boolean secureCookies;
    private String cookiePath = "/oauth/sage";
    private HttpInConfig adminListener;
    private ConsoleAccessUseCase consoleAccess;
    private io.ledgerbridge.ports.in.RetrySyncRunUseCase retry;
    private io.ledgerbridge.ports.in.ManageDeadLettersUseCase deadLetters;
    private boolean consoleSecureCookies;
    private java.util.function.Supplier<java.util.List<io.ledgerbridge.core.binding.Binding>>
        bindingDirectory;
    private java.util.function.Supplier<String> metricsScrape;
    private ChassisMetrics chassisMetrics = ChassisMetrics.NONE;
    private Function<SyncPolicy, Map<String, Object>> policyEncoder = PolicyCodec::encode;
    private Function<Map<String, Object>, PolicyCodec.Decoded> policyDecoder = PolicyCodec::decode;

    private Builder(HttpInConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder accept(AcceptWebhookUseCase value) {
      this.accept = Objects.requireNonNull(value, "accept");
      return this;
    }

    public Builder authenticator(WebhookAuthenticator value) {
      this.authenticator = Objects.requireNonNull(value, "authenticator");
      return this;
    }

    public Builder query(QuerySyncRunsUseCase value) {
      this.query = Objects.requireNonNull(value, "query");
      return this;
    }

    /** Liveness ({@code /healthz}): keep it independent of backends a restart cannot fix. */
    public Builder health(HealthProbe value) {
      this.health = Objects.requireNonNull(value, "health");
      return this;
    }

    /** Readiness ({@code /readyz}); unset, it follows {@link #health}. */
    public Builder readiness(ReadinessProbe value) {
      this.readiness = Objects.requireNonNull(value, "readiness");
      return this;
    }

    /**
     * Binding status and region for the store's health tile; e.g. {@code bindingRepository::find}.
     */
    public Builder bindings(BindingLookup value) {
      this.bindings = Objects.requireNonNull(value, "bindings");
      return this;
    }

    /** Clock for the tile's 24-hour window. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      Objects.requireNonNull(value, "shutdownGrace");
      if (value.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative");
      }
      this.shutdownGrace = value;
      return this;
    }

    /**
     * The bearer token of the admin API ({@code /admin/...}); {@code null} (the default) disables
     * the admin API, which then answers 404 {@code admin_api_disabled}. Compared in constant time;
     * never logged. Use a long random value.
     *
     * @throws IllegalArgumentException if the token is blank or contains whitespace or control
     *     characters
     */
    public Builder adminToken(String value) {
      if (value != null) {
        if (value.isEmpty() || value.length() > AdminToken.MAX_TOKEN_LENGTH - 16) {
          throw new IllegalArgumentException("adminToken must be 1 to 4080 characters");
        }
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          if (c <= 0x20 || c == 0x7f) {
            throw new IllegalArgumentException(
                "adminToken must not contain whitespace or control characters");
          }
        }
      }
      this.adminToken = value;
      return this;
    }

    /** Serves {@code GET|PUT /admin/bindings/{tenant}/policy}; without it that route is 404. */
    public Builder managePolicy(ManagePolicyUseCase value) {
      this.managePolicy = Objects.requireNonNull(value, "managePolicy");
      return this;
    }

    /**
     * Serves {@code POST /admin/bindings/{tenant}/reference/refresh}; without it that route is 404.
     */
    public Builder refreshReference(RefreshReferenceDataUseCase value) {
      this.refreshReference = Objects.requireNonNull(value, "refreshReference");
      return this;
    }

    /**
     * Serves {@code POST /admin/bindings/{tenant}/preview} together with {@link #invoiceParser};
     * without both that route is 404.
     */
    public Builder preview(PreviewInvoiceUseCase value) {
      this.preview = Objects.requireNonNull(value, "preview");
      return this;
    }

    /**
     * Parses the canonical invoice of a preview request, e.g. {@code
     * MagentoAdapter::parseCanonicalInvoice}.
     */
    public Builder invoiceParser(InvoiceParser value) {
      this.invoiceParser = Objects.requireNonNull(value, "invoiceParser");
      return this;
    }

    /** Lets the preview route take a canonical payment ({@code {"payment":{...}}}). */
    public Builder paymentParser(DocumentParser<CanonicalPayment> value) {
      this.paymentParser = Objects.requireNonNull(value, "paymentParser");
      return this;
    }

    /** Lets the preview route take a canonical customer ({@code {"customer":{...}}}). */
    public Builder customerParser(
        DocumentParser<io.ledgerbridge.core.canonical.CanonicalContact> value) {
      this.customerParser = Objects.requireNonNull(value, "customerParser");
      return this;
    }

    /** Lets the preview route take a canonical product ({@code {"product":{...}}}). */
    public Builder productParser(
        DocumentParser<io.ledgerbridge.core.canonical.CanonicalProduct> value) {
      this.productParser = Objects.requireNonNull(value, "productParser");
      return this;
    }

    /** Lets the preview route take a canonical credit memo ({@code {"credit_memo":{...}}}). */
    public Builder creditMemoParser(DocumentParser<CanonicalCreditMemo> value) {
      this.creditMemoParser = Objects.requireNonNull(value, "creditMemoParser");
      return this;
    }

    /**
     * Lets the run-detail page read the sales invoice or credit note body sent to Sage (the Sage
     * adapter's {@code SageAdapter::sentFigures}) and set it beside the store's document (read with
     * {@link #invoiceParser} and {@link #creditMemoParser}); without it the page has no "store said
     * / Sage received" view.
     */
    public Builder sentDocumentParser(
        DocumentParser<io.ledgerbridge.core.invoice.DocumentFigures> value) {
      this.sentDocumentParser = Objects.requireNonNull(value, "sentDocumentParser");
      return this;
    }

    /**
     * Serves {@code POST /v1/magento/connect} (pairing, admin token required); without it that
     * route is 404 {@code not_configured}.
     */
    public Builder connectStore(ConnectStoreUseCase value) {
      this.connectStore = Objects.requireNonNull(value, "connectStore");
      return this;
    }

    /**
     * Serves the Sage OAuth pages {@code /oauth/sage/start}, {@code /callback} and {@code /select};
     * without it they say Sage connections are not configured.
     */
    public Builder connectSage(ConnectSageUseCase value) {
      this.connectSage = Objects.requireNonNull(value, "connectSage");
      return this;
    }

    /**
     * Serves {@code POST /v1/tenant/disconnect} (the store's Disconnect button); without it that
     * route answers 503 {@code not_configured}.
     */
    public Builder disconnect(DisconnectBindingUseCase value) {
      this.disconnect = Objects.requireNonNull(value, "disconnect");
      return this;
    }

    /**
     * Pauses and resumes bindings from the console's bindings page ({@link
     * io.ledgerbridge.ports.in.RegisterBindingUseCase#changeStatus}); without it the page offers
     * neither.
     */
    public Builder pauseResume(io.ledgerbridge.ports.in.RegisterBindingUseCase value) {
      this.pauseResume = Objects.requireNonNull(value, "pauseResume");
      return this;
    }

    /**
     * Each binding's Sage access, last success and reference-data age on the console's bindings
     * page; without it those columns say unknown.
     */
    public Builder bindingHealth(io.ledgerbridge.ports.in.BindingHealthUseCase value) {
      this.bindingHealth = Objects.requireNonNull(value, "bindingHealth");
      return this;
    }

    /** Lists the bindings for the console's bindings page; without it that page says so. */
    public Builder bindingDirectory(
        java.util.function.Supplier<java.util.List<io.ledgerbridge.core.binding.Binding>> value) {
      this.bindingDirectory = Objects.requireNonNull(value, "bindingDirectory");
      return this;
    }

    /**
     * The chassis's public URL (null when not configured): an https URL marks the OAuth browser
     * cookie {@code Secure}, and a path prefix (a proxy serving the chassis under {@code /ledger})
     * is part of the cookie's path, so the browser sends it back to the callback.
     */
    public Builder publicUrl(String value) {
      String url = value == null ? "" : value.trim();
      this.secureCookies = url.regionMatches(true, 0, "https://", 0, 8);
      String path = "";
      try {
        path = url.isEmpty() ? "" : java.net.URI.create(url).getRawPath();
      } catch (IllegalArgumentException e) {
        path = "";
      }
      path = path == null ? "" : path;
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      this.cookiePath = path + "/oauth/sage";
      return this;
    }

    /**
     * The admin listener: the console ({@code /login}, {@code /dashboard/...}), {@code /api}, the
     * admin API and metrics are served only on it; the main listener serves only what the store and
     * the merchant's browser call. Without it those routes are not served at all. Its limits
     * (threads, timeouts) are shared with the main listener's; only the address and port are taken
     * from {@code value}.
     */
    public Builder adminListener(HttpInConfig value) {
      this.adminListener = Objects.requireNonNull(value, "adminListener");
      return this;
    }

    /** Console accounts, sessions and the audit log; without it nobody can sign in. */
    public Builder consoleAccess(ConsoleAccessUseCase value) {
      this.consoleAccess = Objects.requireNonNull(value, "consoleAccess");
      return this;
    }

    /** The sync history's retry buttons; without it the history shows none. */
    public Builder retry(io.ledgerbridge.ports.in.RetrySyncRunUseCase value) {
      this.retry = Objects.requireNonNull(value, "retry");
      return this;
    }

    /** The console's dead-letter page and its requeue forms; without it that page says so. */
    public Builder deadLetters(io.ledgerbridge.ports.in.ManageDeadLettersUseCase value) {
      this.deadLetters = Objects.requireNonNull(value, "deadLetters");
      return this;
    }

    /** Marks the console's cookies {@code Secure}: the console is served to browsers over https. */
    public Builder consoleSecureCookies(boolean value) {
      this.consoleSecureCookies = value;
      return this;
    }

    /**
     * Serves {@code GET /metrics}: {@code scrape} renders every metric in the Prometheus text
     * format 0.0.4 (e.g. {@code prometheusMeterRegistry::scrape}); without it that route is 404.
     */
    public Builder metrics(java.util.function.Supplier<String> scrape) {
      this.metricsScrape = Objects.requireNonNull(scrape, "scrape");
      return this;
    }

    /** Where accepted and rejected webhooks are counted; unset, nowhere. */
    public Builder chassisMetrics(ChassisMetrics value) {
      this.chassisMetrics = Objects.requireNonNull(value, "chassisMetrics");
      return this;
    }

    /** Tests only: stands in for {@link PolicyCodec} when building settings documents. */
    Builder policyCodec(
        Function<SyncPolicy, Map<String, Object>> encoder,
        Function<Map<String, Object>, PolicyCodec.Decoded> decoder) {
      this.policyEncoder = Objects.requireNonNull(encoder, "encoder");
      this.policyDecoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public HttpInAdapter start() {
      Objects.requireNonNull(accept, "accept use case is required");
      Objects.requireNonNull(authenticator, "authenticator is required");
      Objects.requireNonNull(query, "query use case is required");
      Objects.requireNonNull(health, "health probe is required");
      RejectionLog rejections = new RejectionLog(clock);
      ConsoleAuth auth =
          new ConsoleAuth(consoleAccess, new AdminToken(adminToken), consoleSecureCookies);
      StoreTokenAuth storeAuth = new StoreTokenAuth(authenticator, rejections);
      Router router =
          new Router(
              new WebhookHandler(
                  accept, authenticator, config.maxBodyBytes(), rejections, chassisMetrics),
              new TileHealthHandler(storeAuth, query, bindings, clock),
              health,
              readiness != null ? readiness : ReadinessProbe.sameAs(health),
              new DashboardHandler(query, retry != null),
              new RunDetailHandler(query, invoiceParser, creditMemoParser, sentDocumentParser),
              new SyncRunsApiHandler(query),
              new AdminApiHandler(
                  auth,
                  managePolicy,
                  refreshReference,
                  preview,
                  invoiceParser,
                  paymentParser,
                  creditMemoParser,
                  customerParser,
                  productParser,
                  policyEncoder,
                  policyDecoder,
                  config.maxBodyBytes(),
                  disconnect,
                  connectSage),
              new StoreApiHandler(storeAuth, query, disconnect),
              new ConnectHandler(
                  new AdminToken(adminToken), connectStore, connectSage, secureCookies, cookiePath),
              new BindingsConsoleHandler(
                  bindingDirectory,
                  query,
                  auth,
                  disconnect,
                  connectSage,
                  refreshReference,
                  pauseResume,
                  bindingHealth,
                  clock),
              new SettingsConsoleHandler(
                  bindingDirectory,
                  managePolicy,
                  preview,
                  policyEncoder,
                  auth,
                  clock,
                  query,
                  invoiceParser),
              new RunRetryHandler(query, retry, auth),
              new DeadLettersHandler(deadLetters, auth),
              auth,
              config,
              rejections,
              new MetricsHandler(metricsScrape));
      int maxThreads = config.threads() + HttpInConfig.RESERVED_THREADS;
      // jobs beyond the threads wait here; the Router answers 503 once the request threads are
      // all busy, so this queue stays short (a bounded one makes Jetty warn and drop connections)
      QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads), 60_000);
      pool.setName("http-in");
      pool.setDaemon(true);
      Server server = new Server(pool);
      server.setErrorHandler(new TerseErrorHandler());
      // close() waits for in-flight requests itself; then idle keep-alive connections just close
      server.setStopTimeout(0);
      HttpConfiguration http = new HttpConfiguration();
      http.setRequestHeaderSize(config.maxHeaderBytes());
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      // routes match and decode raw paths themselves, strictly (a path they cannot decode is
      // 404); nothing maps paths to files
      http.setUriCompliance(
          UriCompliance.LEGACY.with(
              "ledgerbridge",
              UriCompliance.Violation.BAD_UTF8_ENCODING,
              UriCompliance.Violation.TRUNCATED_UTF8_ENCODING,
              UriCompliance.Violation.BAD_PERCENT_ENCODING));
      ServerConnector connector =
          new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
      connector.setHost(config.bindAddress());
      connector.setPort(config.port());
      connector.setIdleTimeout(config.idleTimeoutMillis());
      connector.setAcceptQueueSize(config.acceptQueue());
      connector.setAcceptedTcpNoDelay(true);
      server.addConnector(connector);
      ServerConnector adminConnector = null;
      if (adminListener != null) {
        adminConnector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        adminConnector.setHost(adminListener.bindAddress());
        adminConnector.setPort(adminListener.port());
        adminConnector.setIdleTimeout(config.idleTimeoutMillis());
        adminConnector.setAcceptQueueSize(config.acceptQueue());
        server.addConnector(adminConnector);
        router.adminConnector(adminConnector);
      }
      server.setHandler(router);
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception ignored) {
          // nothing more to release
        }
        throw new UncheckedIOException(
            "cannot bind http-in to "
                + config.bindAddress()
                + ":"
                + config.port()
                + (adminListener == null
                    ? ""
                    : " and " + adminListener.bindAddress() + ":" + adminListener.port()),
            e instanceof IOException io ? io : new IOException(e));
      }
      sweepHeaders(
          server.getScheduler(),
          new HeaderDeadline(connector, config.headerTimeoutMillis(), rejections));
      if (adminConnector != null) {
        sweepHeaders(
            server.getScheduler(),
            new HeaderDeadline(adminConnector, config.headerTimeoutMillis(), rejections));
      }
      HttpInAdapter adapter =
          new HttpInAdapter(server, connector, adminConnector, router, shutdownGrace);
      LOG.info("http-in listening on {}:{}", config.bindAddress(), adapter.port());
      if (adminConnector != null) {
        LOG.info(
            "http-in admin listener (console, api, admin, metrics) on {}:{}",
            adminListener.bindAddress(),
            adapter.adminPort());
      }
      return adapter;
    }
  }

  /** Runs {@code deadline} every second for as long as the scheduler runs. */
  private static void sweepHeaders(Scheduler scheduler, HeaderDeadline deadline) {
    scheduler.schedule(
        () -> {
          try {
            deadline.run();
          } catch (RuntimeException e) {
            LOG.debug("header deadline sweep failed: {}", e.toString());
          }
          if (scheduler.isRunning()) {
            sweepHeaders(scheduler, deadline);
          }
        },
        1,
        TimeUnit.SECONDS);
  }
}
