package io.ledgerbridge.bench.faults;

import io.ledgerbridge.bench.reliability.faults.ChassisChildren;
import io.ledgerbridge.bench.reliability.faults.TcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every chassis process reaches PostgreSQL through a proxy that the test cuts for a few seconds
 * while invoices are in flight (live connections closed, new ones refused), then restores.
 */
class PostgresOutageIT extends FaultTestBase {

  @Test
  void invoicesInFlightWhenPostgresConnectionsAreCutCompleteOnceAfterRecovery() {
    runWithDatabaseCut(REDIS_URL, "web", "worker", "worker", "relay");
  }

  @Test
  void postgresOnlyInvoicesInFlightWhenConnectionsAreCutCompleteOnceAfterRecovery() {
    runWithDatabaseCut(null, "web", "worker");
  }

  private void runWithDatabaseCut(String redisUrl, String... roles) {
    String[] hostPort = ChassisChildren.pgHostPort(PG_URL).split(":");
    TcpProxy proxy = track(TcpProxy.start(hostPort[0], Integer.parseInt(hostPort[1])));
    open(redisUrl);
    chassis.routeDatabaseThrough("127.0.0.1:" + proxy.port());
    chassis.start(roles);
    world.sage().setLatency(Duration.ofMillis(300), Duration.ofMillis(300));
    world.raise(6);
    world.await(
        "the first invoice to reach Sage",
        SandboxWorld.WAIT,
        () -> !world.sageInvoices().isEmpty());

    proxy.cut();
    world.raise(3); // the webhook fails while the database is away; the store's outbox retries
    ChassisChildren.sleep(5000);
    proxy.restore();
    world.sage().clearFaults();

    report(world.assertNoLossNoDuplicates());
  }
}
