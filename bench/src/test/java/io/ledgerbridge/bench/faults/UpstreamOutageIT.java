package io.ledgerbridge.bench.faults;

import io.ledgerbridge.bench.reliability.faults.ChassisChildren;
import org.junit.jupiter.api.Test;

/**
 * The store and Sage are unreachable for a while (503s); the chassis retries on its ladder (2 s,
 * then 10 s) and every invoice completes once, with no duplicate in Sage.
 */
class UpstreamOutageIT extends FaultTestBase {

  @Test
  void storeUnavailableForAFewSecondsDelaysButNeverLosesOrDoublesAnInvoice() {
    open(REDIS_URL);
    chassis.start("web", "worker", "worker", "relay");
    world.store().setUnavailable(true);

    world.raise(6); // the store's outbox still delivers: canonical GETs and pushes fail
    world.await(
        "the chassis to meet the unavailable store",
        SandboxWorld.WAIT,
        () -> world.store().unavailableRefusals() >= 3);
    ChassisChildren.sleep(3000);
    world.store().setUnavailable(false);

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void sageAnswering503SeveralTimesInARowIsRetriedUntilEveryInvoiceIsSyncedOnce() {
    open(REDIS_URL);
    chassis.start("web", "worker", "worker", "relay");
    world.sage().failNext("/sales_invoices", 503, 2);
    world.sage().failNext("/contacts", 503, 2);

    world.raise(6);

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void storeAndSageUnavailableTogetherRecoverWithoutLossOrDuplicates() {
    open(null);
    chassis.start("web", "worker", "worker");
    world.sage().failNext("/", 503, 2);
    world.store().setUnavailable(true);

    world.raise(4);
    world.await(
        "the chassis to meet the unavailable store",
        SandboxWorld.WAIT,
        () -> world.store().unavailableRefusals() >= 2);
    ChassisChildren.sleep(2000);
    world.store().setUnavailable(false);

    report(world.assertNoLossNoDuplicates());
  }
}
