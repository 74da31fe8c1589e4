package io.ledgerbridge.bench.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** One checked step of a demo scenario, and what the scenarios share: waiting and the table. */
public record ScenarioStep(String label, boolean ok, String detail) {

  /** Whether there are {@code expected} steps and every one is as expected. */
  public static boolean allOk(List<ScenarioStep> steps, int expected) {
    return steps.size() == expected && steps.stream().allMatch(ScenarioStep::ok);
  }

  /** Prints the steps as a table under {@code title}, then {@code summary}. */
  public static void print(
      String title, String column, List<ScenarioStep> steps, String summary, PrintStream out) {
    String fmt = "%-52s %-4s %s%n";
    out.println();
    out.printf(fmt, title, "OK", column);
    for (ScenarioStep s : steps) {
      out.printf(fmt, s.label(), s.ok() ? "yes" : "NO", s.detail());
    }
    out.printf("%nsummary: %s%n", summary);
  }

  /** Polls {@code condition} every 50 ms until it holds (true) or {@code timeout} passes. */
  public static boolean until(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
