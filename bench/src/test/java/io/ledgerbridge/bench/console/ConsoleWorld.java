package io.ledgerbridge.bench.console;

import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import java.nio.file.Path;
import java.util.Map;

/**
 * A paired and connected chassis with the sandboxes (the demo's environment) and console accounts:
 * an operator and a merchant of the environment's tenant.
 */
public final class ConsoleWorld implements AutoCloseable {
  public static final String OPERATOR = "ops";
  public static final String MERCHANT = "shopkeeper";
  public static final String PASSWORD = "a long console password";

  public final DemoEnvironment env;

  private ConsoleWorld(DemoEnvironment env) {
    this.env = env;
  }

  public static ConsoleWorld start(Path dataDir) {
    AppConfig config =
        AppConfig.from(
                Map.of(
                    "LEDGER_HTTP_PORT", "0",
                    "LEDGER_SWEEP_MS", "100",
                    "LEDGER_HELD_RECHECK_SECONDS", "1"))
            .withDataDir(dataDir);
    DemoEnvironment env = DemoEnvironment.start(config, p -> p);
    var access = env.chassis().consoleAccess();
    access.addUser(OPERATOR, Role.OPERATOR, null, PASSWORD);
    access.addUser(MERCHANT, Role.MERCHANT, env.tenant(), PASSWORD);
    return new ConsoleWorld(env);
  }

  public String adminUrl() {
    return env.adminUrl();
  }

  @Override
  public void close() {
    env.close();
  }
}
