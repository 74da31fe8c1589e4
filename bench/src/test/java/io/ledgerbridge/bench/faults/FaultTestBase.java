package io.ledgerbridge.bench.faults;

import io.ledgerbridge.bench.reliability.faults.ChassisChildren;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Opens the processes and the sandboxes for one test and always closes them afterwards, in reverse
 * order, even when the test failed.
 */
abstract class FaultTestBase {
  static final String PG_URL = env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("LEDGER_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = System.getenv("LEDGER_TEST_PG_PASSWORD");
  static final String REDIS_URL = env("LEDGER_TEST_REDIS_URL", "redis://127.0.0.1:6379");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private String testName;
  protected ChassisChildren chassis;
  protected SandboxWorld world;

  @BeforeEach
  void name(TestInfo info) {
    testName =
        getClass().getSimpleName()
            + "."
            + info.getTestMethod().map(m -> m.getName()).orElse("test");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  /**
   * A fresh schema (and Redis prefix unless {@code redisUrl} is null) with the binding in it; the
   * process logs go to {@code target/faults/<test>/}.
   */
  protected void open(String redisUrl) {
    open(redisUrl, Map.of());
  }

  /** The same, with {@code extraEnv} added to (or overriding) every child's environment. */
  protected void open(String redisUrl, Map<String, String> extraEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LEDGER_MAX_DELIVERIES", "5");
    env.putAll(extraEnv);
    chassis =
        track(
            new ChassisChildren(
                PG_URL,
                PG_USER,
                PG_PASSWORD,
                redisUrl,
                Path.of("target", "faults", testName),
                env));
    world = track(SandboxWorld.start(chassis));
  }

  protected <T extends AutoCloseable> T track(T resource) {
    resources.add(resource);
    return resource;
  }

  protected void report(SandboxWorld.Summary summary) {
    System.out.println(testName + ": " + summary);
  }

  @AfterEach
  void closeEverything() throws Exception {
    Exception first = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    resources.clear();
    if (first != null) {
      throw first;
    }
  }
}
