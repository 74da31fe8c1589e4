package io.ledgerbridge.bench.faults;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.ledgerbridge.bench.reliability.faults.ChassisChildren;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away (SIGKILL, no persistence) while the chassis runs and comes back empty on the same
 * port. The database outbox is the source of truth: accepting should need only the database, and
 * the relay republishes what Redis lost.
 */
class RedisOutageIT extends FaultTestBase {
  private PrivateRedis redis;

  @BeforeEach
  void privateRedis() {
    Path binary = PrivateRedis.findBinary();
    assumeThat(binary)
        .as("redis-server binary (apt-get install redis-server) to run a private Redis")
        .isNotNull();
    redis = track(PrivateRedis.start(binary, Path.of("target", "faults")));
  }

  @Test
  void jobsRedisLostAndEventsRaisedWhileItWasDownAreSyncedOnceAfterItComesBackEmpty() {
    open(redis.url());
    chassis.start("web", "worker", "relay");
    world.sage().setLatency(Duration.ofMillis(700), Duration.ofMillis(700));
    world.raise(4);
    // Jobs are in Redis (published, some claimed, some waiting) when it dies.
    world.await(
        "the first sales invoice POST to reach Sage",
        SandboxWorld.WAIT,
        () -> world.invoicePostsArrived() > 0);

    redis.kill();
    world.raise(3); // the store's outbox keeps trying until the chassis accepts them
    ChassisChildren.sleep(3000);
    redis.startProcess(); // same port, empty
    world.sage().clearFaults();

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void theWebhookKeepsAnswering202WhileRedisIsDown() {
    open(redis.url());
    chassis.start("web", "worker", "relay");
    world.raise(1);
    world.awaitAllTerminal();

    redis.kill();
    var whileDown = world.raise(2);

    // Accepting writes the run, the idempotency key and the job to the database only; the store
    // records a sync_run_id only when the webhook answered 202.
    world.await(
        "the webhook to accept (202) the invoices raised while Redis is down",
        Duration.ofSeconds(30),
        () -> whileDown.stream().allMatch(r -> world.store().syncRunId(r.storeId()).isPresent()));
    redis.startProcess();
    report(world.assertNoLossNoDuplicates());
  }
}
