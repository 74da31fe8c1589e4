package io.ledgerbridge.bench.demo;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The chassis with a sandbox Sage and a sandbox store on loopback, and a binding between them: what
 * {@code demo} runs, and what the end-to-end tests start.
 */
public final class DemoEnvironment implements AutoCloseable {
  public static final String TENANT = "demo-store";
  public static final String CLIENT_ID = "ledgerbridge-demo";

  private final SandboxSage sage;
  private final SandboxStore store;
  private final Chassis chassis;
  private final String apiKey;

  private DemoEnvironment(SandboxSage sage, SandboxStore store, Chassis chassis, String apiKey) {
    this.sage = sage;
    this.store = store;
    this.chassis = chassis;
    this.apiKey = apiKey;
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
    SecureRandom random = new SecureRandom();
    String apiKey = "lb_" + HexFormat.of().formatHex(bytes(random, 32));
    String clientSecret = HexFormat.of().formatHex(bytes(random, 24));

    SandboxSage sage = SandboxSage.start(SandboxSageConfig.defaults());
    SandboxStore store = null;
    Chassis chassis = null;
    try {
      sage.registerClient(CLIENT_ID, clientSecret);
      store =
          SandboxStore.start(
              SandboxStoreConfig.builder(TENANT, apiKey).backoffScale(storeBackoffScale).build());
      chassis = Chassis.open(config).startWeb().startWorkers().startRelay();
      store.setLedgerBaseUrl("http://127.0.0.1:" + chassis.httpPort());

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
      // the demo's money goes into the sandbox business's bank account
      String bank = sage.bankAccountId(sage.defaultBusinessId());
      demoPolicy =
          demoPolicy.withPaymentMethodMap(
              Map.of(
                  "checkmo", new SyncPolicy.PaymentMapping(bank),
                  "banktransfer", new SyncPolicy.PaymentMapping(bank),
                  "purchaseorder", new SyncPolicy.PaymentMapping(bank)));
      chassis
          .registration()
          .register(
              new RegisterBindingCommand(
                  new Binding(
                      TENANT,
                      store.baseUrl(),
                      sage.apiBaseUrl(),
                      sage.tokenUrl(),
                      sage.defaultBusinessId(),
                      "GB",
                      "GBP",
                      BindingStatus.ACTIVE,
                      Instant.now()),
                  new BindingSecrets(apiKey, CLIENT_ID, clientSecret),
                  sage.issueRefreshToken(CLIENT_ID),
                  policyTweak.apply(demoPolicy)));
      return new DemoEnvironment(sage, store, chassis, apiKey);
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

  /** The binding's master key (tests sign their own webhooks with it). */
  public String apiKey() {
    return apiKey;
  }

  public String chassisUrl() {
    return "http://127.0.0.1:" + chassis.httpPort();
  }

  public String dashboardUrl() {
    return "http://127.0.0.1:" + chassis.httpPort() + "/dashboard/sync";
  }

  @Override
  public void close() {
    store.close();
    chassis.close();
    sage.close();
  }
}
