package io.ledgerbridge.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.bench.reliability.faults.ChassisChildren.Role;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a worker process at the moments that matter, then a replacement worker finishes: the
 * Sage POST in flight while the worker holds the business lease, and the Sage invoice created but
 * the status push not yet applied by the store. Only one worker process runs when the kill comes,
 * so the killed process is certainly the one doing the work.
 */
class WorkerKillIT extends FaultTestBase {
  private static final Duration SAGE_LATENCY = Duration.ofMillis(1500);

  @Test
  void workerKilledWhileItsSageInvoicePostIsInFlightIsReplacedWithoutDuplicates() {
    open(REDIS_URL);
    chassis.start("web", "relay");
    Role worker = chassis.start("worker").get(0);

    killDuringInvoicePost(worker, 3);

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void postgresOnlyWorkerKilledWhileItsSageInvoicePostIsInFlightIsReplacedWithoutDuplicates() {
    open(null);
    chassis.start("web");
    Role worker = chassis.start("worker").get(0);

    killDuringInvoicePost(worker, 3);

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void workerKilledAfterSageCreatedTheInvoiceButBeforeTheStoreShowsItIsReplacedWithoutDuplicates() {
    open(REDIS_URL);
    chassis.start("web", "relay");
    Role worker = chassis.start("worker").get(0);
    // The store takes 3 s to apply a status push, which widens the window between the two.
    world.store().setSyncStateLatency(Duration.ofSeconds(3));
    world.raise(3);

    // The moment: Sage holds an invoice, and the store shows no terminal status yet. Depending on
    // scheduling the kill lands before the run's success is committed (the replacement re-posts
    // with the same idempotency id and gets the same invoice back), before the push job was
    // claimed, or while the push is in flight.
    world.await(
        "a Sage invoice whose status the store does not show yet",
        SandboxWorld.WAIT,
        () ->
            !world.sageInvoices().isEmpty()
                && world.raised().stream().noneMatch(r -> world.terminal(r.storeId())));
    chassis.kill(worker);
    world.store().setSyncStateLatency(Duration.ZERO);
    chassis.start("worker");

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void workerKilledWhileTheStoreIsApplyingItsStatusPushIsReplacedAndPushesTheSameContentAgain() {
    open(REDIS_URL);
    chassis.start("web", "relay");
    Role worker = chassis.start("worker").get(0);
    world.store().setSyncStateLatency(Duration.ofSeconds(3));
    world.raise(3);

    // The push has reached the store, which is still working on it: the worker dies before the
    // answer, so its push job is redelivered and pushed again; the store applies both.
    world.await(
        "a status push in flight at the store",
        SandboxWorld.WAIT,
        () -> world.store().syncStateCallsInProgress() > 0);
    chassis.kill(worker);
    world.store().setSyncStateLatency(Duration.ZERO);
    chassis.start("worker");

    SandboxWorld.Summary summary = world.assertNoLossNoDuplicates();
    report(summary);
    assertThat(summary.repeatedPushes())
        .as("the push cut short by the kill was made again")
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void killingTheBusyWorkerThreeTimesInARowNeverLosesOrDoublesAnInvoice() {
    open(REDIS_URL);
    chassis.start("web", "relay");
    Role worker = chassis.start("worker").get(0);
    for (int round = 1; round <= 3; round++) {
      worker = killDuringInvoicePost(worker, 2);
      report(world.assertNoLossNoDuplicates());
    }
  }

  /**
   * Raises {@code invoices} invoices with a slow Sage, kills the (only) worker as soon as a sales
   * invoice POST has reached Sage but before Sage answered, and starts a replacement. Sage still
   * completes the orphaned POST: the replacement must find that invoice (Sage idempotency) rather
   * than create a second one. Returns the replacement.
   */
  private Role killDuringInvoicePost(Role worker, int invoices) {
    world.sage().setLatency(SAGE_LATENCY, SAGE_LATENCY);
    int before = world.invoicePostsArrived();
    int sageBefore = world.sageInvoices().size();
    world.raise(invoices);

    world.await(
        "a sales invoice POST to reach Sage",
        SandboxWorld.WAIT,
        () -> world.invoicePostsArrived() > before);
    // Sage sleeps SAGE_LATENCY before handling it, so the POST is still unanswered here.
    chassis.kill(worker);
    assertThat(world.sageInvoices().size())
        .as("the POST was still in flight when the worker died")
        .isEqualTo(sageBefore);
    world.sage().clearFaults();
    return chassis.start("worker").get(0);
  }
}
