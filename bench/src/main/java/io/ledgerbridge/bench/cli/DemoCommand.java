package io.ledgerbridge.bench.cli;

import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.CustomerScenario;
import io.ledgerbridge.bench.demo.DemoDatabase;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.bench.demo.DemoRun;
import io.ledgerbridge.bench.demo.MoneyScenarios;
import io.ledgerbridge.bench.demo.ProductScenario;
import io.ledgerbridge.bench.demo.ReconnectScenario;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.bench.demo.ScenarioStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the chassis plus a sandbox store and a sandbox Sage, raising sample invoices. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the chassis with a sandbox store and a sandbox Sage on loopback, pair the store"
            + " with a pairing code and connect Sage through its consent page, raise sample"
            + " invoices, then pay and refund some (checked in the sandbox Sage: outstanding"
            + " amounts and statuses). With --exit-when-done it also has a customer move house"
            + " (its Sage contacts follow), syncs products and stock (a stock item, a service, a"
            + " skipped configurable, stock moved twice), disconnects from the store, pairs and"
            + " reconnects, and"
            + " checks Sage holds no duplicate. Its database lives in LEDGER_DATA_DIR/demo and is"
            + " reset on every start.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--invoices",
      defaultValue = "6",
      description =
          "How many sample invoices to raise (default: ${DEFAULT-VALUE}; the samples repeat)")
  int invoices;

  @Option(
      names = "--exit-when-done",
      description =
          "Exit when every invoice reached its terminal status and the disconnect and reconnect"
              + " are checked: 0 if all are as expected")
  boolean exitWhenDone;

  @Option(
      names = "--port",
      description = "Chassis HTTP port (default: LEDGER_HTTP_PORT or 8080; 0 = any)")
  Integer port;

  @Option(
      names = "--timeout-seconds",
      defaultValue = "120",
      description = "How long --exit-when-done waits (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (invoices < 0) {
      throw new IllegalArgumentException("--invoices must not be negative");
    }
    DemoDatabase database = DemoDatabase.prepare(AppConfig.fromEnvironment());
    if (database.schema() != null) {
      System.out.println("database:  own schema " + database.schema() + " (dropped at the end)");
    }
    AppConfig config = database.config();
    if (port != null) {
      config = config.withHttpPort(port);
    } else if (exitWhenDone && System.getenv("LEDGER_HTTP_PORT") == null) {
      config = config.withHttpPort(0);
    }
    DemoEnvironment env;
    try {
      env = DemoEnvironment.start(config, p -> p);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    try {
      System.out.println(
          "paired:    the store as tenant "
              + env.tenant()
              + " (pairing code), Sage connected in a browser (OAuth)");
      System.out.println(
          "console:   "
              + env.dashboardUrl()
              + " (sign in as "
              + DemoEnvironment.DEMO_USER
              + " / "
              + env.demoOperatorPassword()
              + ")");
      System.out.println("store:     " + env.store().baseUrl() + "/");
      System.out.println("sage:      " + env.sage().apiBaseUrl());
      List<Long> raisedAt = new ArrayList<>();
      List<Long> ids = DemoRun.raise(env.store(), invoices, raisedAt);
      System.out.println(
          "raised " + ids.size() + " invoices from " + SampleInvoices.all().size() + " scenarios");
      if (exitWhenDone) {
        List<DemoRun.Outcome> outcomes =
            DemoRun.await(env.store(), ids, raisedAt, Duration.ofSeconds(timeoutSeconds));
        List<MoneyScenarios.Outcome> money =
            MoneyScenarios.run(env.store(), env.sage(), Duration.ofSeconds(timeoutSeconds));
        List<ScenarioStep> customer = CustomerScenario.run(env, Duration.ofSeconds(timeoutSeconds));
        List<ScenarioStep> products = ProductScenario.run(env, Duration.ofSeconds(timeoutSeconds));
        List<ScenarioStep> reconnect =
            ReconnectScenario.run(env, Duration.ofSeconds(timeoutSeconds));
        DemoRun.printSummary(outcomes, System.out);
        MoneyScenarios.printSummary(money, System.out);
        CustomerScenario.printSummary(customer, System.out);
        ProductScenario.printSummary(products, System.out);
        ReconnectScenario.printSummary(reconnect, System.out);
        return outcomes.stream().allMatch(DemoRun.Outcome::asExpected)
                && money.stream().allMatch(MoneyScenarios.Outcome::ok)
                && CustomerScenario.ok(customer)
                && ProductScenario.ok(products)
                && ReconnectScenario.ok(reconnect)
            ? 0
            : 1;
      }
      MoneyScenarios.printSummary(
          MoneyScenarios.run(env.store(), env.sage(), Duration.ofSeconds(timeoutSeconds)),
          System.out);
      System.out.println("running; press Ctrl-C to stop");
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    env.close();
                    database.close();
                  },
                  "demo-shutdown"));
      forever.await();
      return 0;
    } finally {
      if (exitWhenDone) {
        env.close();
        database.close();
      }
    }
  }
}
