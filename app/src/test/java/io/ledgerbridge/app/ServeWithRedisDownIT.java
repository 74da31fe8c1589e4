package io.ledgerbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} configured with a Redis that is not there (a closed port): it stays alive, says it
 * is not ready and names Redis, and logs the outage in a few lines instead of thousands (issue 10,
 * item 6: 6,963 lines and 188 stack traces in 25 s before).
 */
class ServeWithRedisDownIT {
  @TempDir Path dir;

  @Test
  void reportsNotReadyNamingRedisWhileAliveAndLogsTheOutageInAFewLines() throws Exception {
    int closedPort = ServeProcess.freePort(); // nothing listens there once the probe socket closes
    try (ServeProcess serve =
        ServeProcess.start(
                dir,
                Map.of(
                    "LEDGER_REDIS_URL", "redis://127.0.0.1:" + closedPort,
                    "LEDGER_SWEEP_MS", "50",
                    "LEDGER_WORKER_THREADS", "4"))
            .awaitListening()) {
      HttpResponse<String> ready = serve.get("/readyz");
      HttpResponse<String> live = serve.get("/healthz");
      // four workers sweeping every 50 ms: about 400 failed claims in the next five seconds
      Thread.sleep(5_000);
      String log = serve.log();

      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body())
          .isEqualTo(
              "{\"status\":\"not_ready\",\"backends\":{\"database\":\"up\",\"redis\":\"down\"}}");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(serve.isAlive()).isTrue();
      long lines = log.lines().count();
      long traces = log.lines().filter(l -> l.startsWith("redis.clients.jedis.exceptions")).count();
      assertThat(lines).as(log).isLessThan(80);
      assertThat(traces).as("stack traces of the outage").isLessThanOrEqualTo(2);
      assertThat(log).contains("claiming jobs failed; retrying quietly");
    }
  }
}
