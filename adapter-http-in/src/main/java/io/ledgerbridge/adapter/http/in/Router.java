package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the server: dispatches on the exact path, counts in-flight requests for
 * graceful shutdown, and admits at most {@code threads} requests into a handler at once. A request
 * that finds them all taken waits for one up to {@link #ADMISSION_WAIT} from its arrival (a burst
 * is queued, not refused); past that the server is overloaded and it answers 503 with {@code
 * Retry-After} (never 429: the store dead-letters every 4xx). Also answers 503 while closing,
 * refuses requests with too many header fields (431), and turns any unexpected failure into a
 * generic 503 (never a stack trace, never a 4xx).
 */
final class Router extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  /** Seconds a client is asked to wait when the server is overloaded. */
  static final int OVERLOAD_RETRY_AFTER_SECONDS = 5;

  /** How long a request may wait for a free request thread before it is told 503. */
  static final Duration ADMISSION_WAIT = Duration.ofSeconds(1);

  private final WebhookHandler webhooks;
  private final TileHealthHandler tile;
  private final HealthProbe health;
  private final ReadinessProbe readiness;
  private final DashboardHandler dashboard;
  private final RunDetailHandler runDetail;
  private final SyncRunsApiHandler api;
  private final AdminApiHandler admin;
  private final StoreApiHandler storeApi;
  private final ConnectHandler connect;
  private final BindingsConsoleHandler bindingsConsole;
  private final SettingsConsoleHandler settingsConsole;
  private final RunRetryHandler runRetry;
  private final DeadLettersHandler deadLetters;
  private final ConsoleAuth auth;
  private final MetricsHandler metrics;
  private final HttpInConfig config;

  /** The admin listener's connector (console, /api, /admin, /metrics); null when there is none. */
  private volatile org.eclipse.jetty.server.Connector adminConnector;

  /** Requests not yet answered, waiting bodies included (graceful shutdown waits for them). */
  private final AtomicInteger inFlight = new AtomicInteger();

  /** One permit per request thread: a request holds one while it runs in a handler. */
  private final Semaphore permits;

  /** Requests holding a permit now (a webhook waiting for its body holds none). */
  private final AtomicInteger active = new AtomicInteger();

  private final AtomicBoolean closing = new AtomicBoolean();
  private final RejectionLog rejections;

  Router(
      WebhookHandler webhooks,
      TileHealthHandler tile,
      HealthProbe health,
      ReadinessProbe readiness,
      DashboardHandler dashboard,
      RunDetailHandler runDetail,
      SyncRunsApiHandler api,
      AdminApiHandler admin,
      StoreApiHandler storeApi,
      ConnectHandler connect,
      BindingsConsoleHandler bindingsConsole,
      SettingsConsoleHandler settingsConsole,
      RunRetryHandler runRetry,
      DeadLettersHandler deadLetters,
      ConsoleAuth auth,
      HttpInConfig config,
      RejectionLog rejections,
      MetricsHandler metrics) {
    this.auth = auth;
    this.metrics = metrics;
    this.storeApi = storeApi;
    this.connect = connect;
    this.bindingsConsole = bindingsConsole;
    this.settingsConsole = settingsConsole;
    this.runRetry = runRetry;
    this.deadLetters = deadLetters;
    this.webhooks = webhooks;
    this.tile = tile;
    this.health = health;
    this.readiness = readiness;
    this.dashboard = dashboard;
    this.runDetail = runDetail;
    this.api = api;
    this.admin = admin;
    this.config = config;
    this.rejections = rejections;
    this.permits = new Semaphore(config.maxActiveRequests());
  }

  void adminConnector(org.eclipse.jetty.server.Connector connector) {
    this.adminConnector = connector;
  }

  /** Takes a permit, waiting until {@code sinceNanos + ADMISSION_WAIT} at most. */
  private boolean admit(long sinceNanos) {
    long left = ADMISSION_WAIT.toNanos() - (System.nanoTime() - sinceNanos);
    boolean admitted;
    try {
      admitted = permits.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (admitted) {
      active.incrementAndGet();
    } else {
      rejections.record("overloaded");
    }
    return admitted;
  }

  private void release() {
    active.decrementAndGet();
    permits.release();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    HttpCall ex =
        new HttpCall(
            request,
            response,
            getServer().getScheduler(),
            Duration.ofMillis(config.bodyTimeoutMillis()));
    inFlight.incrementAndGet();
    boolean admitted = false;
    boolean async = false;
    try {
      if (closing.get()) {
        ex.setHeader("Connection", "close");
        Exchanges.sendUnavailable(
            ex, "temporarily_unavailable", WebhookHandler.RETRY_AFTER_SECONDS);
      } else if (!(admitted = admit(request.getBeginNanoTime()))) {
        Exchanges.sendUnavailable(ex, "overloaded", OVERLOAD_RETRY_AFTER_SECONDS);
      } else if (ex.headerCount() > config.maxHeaderCount()) {
        rejections.record("too many header fields");
        ex.setHeader("Connection", "close");
        Exchanges.sendError(ex, 431, "header_fields_too_large", null);
      } else if (ex.rawPath() != null
          && ex.rawPath().startsWith(WebhookHandler.PREFIX)
          && !onAdminListener(request)) {
        WebhookHandler.Pending pending = webhooks.precheck(ex, ex.rawPath());
        if (pending != null) {
          // no thread is held while the body arrives; the rest is admitted again when it runs
          release();
          admitted = false;
          async = true;
          readThenComplete(ex, pending, callback);
        }
      } else {
        route(ex);
      }
      if (!async) {
        callback.succeeded();
      }
    } catch (IOException e) {
      failed(ex, e, callback);
    } catch (RuntimeException e) {
      unexpected(ex, e, callback);
    } finally {
      if (admitted) {
        release();
      }
      if (!async) {
        inFlight.decrementAndGet();
      }
    }
    return true;
  }

  /**
   * Reads a webhook's body without holding a thread while it arrives (a client trickling it costs a
   * connection, not a request thread), then runs the rest on a request thread, counted against the
   * thread limit again.
   */
  private void readThenComplete(HttpCall ex, WebhookHandler.Pending pending, Callback callback) {
    ex.bodyAsync(
        webhooks.maxBodyBytes(),
        (body, failure) -> {
          boolean counted = failure == null && admit(System.nanoTime());
          try {
            if (failure == null && !counted) {
              Exchanges.sendUnavailable(ex, "overloaded", OVERLOAD_RETRY_AFTER_SECONDS);
            } else if (failure == null) {
              webhooks.complete(ex, pending, body);
            } else if (!ex.bodyTimedOut() && !ex.sent()) {
              webhooks.tooLarge(ex);
            }
            if (ex.bodyTimedOut()) {
              rejections.record("request body too slow");
              callback.failed(failure);
            } else {
              callback.succeeded();
            }
          } catch (IOException e) {
            failed(ex, e, callback);
          } catch (RuntimeException e) {
            unexpected(ex, e, callback);
          } finally {
            if (counted) {
              release();
            }
            inFlight.decrementAndGet();
          }
        });
  }

  private void failed(HttpCall ex, IOException e, Callback callback) {
    if (ex.bodyTimedOut()) {
      rejections.record("request body too slow");
    } else {
      LOG.debug("client connection failed: {}", e.toString());
    }
    callback.failed(e);
  }

  private void unexpected(HttpCall ex, RuntimeException e, Callback callback) {
    LOG.error(
        "unhandled failure on {} {}",
        LogSafe.of(ex.method(), 16),
        LogSafe.of(ex.rawPath(), 200),
        e);
    if (!ex.sent()) {
      try {
        Exchanges.sendUnavailable(
            ex, "temporarily_unavailable", WebhookHandler.RETRY_AFTER_SECONDS);
      } catch (IOException | RuntimeException ignored) {
        // the client is gone
      }
    }
    callback.succeeded();
  }

  private boolean onAdminListener(Request request) {
    org.eclipse.jetty.server.Connector admin = adminConnector;
    return admin != null && request.getConnectionMetaData().getConnector() == admin;
  }

  private void route(HttpCall ex) throws IOException {
    String path = ex.rawPath();
    if (path == null) {
      Exchanges.notFound(ex);
    } else if (path.equals("/healthz")) {
      healthz(ex);
    } else if (path.equals("/readyz")) {
      readyz(ex);
    } else if (onAdminListener(ex.request())) {
      routeAdmin(ex, path);
    } else {
      routePublic(ex, path);
    }
  }

  /** What the store and the merchant's browser (OAuth) call: the public listener. */
  private void routePublic(HttpCall ex, String path) throws IOException {
    if (path.equals("/v1/tile/health")) {
      tile.handle(ex);
    } else if (StoreApiHandler.matches(path)) {
      storeApi.handle(ex, path);
    } else if (ConnectHandler.matches(path)) {
      connect.handle(ex, path);
    } else {
      Exchanges.notFound(ex);
    }
  }

  /** The console, its JSON and the admin API: the admin listener only. */
  private void routeAdmin(HttpCall ex, String path) throws IOException {
    // console forms must carry their Origin (checked beside the CSRF token): same-origin, not
    // no-referrer, which makes browsers send "Origin: null" on every POST
    ex.setHeader("Referrer-Policy", "same-origin");
    if (ConsoleAuth.matches(path)) {
      auth.handle(ex, path);
    } else if (path.equals("/") || path.equals("/dashboard") || path.equals("/dashboard/")) {
      Exchanges.redirect(ex, DashboardHandler.LIST_PATH);
    } else if (path.equals(MetricsHandler.PATH)) {
      metrics.handle(ex);
    } else if (AuditConsoleHandler.matches(path)) {
      ConsoleAccessUseCase.Principal who = auth.page(ex);
      if (who != null) {
        new AuditConsoleHandler(auth.access()).handle(ex, who);
      }
    } else if (BindingsConsoleHandler.matches(path)) {
      ConsoleAccessUseCase.Principal who = auth.page(ex);
      if (who != null) {
        bindingsConsole.handle(ex, path, who);
      }
    } else if (SettingsConsoleHandler.matches(path)) {
      ConsoleAccessUseCase.Principal who = auth.page(ex);
      if (who != null) {
        settingsConsole.handle(ex, path, who);
      }
    } else if (RunRetryHandler.matches(path)) {
      ConsoleAccessUseCase.Principal who = auth.page(ex);
      if (who != null) {
        runRetry.handle(ex, path, who);
      }
    } else if (DeadLettersHandler.matches(path)) {
      ConsoleAccessUseCase.Principal who = auth.page(ex);
      if (who != null) {
        deadLetters.handle(ex, path, who);
      }
    } else if (RunDetailHandler.matches(path)) { // after the /dashboard/sync/... forms
      ConsoleAccessUseCase.Principal who = auth.page(ex);
      if (who != null) {
        runDetail.handle(ex, path, who);
      }
    } else if (path.startsWith("/dashboard/")) {
      ConsoleAccessUseCase.Principal who = auth.page(ex);
      if (who != null) {
        dashboard.handle(ex, path, who);
      }
    } else if (path.equals(SyncRunsApiHandler.PATH)
        || path.startsWith(SyncRunsApiHandler.PATH + "/")) {
      java.util.Optional<ConsoleAccessUseCase.Principal> who = auth.anyPrincipal(ex);
      if (who.isEmpty()) {
        ex.setHeader("WWW-Authenticate", "Bearer");
        Exchanges.sendError(ex, 401, "unauthorized", null);
      } else {
        api.handle(ex, path, who.get());
      }
    } else if (AdminApiHandler.matches(path)) {
      admin.handle(ex, path);
    } else {
      Exchanges.notFound(ex);
    }
  }

  private void readyz(HttpCall ex) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    ReadinessProbe.Readiness r;
    try {
      r = readiness.readiness();
    } catch (RuntimeException e) {
      LOG.warn("readiness probe failed: {}", e.toString());
      r = new ReadinessProbe.Readiness(false, java.util.Map.of());
    }
    var body = Json.object().put("status", r.ready() ? "ready" : "not_ready");
    var backends = body.putObject("backends");
    r.backends().forEach((name, up) -> backends.put(name, up ? "up" : "down"));
    Exchanges.sendJson(ex, r.ready() ? 200 : 503, body);
  }

  private void healthz(HttpCall ex) throws IOException {
    if (!"GET".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "GET");
      return;
    }
    boolean ok;
    try {
      ok = health.healthy();
    } catch (RuntimeException e) {
      LOG.warn("health probe failed: {}", e.toString());
      ok = false;
    }
    Exchanges.sendJson(ex, ok ? 200 : 503, Json.object().put("status", ok ? "ok" : "unavailable"));
  }

  void beginClosing() {
    closing.set(true);
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Requests holding a request thread now (a webhook waiting for its body holds none). */
  int active() {
    return active.get();
  }
}
