package io.ledgerbridge.sandbox.sage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * Start-up settings of the sandbox Sage server.
 *
 * @param openApiDir directory holding {@code swagger.contacts.json}, {@code
 *     swagger.invoicing_sales.json}, {@code swagger.payments.json} and {@code
 *     swagger.products_services.json}; {@code null} means: the copies on the classpath under {@code
 *     sandbox/sage/}, else the first {@code shared/sage-openapi} found walking up from {@code
 *     user.dir}
 * @param clock time source for token expiry, idempotency windows and timestamps
 * @param host loopback address to bind, default {@code 127.0.0.1}
 * @param port TCP port, {@code 0} for an ephemeral one
 * @param threads size of the server's fixed thread pool
 * @param defaultBusinessId id of the lead business created at start; {@code null} for a random one
 * @param defaultBusinessCountry ISO country of the lead business, default {@code GB}
 * @param defaultBaseCurrency base currency of the lead business, default {@code GBP}
 * @param accountsStartDate {@code financial_settings.accounts_start_date} of every business
 * @param seed seed for generated ids and latency jitter; {@code null} for a random seed
 * @param rejectUnknownProperties answer 422 for request properties the schema does not declare
 * @param authorizePath path of the OAuth authorize page, default {@value #DEFAULT_AUTHORIZE_PATH}
 *     (the path of Sage's {@code https://www.sageone.com/oauth2/auth/central}, SAGE.md §1.1); it
 *     must start with {@code /} and not collide with the token, revoke or API paths
 */
public record SandboxSageConfig(
    Path openApiDir,
    Clock clock,
    String host,
    int port,
    int threads,
    String defaultBusinessId,
    String defaultBusinessCountry,
    String defaultBaseCurrency,
    LocalDate accountsStartDate,
    Long seed,
    boolean rejectUnknownProperties,
    String authorizePath) {

  /** Sage's authorize path (SAGE.md §1.1). */
  public static final String DEFAULT_AUTHORIZE_PATH = "/oauth2/auth/central";

  public SandboxSageConfig {
    clock = clock == null ? Clock.systemUTC() : clock;
    host = host == null || host.isBlank() ? "127.0.0.1" : host;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (threads <= 0) {
      threads = 8;
    }
    if (defaultBusinessId != null && !SageJson.isHexId(defaultBusinessId)) {
      throw new IllegalArgumentException("business id must be 32 lowercase hex characters");
    }
    defaultBusinessCountry =
        defaultBusinessCountry == null ? "GB" : defaultBusinessCountry.toUpperCase(Locale.ROOT);
    defaultBaseCurrency =
        defaultBaseCurrency == null ? "GBP" : defaultBaseCurrency.toUpperCase(Locale.ROOT);
    accountsStartDate = accountsStartDate == null ? LocalDate.of(2020, 1, 1) : accountsStartDate;
    authorizePath =
        authorizePath == null || authorizePath.isBlank() ? DEFAULT_AUTHORIZE_PATH : authorizePath;
    if (!authorizePath.startsWith("/")
        || authorizePath.equals(SandboxSage.TOKEN_PATH)
        || authorizePath.equals(SandboxSage.REVOKE_PATH)
        || authorizePath.equals(SandboxSage.API_PREFIX)
        || authorizePath.startsWith(SandboxSage.API_PREFIX + "/")) {
      throw new IllegalArgumentException("unusable authorize path: " + authorizePath);
    }
  }

  /** The settings without {@code authorizePath}, which takes its default. */
  public SandboxSageConfig(
      Path openApiDir,
      Clock clock,
      String host,
      int port,
      int threads,
      String defaultBusinessId,
      String defaultBusinessCountry,
      String defaultBaseCurrency,
      LocalDate accountsStartDate,
      Long seed,
      boolean rejectUnknownProperties) {
    this(
        openApiDir,
        clock,
        host,
        port,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        rejectUnknownProperties,
        null);
  }

  /** Ephemeral port, system clock, GB/GBP lead business, strict schemas. */
  public static SandboxSageConfig defaults() {
    return new SandboxSageConfig(null, null, null, 0, 8, null, null, null, null, null, true);
  }

  /** The same with a server pool of {@code n} threads (each holds a request for its latency). */
  public SandboxSageConfig withThreads(int n) {
    return new SandboxSageConfig(
        openApiDir,
        clock,
        host,
        port,
        n,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        rejectUnknownProperties,
        authorizePath);
  }

  public SandboxSageConfig withOpenApiDir(Path dir) {
    return new SandboxSageConfig(
        dir,
        clock,
        host,
        port,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        rejectUnknownProperties,
        authorizePath);
  }

  public SandboxSageConfig withClock(Clock newClock) {
    return new SandboxSageConfig(
        openApiDir,
        Objects.requireNonNull(newClock, "clock"),
        host,
        port,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        rejectUnknownProperties,
        authorizePath);
  }

  public SandboxSageConfig withPort(int newPort) {
    return new SandboxSageConfig(
        openApiDir,
        clock,
        host,
        newPort,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        rejectUnknownProperties,
        authorizePath);
  }

  public SandboxSageConfig withDefaultBusinessId(String id) {
    return new SandboxSageConfig(
        openApiDir,
        clock,
        host,
        port,
        threads,
        id,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        rejectUnknownProperties,
        authorizePath);
  }

  public SandboxSageConfig withAccountsStartDate(LocalDate date) {
    return new SandboxSageConfig(
        openApiDir,
        clock,
        host,
        port,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        date,
        seed,
        rejectUnknownProperties,
        authorizePath);
  }

  public SandboxSageConfig withSeed(long newSeed) {
    return new SandboxSageConfig(
        openApiDir,
        clock,
        host,
        port,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        newSeed,
        rejectUnknownProperties,
        authorizePath);
  }

  public SandboxSageConfig withRejectUnknownProperties(boolean reject) {
    return new SandboxSageConfig(
        openApiDir,
        clock,
        host,
        port,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        reject,
        authorizePath);
  }

  /** The same with the authorize page at {@code path} (e.g. {@code /authorize}). */
  public SandboxSageConfig withAuthorizePath(String path) {
    return new SandboxSageConfig(
        openApiDir,
        clock,
        host,
        port,
        threads,
        defaultBusinessId,
        defaultBusinessCountry,
        defaultBaseCurrency,
        accountsStartDate,
        seed,
        rejectUnknownProperties,
        path);
  }
}
