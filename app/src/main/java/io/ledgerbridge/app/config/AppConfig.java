package io.ledgerbridge.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Everything the chassis is configured with, as typed values: read from the environment by the
 * command line ({@link #from}), or built in code by an embedding application ({@link #builder},
 * usually through {@code LedgerBridge.builder()}). The defaults make {@code serve} work with no
 * configuration at all (H2 file under {@code ./data}, JDBC queue, port 8080).
 *
 * @param dataDir {@code LEDGER_DATA_DIR}, default {@code ./data}
 * @param httpBind {@code LEDGER_HTTP_BIND}, default {@code 127.0.0.1}
 * @param httpPort {@code LEDGER_HTTP_PORT}, default 8080 (0 = any free port)
 * @param dbUrl {@code LEDGER_DB_URL}; null selects the embedded H2 file database
 * @param dbUser {@code LEDGER_DB_USER}
 * @param dbPassword {@code LEDGER_DB_PASSWORD}
 * @param dbPoolSize {@code LEDGER_DB_POOL_SIZE}, default 10
 * @param secretKey {@code LEDGER_SECRET_KEY} (base64 of 32 bytes); null = key file in the data dir
 * @param workerThreads {@code LEDGER_WORKER_THREADS}, default 4
 * @param sweepInterval {@code LEDGER_SWEEP_MS}, default 500 ms: how often idle workers look for
 *     delayed retries (new work wakes them at once)
 * @param visibilityTimeout {@code LEDGER_VISIBILITY_SECONDS}, default 300 s: a claimed job whose
 *     worker died becomes visible again after this
 * @param maxBodyBytes {@code LEDGER_MAX_BODY_BYTES}, default 1 MiB
 * @param adminToken {@code LEDGER_ADMIN_TOKEN}: bearer token of the admin API; unset = admin API
 *     disabled
 * @param redisUrl {@code LEDGER_REDIS_URL}; unset = no Redis (database job queue, database or
 *     in-process leases)
 * @param redisPrefix {@code LEDGER_REDIS_PREFIX}, default {@code lb:}: key prefix, so several
 *     installations can share one Redis
 * @param leaseTtl {@code LEDGER_LEASE_SECONDS}, default 120: how long a worker may hold a Sage
 *     business; a worker that died releases it when this passes
 * @param maxDeliveries {@code LEDGER_MAX_DELIVERIES}, default 5: deliveries of one job without an
 *     outcome (its workers died) before it is treated as poison
 * @param sageAppPerSecond {@code LEDGER_SAGE_APP_RPS}, default 15: Sage calls per second for the
 *     whole installation (Sage allows 1,296,000 a day per app)
 * @param sageBusinessPerSecond {@code LEDGER_SAGE_BUSINESS_RPS}, default 5: per Sage business
 * @param reconcileAfter {@code LEDGER_RECONCILE_SECONDS}, default 60: how old a Redis publication
 *     must be before the relay checks Redis still holds it (and republishes it if not)
 * @param httpThreads {@code LEDGER_HTTP_THREADS}, default 32: requests handled at once; beyond it
 *     the HTTP listener answers 503 with {@code Retry-After}
 * @param httpAcceptQueue {@code LEDGER_HTTP_ACCEPT_QUEUE}, default 1024: connections the kernel
 *     queues before they are accepted
 * @param httpIdleTimeout {@code LEDGER_HTTP_IDLE_TIMEOUT_SECONDS}, default 30: a connection silent
 *     this long is closed
 * @param httpHeaderTimeout {@code LEDGER_HTTP_HEADER_TIMEOUT_SECONDS}, default 10: the request line
 *     and headers must arrive within this
 * @param httpBodyTimeout {@code LEDGER_HTTP_BODY_TIMEOUT_SECONDS}, default 10: a request body must
 *     arrive within this
 * @param httpMaxHeaderBytes {@code LEDGER_HTTP_MAX_HEADER_BYTES}, default 8192: request line and
 *     headers together
 * @param heldRecheck {@code LEDGER_HELD_RECHECK_SECONDS}, default 60: how often the events held for
 *     a paused or disconnected binding are looked at again (they sync at most this long after it is
 *     resumed)
 * @param dependencyWait {@code LEDGER_DEPENDENCY_WAIT_HOURS}, default 24: how long a payment or a
 *     credit memo waits for its invoice to reach Sage before it fails {@code not_found}
 * @param connect the connect flows (pairing, Sage OAuth): see {@link Connect}
 */
public record AppConfig(
    Path dataDir,
    String httpBind,
    int httpPort,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    byte[] secretKey,
    int workerThreads,
    Duration sweepInterval,
    Duration visibilityTimeout,
    int maxBodyBytes,
    String adminToken,
    String redisUrl,
    String redisPrefix,
    Duration leaseTtl,
    int maxDeliveries,
    int sageAppPerSecond,
    int sageBusinessPerSecond,
    Duration reconcileAfter,
    int httpThreads,
    int httpAcceptQueue,
    Duration httpIdleTimeout,
    Duration httpHeaderTimeout,
    Duration httpBodyTimeout,
    int httpMaxHeaderBytes,
    Duration heldRecheck,
    Duration dependencyWait,
    Connect connect,
    EntitySweep entitySweep,
    Console console) {

  /**
   * The admin listener and the console's sessions.
   *
   * @param bind {@code LEDGER_ADMIN_HTTP_BIND}, default {@code 127.0.0.1}: the console, {@code
   *     /api}, the admin API and {@code /metrics} are served only here
   * @param port {@code LEDGER_ADMIN_HTTP_PORT}, default 8081 (0 = any free port; the default
   *     becomes 0 when the main port is 0)
   * @param idleTimeout {@code LEDGER_CONSOLE_IDLE_MINUTES}, default 30: a console session unused
   *     this long ends (a session also ends 12 hours after sign-in)
   * @param url {@code LEDGER_ADMIN_URL}: the console's address as operators' browsers reach it
   *     (optional); an https URL marks the console's cookies {@code Secure}
   */
  public record Console(String bind, int port, Duration idleTimeout, String url) {
    public Console {
      java.util.Objects.requireNonNull(bind, "bind");
      if (bind.isBlank()) {
        throw new IllegalArgumentException("the admin listener's bind address is required");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("the admin port must be between 0 and 65535: " + port);
      }
      java.util.Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    public static Console defaults() {
      return new Console("127.0.0.1", 8081, Duration.ofMinutes(30), null);
    }

    public boolean secureCookies() {
      return url != null && url.regionMatches(true, 0, "https://", 0, 8);
    }

    public Console withPort(int value) {
      return new Console(bind, value, idleTimeout, url);
    }
  }

  /**
   * The reconciliation sweep of customers and products (the store sends a fixed-key event once per
   * outbox retention, so later edits and stock moves never arrive as events).
   *
   * @param interval {@code LEDGER_ENTITY_SWEEP_HOURS}, default 24; 0 turns the sweep off
   * @param window {@code LEDGER_ENTITY_SWEEP_DAYS}, default 90: entities synced from a store event
   *     this recently are looked at again
   * @param spread {@code LEDGER_ENTITY_SWEEP_SPREAD_MINUTES}, default 60: the runs of one sweep are
   *     spread over this long
   */
  public record EntitySweep(Duration interval, Duration window, Duration spread) {
    public static EntitySweep defaults() {
      return new EntitySweep(Duration.ofHours(24), Duration.ofDays(90), Duration.ofMinutes(60));
    }

    public boolean enabled() {
      return !interval.isZero();
    }
  }

  /**
   * The connect flows: pairing a store and connecting it to Sage with OAuth.
   *
   * @param publicUrl {@code LEDGER_PUBLIC_URL}: this chassis's base URL as stores and browsers
   *     reach it; sent to the store as its {@code ledger_base_url} and the base of the OAuth
   *     redirect URI ({@code {publicUrl}/oauth/sage/callback}, to register with Sage); unset
   *     disables both flows
   * @param sageClientId {@code LEDGER_SAGE_CLIENT_ID}: the Sage app's OAuth client id
   * @param sageClientSecret {@code LEDGER_SAGE_CLIENT_SECRET}: its secret (never logged)
   * @param sageAuthorizeUrl {@code LEDGER_SAGE_AUTHORIZE_URL}, default Sage's {@code
   *     https://www.sageone.com/oauth2/auth/central?filter=apiv3.1}
   * @param sageTokenUrl {@code LEDGER_SAGE_TOKEN_URL}, default {@code
   *     https://oauth.accounting.sage.com/token}
   * @param sageRevokeUrl {@code LEDGER_SAGE_REVOKE_URL}, default {@code
   *     https://oauth.accounting.sage.com/revoke}
   * @param sageApiUrl {@code LEDGER_SAGE_API_URL}, default {@code
   *     https://api.accounting.sage.com/v3.1}
   */
  public record Connect(
      String publicUrl,
      String sageClientId,
      String sageClientSecret,
      String sageAuthorizeUrl,
      String sageTokenUrl,
      String sageRevokeUrl,
      String sageApiUrl) {

    public static final String DEFAULT_AUTHORIZE_URL =
        "https://www.sageone.com/oauth2/auth/central?filter=apiv3.1";
    public static final String DEFAULT_TOKEN_URL = "https://oauth.accounting.sage.com/token";
    public static final String DEFAULT_REVOKE_URL = "https://oauth.accounting.sage.com/revoke";
    public static final String DEFAULT_API_URL = "https://api.accounting.sage.com/v3.1";

    /** Nothing configured but Sage's real endpoints: pairing and OAuth are off. */
    public static Connect none() {
      return new Connect(
          null,
          null,
          null,
          DEFAULT_AUTHORIZE_URL,
          DEFAULT_TOKEN_URL,
          DEFAULT_REVOKE_URL,
          DEFAULT_API_URL);
    }

    public Connect {
      publicUrl = url("publicUrl", publicUrl, null);
      sageClientId = sageClientId == null || sageClientId.isBlank() ? null : sageClientId.trim();
      sageClientSecret =
          sageClientSecret == null || sageClientSecret.isBlank() ? null : sageClientSecret.trim();
      if ((sageClientId == null) != (sageClientSecret == null)) {
        throw new IllegalArgumentException(
            "the Sage OAuth client needs both its id and its secret");
      }
      sageAuthorizeUrl = url("sageAuthorizeUrl", sageAuthorizeUrl, DEFAULT_AUTHORIZE_URL);
      sageTokenUrl = url("sageTokenUrl", sageTokenUrl, DEFAULT_TOKEN_URL);
      sageRevokeUrl = url("sageRevokeUrl", sageRevokeUrl, DEFAULT_REVOKE_URL);
      sageApiUrl = url("sageApiUrl", sageApiUrl, DEFAULT_API_URL);
    }

    /** This configuration with the Sage endpoints of a Sage at {@code baseUrl} (a sandbox). */
    public Connect withSage(String authorizeUrl, String tokenUrl, String revokeUrl, String apiUrl) {
      return new Connect(
          publicUrl, sageClientId, sageClientSecret, authorizeUrl, tokenUrl, revokeUrl, apiUrl);
    }

    public Connect withPublicUrl(String url) {
      return new Connect(
          url,
          sageClientId,
          sageClientSecret,
          sageAuthorizeUrl,
          sageTokenUrl,
          sageRevokeUrl,
          sageApiUrl);
    }

    public Connect withSageClient(String id, String secret) {
      return new Connect(
          publicUrl, id, secret, sageAuthorizeUrl, sageTokenUrl, sageRevokeUrl, sageApiUrl);
    }

    private static String url(String name, String value, String dflt) {
      if (value == null || value.isBlank()) {
        return dflt;
      }
      String v = value.trim();
      try {
        java.net.URI uri = new java.net.URI(v);
        String scheme =
            uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https"))
            || uri.getHost() == null
            || uri.getRawUserInfo() != null) {
          throw new IllegalArgumentException(
              name + " must be an absolute http(s) URL without credentials: " + v);
        }
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(name + " is not a valid URL: " + v);
      }
      while (v.endsWith("/")) {
        v = v.substring(0, v.length() - 1);
      }
      return v;
    }

    @Override
    public String toString() {
      return "Connect[publicUrl="
          + publicUrl
          + ", sageClientId="
          + sageClientId
          + ", sageClientSecret="
          + (sageClientSecret == null ? "unset" : "***")
          + "]";
    }
  }

  public static AppConfig fromEnvironment() {
    return from(System.getenv());
  }

  /** Every default: what {@code serve} runs with when no variable is set. */
  public static AppConfig defaults() {
    return builder().build();
  }

  public static AppConfig from(Map<String, String> env) {
    return builder()
        .dataDir(Path.of(env.getOrDefault("LEDGER_DATA_DIR", "data")))
        .httpBind(env.getOrDefault("LEDGER_HTTP_BIND", "127.0.0.1"))
        .httpPort(intVar(env, "LEDGER_HTTP_PORT", 8080, 0, 65535))
        .database(
            blankToNull(env.get("LEDGER_DB_URL")),
            blankToNull(env.get("LEDGER_DB_USER")),
            env.get("LEDGER_DB_PASSWORD"))
        .dbPoolSize(intVar(env, "LEDGER_DB_POOL_SIZE", 10, 1, 500))
        .secretKey(secretKey(env.get("LEDGER_SECRET_KEY")))
        .workerThreads(intVar(env, "LEDGER_WORKER_THREADS", 4, 1, 256))
        .sweepInterval(Duration.ofMillis(intVar(env, "LEDGER_SWEEP_MS", 500, 10, 600_000)))
        .visibilityTimeout(
            Duration.ofSeconds(intVar(env, "LEDGER_VISIBILITY_SECONDS", 300, 5, 86_400)))
        .maxBodyBytes(intVar(env, "LEDGER_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20))
        .adminToken(adminToken(env.get("LEDGER_ADMIN_TOKEN")))
        .redis(
            blankToNull(env.get("LEDGER_REDIS_URL")),
            env.getOrDefault("LEDGER_REDIS_PREFIX", "lb:"))
        .leaseTtl(Duration.ofSeconds(intVar(env, "LEDGER_LEASE_SECONDS", 120, 2, 3600)))
        .maxDeliveries(intVar(env, "LEDGER_MAX_DELIVERIES", 5, 2, 100))
        .sageRates(
            intVar(env, "LEDGER_SAGE_APP_RPS", 15, 1, 10_000),
            intVar(env, "LEDGER_SAGE_BUSINESS_RPS", 5, 1, 10_000))
        .reconcileAfter(Duration.ofSeconds(intVar(env, "LEDGER_RECONCILE_SECONDS", 60, 1, 86_400)))
        .httpThreads(intVar(env, "LEDGER_HTTP_THREADS", 32, 1, 1024))
        .httpAcceptQueue(intVar(env, "LEDGER_HTTP_ACCEPT_QUEUE", 1024, 1, 65_535))
        .httpTimeouts(
            Duration.ofSeconds(intVar(env, "LEDGER_HTTP_IDLE_TIMEOUT_SECONDS", 30, 1, 3600)),
            Duration.ofSeconds(intVar(env, "LEDGER_HTTP_HEADER_TIMEOUT_SECONDS", 10, 1, 3600)),
            Duration.ofSeconds(intVar(env, "LEDGER_HTTP_BODY_TIMEOUT_SECONDS", 10, 1, 3600)))
        .httpMaxHeaderBytes(intVar(env, "LEDGER_HTTP_MAX_HEADER_BYTES", 8192, 1024, 1 << 20))
        .heldRecheck(Duration.ofSeconds(intVar(env, "LEDGER_HELD_RECHECK_SECONDS", 60, 1, 3600)))
        .dependencyWait(
            Duration.ofHours(intVar(env, "LEDGER_DEPENDENCY_WAIT_HOURS", 24, 1, 24 * 30)))
        .connect(connect(env))
        .entitySweep(
            new EntitySweep(
                Duration.ofHours(intVar(env, "LEDGER_ENTITY_SWEEP_HOURS", 24, 0, 24 * 30)),
                Duration.ofDays(intVar(env, "LEDGER_ENTITY_SWEEP_DAYS", 90, 1, 3650)),
                Duration.ofMinutes(
                    intVar(env, "LEDGER_ENTITY_SWEEP_SPREAD_MINUTES", 60, 0, 24 * 60))))
        .console(
            new Console(
                env.getOrDefault("LEDGER_ADMIN_HTTP_BIND", "127.0.0.1"),
                intVar(env, "LEDGER_ADMIN_HTTP_PORT", 8081, 0, 65535),
                Duration.ofMinutes(intVar(env, "LEDGER_CONSOLE_IDLE_MINUTES", 30, 1, 720)),
                blankToNull(env.get("LEDGER_ADMIN_URL"))))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every value of this configuration, to change some and build again. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dataDir = dataDir;
    b.httpBind = httpBind;
    b.httpPort = httpPort;
    b.dbUrl = dbUrl;
    b.dbUser = dbUser;
    b.dbPassword = dbPassword;
    b.dbPoolSize = dbPoolSize;
    b.secretKey = secretKey;
    b.workerThreads = workerThreads;
    b.sweepInterval = sweepInterval;
    b.visibilityTimeout = visibilityTimeout;
    b.maxBodyBytes = maxBodyBytes;
    b.adminToken = adminToken;
    b.redisUrl = redisUrl;
    b.redisPrefix = redisPrefix;
    b.leaseTtl = leaseTtl;
    b.maxDeliveries = maxDeliveries;
    b.sageAppPerSecond = sageAppPerSecond;
    b.sageBusinessPerSecond = sageBusinessPerSecond;
    b.reconcileAfter = reconcileAfter;
    b.httpThreads = httpThreads;
    b.httpAcceptQueue = httpAcceptQueue;
    b.httpIdleTimeout = httpIdleTimeout;
    b.httpHeaderTimeout = httpHeaderTimeout;
    b.httpBodyTimeout = httpBodyTimeout;
    b.httpMaxHeaderBytes = httpMaxHeaderBytes;
    b.heldRecheck = heldRecheck;
    b.dependencyWait = dependencyWait;
    b.connect = connect;
    b.entitySweep = entitySweep;
    b.console = console;
    return b;
  }

  public AppConfig withHttpPort(int port) {
    return toBuilder().httpPort(port).build();
  }

  public AppConfig withDataDir(Path dir) {
    return toBuilder().dataDir(dir).build();
  }

  public AppConfig withAdminToken(String token) {
    return toBuilder().adminToken(token).build();
  }

  /**
   * Typed values with the defaults of the environment variables above; each setter checks its range
   * and names the value it refuses ({@link IllegalArgumentException}).
   */
  public static final class Builder {
    private Path dataDir = Path.of("data");
    private String httpBind = "127.0.0.1";
    private int httpPort = 8080;
    private String dbUrl;
    private String dbUser;
    private String dbPassword;
    private int dbPoolSize = 10;
    private byte[] secretKey;
    private int workerThreads = 4;
    private Duration sweepInterval = Duration.ofMillis(500);
    private Duration visibilityTimeout = Duration.ofSeconds(300);
    private int maxBodyBytes = 1 << 20;
    private String adminToken;
    private String redisUrl;
    private String redisPrefix = "lb:";
    private Duration leaseTtl = Duration.ofSeconds(120);
    private int maxDeliveries = 5;
    private int sageAppPerSecond = 15;
    private int sageBusinessPerSecond = 5;
    private Duration reconcileAfter = Duration.ofSeconds(60);
    private int httpThreads = 32;
    private int httpAcceptQueue = 1024;
    private Duration httpIdleTimeout = Duration.ofSeconds(30);
    private Duration httpHeaderTimeout = Duration.ofSeconds(10);
    private Duration httpBodyTimeout = Duration.ofSeconds(10);
    private int httpMaxHeaderBytes = 8192;
    private Duration heldRecheck = Duration.ofSeconds(60);
    private Duration dependencyWait = Duration.ofHours(24);
    private Connect connect = Connect.none();
    private EntitySweep entitySweep = EntitySweep.defaults();
    private Console console = Console.defaults();

    private Builder() {}

    public Builder dataDir(Path dir) {
      this.dataDir = java.util.Objects.requireNonNull(dir, "dataDir");
      return this;
    }

    public Builder httpBind(String bind) {
      this.httpBind = java.util.Objects.requireNonNull(bind, "httpBind");
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = range("httpPort", port, 0, 65535);
      return this;
    }

    /** A JDBC URL (PostgreSQL) and its credentials; a null URL selects the embedded H2 file. */
    public Builder database(String jdbcUrl, String user, String password) {
      this.dbUrl = jdbcUrl;
      this.dbUser = user;
      this.dbPassword = password;
      return this;
    }

    public Builder dbPoolSize(int size) {
      this.dbPoolSize = range("dbPoolSize", size, 1, 500);
      return this;
    }

    /** The 32-byte AES-256 key for secrets at rest; null = the key file in the data directory. */
    public Builder secretKey(byte[] key) {
      if (key != null && key.length != 32) {
        throw new IllegalArgumentException("secretKey must be 32 bytes, got " + key.length);
      }
      this.secretKey = key == null ? null : key.clone();
      return this;
    }

    public Builder workerThreads(int threads) {
      this.workerThreads = range("workerThreads", threads, 1, 256);
      return this;
    }

    public Builder sweepInterval(Duration interval) {
      this.sweepInterval = positive("sweepInterval", interval);
      return this;
    }

    public Builder visibilityTimeout(Duration timeout) {
      this.visibilityTimeout = positive("visibilityTimeout", timeout);
      return this;
    }

    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = range("maxBodyBytes", bytes, 1024, 64 << 20);
      return this;
    }

    /** The admin API's bearer token (16+ characters); null turns the admin API off. */
    public Builder adminToken(String token) {
      if (token != null && token.length() < 16) {
        throw new IllegalArgumentException("adminToken must be at least 16 characters");
      }
      this.adminToken = token;
      return this;
    }

    /** Redis (e.g. {@code redis://127.0.0.1:6379}) and its key prefix; a null URL means none. */
    public Builder redis(String url, String prefix) {
      this.redisUrl = url;
      this.redisPrefix = java.util.Objects.requireNonNull(prefix, "redisPrefix");
      return this;
    }

    public Builder leaseTtl(Duration ttl) {
      this.leaseTtl = positive("leaseTtl", ttl);
      return this;
    }

    public Builder maxDeliveries(int deliveries) {
      this.maxDeliveries = range("maxDeliveries", deliveries, 2, 100);
      return this;
    }

    /** Client-side Sage limits: calls per second for the installation, and per business. */
    public Builder sageRates(int appPerSecond, int businessPerSecond) {
      this.sageAppPerSecond = range("sageAppPerSecond", appPerSecond, 1, 10_000);
      this.sageBusinessPerSecond = range("sageBusinessPerSecond", businessPerSecond, 1, 10_000);
      return this;
    }

    public Builder reconcileAfter(Duration after) {
      this.reconcileAfter = positive("reconcileAfter", after);
      return this;
    }

    /** Requests the HTTP listener handles at once; beyond it it answers 503. */
    public Builder httpThreads(int threads) {
      this.httpThreads = range("httpThreads", threads, 1, 1024);
      return this;
    }

    public Builder httpAcceptQueue(int connections) {
      this.httpAcceptQueue = range("httpAcceptQueue", connections, 1, 65_535);
      return this;
    }

    /** Idle connection, request line and headers, request body. */
    public Builder httpTimeouts(Duration idle, Duration headers, Duration body) {
      this.httpIdleTimeout = positive("httpIdleTimeout", idle);
      this.httpHeaderTimeout = positive("httpHeaderTimeout", headers);
      this.httpBodyTimeout = positive("httpBodyTimeout", body);
      return this;
    }

    public Builder httpMaxHeaderBytes(int bytes) {
      this.httpMaxHeaderBytes = range("httpMaxHeaderBytes", bytes, 1024, 1 << 20);
      return this;
    }

    /** How often held events (paused or disconnected binding) are looked at again. */
    public Builder heldRecheck(Duration interval) {
      this.heldRecheck = positive("heldRecheck", interval);
      return this;
    }

    /** How long a payment or credit memo waits for its invoice to reach Sage. */
    public Builder dependencyWait(Duration wait) {
      this.dependencyWait = positive("dependencyWait", wait);
      return this;
    }

    /** The connect flows (pairing, Sage OAuth); {@link Connect#none()} turns them off. */
    public Builder connect(Connect value) {
      this.connect = java.util.Objects.requireNonNull(value, "connect");
      return this;
    }

    /** The admin listener and the console's sessions. */
    public Builder console(Console value) {
      this.console = java.util.Objects.requireNonNull(value, "console");
      return this;
    }

    /** The reconciliation sweep of customers and products. */
    public Builder entitySweep(EntitySweep value) {
      this.entitySweep = java.util.Objects.requireNonNull(value, "entitySweep");
      return this;
    }

    public AppConfig build() {
      // an ephemeral main port (tests, embedding, several processes on one host) makes the
      // admin port ephemeral too, unless one was chosen
      Console admin =
          httpPort == 0 && console.port() == Console.defaults().port()
              ? console.withPort(0)
              : console;
      return new AppConfig(
          dataDir,
          httpBind,
          httpPort,
          dbUrl,
          dbUser,
          dbPassword,
          dbPoolSize,
          secretKey,
          workerThreads,
          sweepInterval,
          visibilityTimeout,
          maxBodyBytes,
          adminToken,
          redisUrl,
          redisPrefix,
          leaseTtl,
          maxDeliveries,
          sageAppPerSecond,
          sageBusinessPerSecond,
          reconcileAfter,
          httpThreads,
          httpAcceptQueue,
          httpIdleTimeout,
          httpHeaderTimeout,
          httpBodyTimeout,
          httpMaxHeaderBytes,
          heldRecheck,
          dependencyWait,
          connect,
          entitySweep,
          admin);
    }

    private static int range(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be between " + min + " and " + max + ": " + value);
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration: " + value);
      }
      return value;
    }
  }

  private static Connect connect(Map<String, String> env) {
    try {
      return new Connect(
          env.get("LEDGER_PUBLIC_URL"),
          env.get("LEDGER_SAGE_CLIENT_ID"),
          env.get("LEDGER_SAGE_CLIENT_SECRET"),
          env.get("LEDGER_SAGE_AUTHORIZE_URL"),
          env.get("LEDGER_SAGE_TOKEN_URL"),
          env.get("LEDGER_SAGE_REVOKE_URL"),
          env.get("LEDGER_SAGE_API_URL"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          e.getMessage()
              .replace("publicUrl", "LEDGER_PUBLIC_URL")
              .replace("sageAuthorizeUrl", "LEDGER_SAGE_AUTHORIZE_URL")
              .replace("sageTokenUrl", "LEDGER_SAGE_TOKEN_URL")
              .replace("sageRevokeUrl", "LEDGER_SAGE_REVOKE_URL")
              .replace("sageApiUrl", "LEDGER_SAGE_API_URL")
              .replace(
                  "the Sage OAuth client needs both its id and its secret",
                  "LEDGER_SAGE_CLIENT_ID and LEDGER_SAGE_CLIENT_SECRET are set together"));
    }
  }

  private static String adminToken(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (raw.trim().length() < 16) {
      throw new ConfigException("LEDGER_ADMIN_TOKEN must be at least 16 characters");
    }
    return raw.trim();
  }

  private static int intVar(Map<String, String> env, String name, int dflt, int min, int max) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ": " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be an integer: " + raw);
    }
  }

  private static byte[] secretKey(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(raw.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("LEDGER_SECRET_KEY must be base64");
    }
    if (key.length != 32) {
      throw new ConfigException("LEDGER_SECRET_KEY must decode to 32 bytes, got " + key.length);
    }
    return key;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "AppConfig[dataDir="
        + dataDir
        + ", http="
        + httpBind
        + ":"
        + httpPort
        + ", db="
        + (dbUrl == null ? "embedded H2" : redactUrl(dbUrl))
        + (redisUrl == null
            ? ""
            : ", redis=" + redactUrl(redisUrl.replaceAll("//[^@/]*@", "//***@")))
        + ", admin="
        + console.bind()
        + ":"
        + console.port()
        + ", workers="
        + workerThreads
        + "]";
  }

  private static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** A configuration value is unusable; the message names the variable. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }
}
