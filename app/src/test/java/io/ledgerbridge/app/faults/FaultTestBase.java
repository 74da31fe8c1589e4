package io.ledgerbridge.app.faults;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Opens the processes and the sandboxes for one test and always closes them afterwards, in
 * reverse order, even when the test failed.
 */
abstract class FaultTestBase {
  private final List<AutoCloseable> resources = new ArrayList<>();
  private String testName;
  protected ChassisProcesses chassis;
  protected SandboxWorld world;

  @BeforeEach
  void name(TestInfo info) {
    testName =
        getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("test");
  }

  /** A fresh schema (and Redis prefix unless {@code redisUrl} is null) with the binding in it. */
  protected void open(String redisUrl) {
    chassis = track(new ChassisProcesses(testName, redisUrl));
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
