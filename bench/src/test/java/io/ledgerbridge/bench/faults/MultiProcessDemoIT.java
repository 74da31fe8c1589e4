package io.ledgerbridge.bench.faults;

import org.junit.jupiter.api.Test;

/**
 * The end-to-end demo samples through the chassis as separate processes: the production topology
 * (web, two workers, relay) on PostgreSQL + Redis, {@code serve} alone on PostgreSQL + Redis, and
 * PostgreSQL only with web and two workers.
 */
class MultiProcessDemoIT extends FaultTestBase {

  @Test
  void separateWebTwoWorkersAndRelayOnPostgresAndRedisSyncEverySampleOnce() {
    open(REDIS_URL);
    chassis.start("web", "worker", "worker", "relay");

    world.raise(12);

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void serveAloneOnPostgresAndRedisSyncsEverySampleOnce() {
    open(REDIS_URL);
    chassis.start("serve");

    world.raise(12);

    report(world.assertNoLossNoDuplicates());
  }

  @Test
  void postgresOnlyWebAndTwoWorkersSyncEverySampleOnce() {
    open(null);
    chassis.start("web", "worker", "worker");

    world.raise(12);

    report(world.assertNoLossNoDuplicates());
  }
}
