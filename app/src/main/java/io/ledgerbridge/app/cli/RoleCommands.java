package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.app.metrics.JvmMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/** Starts roles and blocks until the process is asked to stop. */
final class RoleCommands {
  private RoleCommands() {}

  static int runUntilStopped(UnaryOperator<Chassis> start) throws InterruptedException {
    AppConfig config = AppConfig.fromEnvironment();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMeters.bindTo(metrics);
    Chassis chassis = start.apply(Chassis.open(config, Clock.systemUTC(), null, metrics));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  chassis.close();
                  stopped.countDown();
                },
                "ledger-shutdown"));
    stopped.await();
    return 0;
  }

  @picocli.CommandLine.Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description =
          "Run every role in one process: HTTP (webhooks, dashboard) and workers. Configuration"
              + " comes from LEDGER_* environment variables; none is needed.")
  static final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      return RoleCommands.runUntilStopped(c -> c.startWeb().startWorkers().startRelay());
    }
  }

  @picocli.CommandLine.Command(
      name = "web",
      mixinStandardHelpOptions = true,
      description = "Run only the HTTP role (webhooks, health, dashboard).")
  static final class WebCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      return RoleCommands.runUntilStopped(Chassis::startWeb);
    }
  }

  @picocli.CommandLine.Command(
      name = "relay",
      mixinStandardHelpOptions = true,
      description =
          "Run only the relay role: publish the database outbox to Redis Streams (when"
              + " LEDGER_REDIS_URL is set) and run housekeeping.")
  static final class RelayCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      return RoleCommands.runUntilStopped(Chassis::startRelay);
    }
  }

  @picocli.CommandLine.Command(
      name = "worker",
      mixinStandardHelpOptions = true,
      description = "Run only the worker role (sync jobs and status pushes).")
  static final class WorkerCommand implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException {
      return RoleCommands.runUntilStopped(Chassis::startWorkers);
    }
  }
}
