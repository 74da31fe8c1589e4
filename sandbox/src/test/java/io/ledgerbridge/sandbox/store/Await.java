package io.ledgerbridge.sandbox.store;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that the store's background threads make true (no timing assertions). */
final class Await {
  private Await() {}

  static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(10);
    }
  }
}
