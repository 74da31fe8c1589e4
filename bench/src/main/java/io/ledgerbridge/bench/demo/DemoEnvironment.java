package io.ledgerbridge.bench.demo;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import io.ledgerbridge.ports.service.ConnectSettings;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The chassis with a sandbox Sage and a sandbox store on loopback, connected the way a merchant
 * connects them: the store's admin generates a pairing code, the chassis pairs with it ({@code POST
 * /rest/V1/byte8/setup/pair}), then the merchant's browser goes through Sage's consent page (the
 * sandbox's) and back to the chassis's OAuth callback. What {@code demo} runs, and what the
 * end-to-end tests start.
 */
public final class DemoEnvironment implements AutoCloseable {
  public static final String CLIENT_ID = "ledgerbridge-demo";

  private final SandboxSage sage;
  private final SandboxStore store;
  private final Chassis chassis;
  private final String clientSecret;
  private String tenant;

  private DemoEnvironment(
      SandboxSage sage, SandboxStore store, Chassis chassis, String clientSecret) {
    this.sage = sage;
    this.store = store;
    this.chassis = chassis;
    this.clientSecret = clientSecret;
  }

  /**
   * Starts everything. {@code policyTweak} adjusts the demo policy (tests use it); the demo policy
   * skips zero-value invoices.
   */
  public static DemoEnvironment start(AppConfig config, UnaryOperator<SyncPolicy> policyTweak) {
    return start(config, policyTweak, 0.01);
  }

  public static DemoEnvironment start(
      AppConfig config, UnaryOperator<SyncPolicy> policyTweak, double storeBackoffScale) {
    DemoEnvironment env = startUnconnected(config, storeBackoffScale);
    try {
      env.tenant = env.pairStore();
      Browser.Page page = env.connectSageInBrowser(new Browser());
      if (page.status() != 200 || !page.says("Connected to Sage")) {
        throw new IllegalStateException(
            "the Sage connection did not complete: HTTP " + page.status() + " " + page.body());
      }
      env.chassis.persistence().policies().save(env.tenant, policyTweak.apply(env.demoPolicy()));
      return env;
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
  }

  /**
   * The chassis, the sandbox Sage (with the demo's OAuth client registered for the chassis's
   * callback) and an unpaired sandbox store; nothing connected yet. The chassis's public URL is its
   * loopback address, on a port chosen before it starts (the redirect URI must be known to Sage).
   */
  public static DemoEnvironment startUnconnected(AppConfig config, double storeBackoffScale) {
    SecureRandom random = new SecureRandom();
    String clientSecret = HexFormat.of().formatHex(bytes(random, 24));
    int port = config.httpPort() == 0 ? freePort() : config.httpPort();
    String publicUrl = "http://127.0.0.1:" + port;
    SandboxSage sage = SandboxSage.start(SandboxSageConfig.defaults());
    SandboxStore store = null;
    Chassis chassis = null;
    try {
      sage.registerClient(CLIENT_ID, clientSecret, publicUrl + ConnectSettings.CALLBACK_PATH);
      store =
          SandboxStore.startUnpaired(
              SandboxStoreConfig.unpaired().backoffScale(storeBackoffScale).build());
      AppConfig wired =
          config.toBuilder()
              .httpPort(port)
              // the console on any free loopback port unless one was asked for (it is printed)
              .console(
                  System.getenv("LEDGER_ADMIN_HTTP_PORT") == null
                      ? config.console().withPort(0)
                      : config.console())
              .connect(
                  config
                      .connect()
                      .withPublicUrl(publicUrl)
                      .withSageClient(CLIENT_ID, clientSecret)
                      .withSage(
                          sage.authorizeUrl() + "?filter=apiv3.1",
                          sage.tokenUrl(),
                          sage.revokeUrl(),
                          sage.apiBaseUrl()))
              .build();
      chassis = Chassis.open(wired).startWeb().startWorkers().startRelay();
      return new DemoEnvironment(sage, store, chassis, clientSecret);
    } catch (RuntimeException e) {
      if (chassis != null) {
        chassis.close();
      }
      if (store != null) {
        store.close();
      }
      sage.close();
      throw e;
    }
  }

  /**
   * The store's admin generates a pairing code and the operator pairs the store with it; returns
   * the tenant id. A store already paired is paired again (same tenant, new key).
   */
  public String pairStore() {
    String code = store.generatePairingCode();
    ConnectStoreUseCase.PairingResult result =
        chassis
            .connectStore()
            .pair(new ConnectStoreUseCase.PairCommand(store.baseUrl(), code, null));
    if (!(result instanceof ConnectStoreUseCase.Paired paired)) {
      throw new IllegalStateException("pairing failed: " + result);
    }
    tenant = paired.tenantId();
    return tenant;
  }

  /**
   * The merchant opens the link to connect Sage in {@code browser}: the chassis's start page, the
   * sandbox Sage's consent page, the chassis's callback; returns the last page.
   */
  public Browser.Page connectSageInBrowser(Browser browser) {
    return browser.get(chassis.connectSage().connectLink(tenant()));
  }

  /** The demo's policy: the sandbox business's accounts, its bank account for the demo's money. */
  public SyncPolicy demoPolicy() {
    SyncPolicy base = SyncPolicy.defaults(sage.defaultSalesLedgerAccountId());
    SyncPolicy demoPolicy =
        SyncPolicy.of(
            true,
            false,
            null,
            null,
            null,
            "GB_STANDARD",
            base.defaultLedgerAccountId(),
            Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER", "0.00", "GB_ZERO"),
            "GB_ZERO",
            "",
            "Company",
            "GOODS");
    String bank = sage.bankAccountId(sage.defaultBusinessId());
    return demoPolicy.withPaymentMethodMap(
        Map.of(
            "checkmo", new SyncPolicy.PaymentMapping(bank),
            "banktransfer", new SyncPolicy.PaymentMapping(bank),
            "purchaseorder", new SyncPolicy.PaymentMapping(bank)));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  public SandboxSage sage() {
    return sage;
  }

  public SandboxStore store() {
    return store;
  }

  public Chassis chassis() {
    return chassis;
  }

  /** Records the tenant a pairing made another way (over HTTP, in a test). */
  public void pairedAs(String tenantId) {
    this.tenant = java.util.Objects.requireNonNull(tenantId, "tenantId");
  }

  /** The tenant id the chassis gave the store when it paired it. */
  public String tenant() {
    if (tenant == null) {
      throw new IllegalStateException("the store is not paired yet");
    }
    return tenant;
  }

  /** The OAuth client secret registered with the sandbox Sage. */
  public String clientSecret() {
    return clientSecret;
  }

  /** The binding's current master key, as the chassis made it (tests sign webhooks with it). */
  public String apiKey() {
    return chassis
        .persistence()
        .bindings()
        .secrets(tenant())
        .orElseThrow(() -> new IllegalStateException("no binding for " + tenant))
        .apiKey();
  }

  public String chassisUrl() {
    return "http://127.0.0.1:" + chassis.httpPort();
  }

  /** The admin listener: the console, /api, the admin API and metrics. */
  public String adminUrl() {
    return "http://127.0.0.1:" + chassis.adminPort();
  }

  public String dashboardUrl() {
    return adminUrl() + "/dashboard/sync";
  }

  /** The demo's console account. */
  public static final String DEMO_USER = "demo";

  /**
   * Creates the console operator {@link #DEMO_USER} with a new random password (or gives the one
   * left by an earlier demo on the same database a new one) and returns the password.
   */
  public String demoOperatorPassword() {
    String password =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(bytes(new SecureRandom(), 12));
    var access = chassis.consoleAccess();
    boolean exists = access.users().stream().anyMatch(u -> u.username().equals(DEMO_USER));
    if (exists) {
      access.changePassword(DEMO_USER, password);
    } else {
      access.addUser(
          DEMO_USER, io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role.OPERATOR, null, password);
    }
    return password;
  }

  @Override
  public void close() {
    store.close();
    chassis.close();
    sage.close();
  }
}
