package io.ledgerbridge.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.adapter.persistence.JobQueueDepth;
import io.ledgerbridge.testkit.fake.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueueDepthGaugesTest {
  private static final Instant T0 = Instant.parse("2026-04-29T10:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(T0);
  private final Queue<Runnable> background = new ArrayDeque<>();
  private final Executor executor = background::add;
  private final AtomicInteger queries = new AtomicInteger();

  private JobQueueDepth depth() {
    int n = queries.incrementAndGet();
    return new JobQueueDepth(10L * n, n, clock.instant().minusSeconds(30), clock.instant());
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private void runBackground() {
    Runnable r;
    while ((r = background.poll()) != null) {
      r.run();
    }
  }

  @Test
  void scrapesReadTheLastAnswerAndAskAgainAtMostEveryTenSecondsInTheBackground() {
    try (QueueDepthGauges gauges =
        new QueueDepthGauges(registry, this::depth, clock, executor, null)) {
      assertThat(gauges).isNotNull();
      // asked once on registration; nothing answered yet
      assertThat(gauge("ledger.jobs.pending")).isNaN();
      runBackground();
      assertThat(queries).hasValue(1);
      assertThat(gauge("ledger.jobs.pending")).isEqualTo(10.0);
      assertThat(gauge("ledger.jobs.due")).isEqualTo(1.0);
      assertThat(gauge("ledger.jobs.oldest.due.age")).isEqualTo(30.0);

      // a scrape storm within ten seconds asks nothing more
      for (int i = 0; i < 100; i++) {
        gauge("ledger.jobs.pending");
        gauge("ledger.jobs.due");
      }
      clock.advance(Duration.ofSeconds(9));
      gauge("ledger.jobs.pending");
      runBackground();
      assertThat(queries).hasValue(1);

      // ten seconds on, the next scrape asks once, and still answers with what it had
      clock.advance(Duration.ofSeconds(1));
      assertThat(gauge("ledger.jobs.pending")).isEqualTo(10.0);
      gauge("ledger.jobs.due");
      runBackground();
      assertThat(queries).hasValue(2);
      assertThat(gauge("ledger.jobs.pending")).isEqualTo(20.0);
    }
  }

  @Test
  void keepsTheLastValueWhileTheDatabaseFails() {
    AtomicInteger calls = new AtomicInteger();
    try (QueueDepthGauges gauges =
        new QueueDepthGauges(
            registry,
            () -> {
              if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("database down");
              }
              return new JobQueueDepth(5, 0, null, T0);
            },
            clock,
            executor,
            null)) {
      assertThat(gauges).isNotNull();
      runBackground();
      clock.advance(Duration.ofSeconds(10));
      gauge("ledger.jobs.pending");
      runBackground();

      assertThat(calls).hasValue(2);
      assertThat(gauge("ledger.jobs.pending")).isEqualTo(5.0);
      assertThat(gauge("ledger.jobs.oldest.due.age")).isZero();
    }
  }

  @Test
  void closingRemovesTheGauges() {
    new QueueDepthGauges(registry, this::depth, clock, executor, null).close();

    assertThat(registry.find("ledger.jobs.pending").gauge()).isNull();
  }
}
