package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ReadinessMonitorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
  private final AtomicBoolean database = new AtomicBoolean(true);
  private final AtomicBoolean redis = new AtomicBoolean(true);

  private ReadinessMonitor monitor() {
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("database", database::get);
    checks.put(
        "redis",
        () -> {
          if (!redis.get()) {
            throw new IllegalStateException("connection refused");
          }
          return true;
        });
    return new ReadinessMonitor(checks, clock, Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  @Test
  void readyOnlyWhenEveryBackendAnswers() {
    ReadinessMonitor m = monitor();
    m.checkNow();
    assertThat(m.current().ready()).isTrue();
    assertThat(m.current().backends())
        .containsExactly(Map.entry("database", true), Map.entry("redis", true));

    redis.set(false);
    m.checkNow();

    assertThat(m.current().ready()).isFalse();
    assertThat(m.current().backends())
        .containsExactly(Map.entry("database", true), Map.entry("redis", false));
  }

  @Test
  void notReadyBeforeTheFirstCheckOrWhenTheLastOneIsTooOld() {
    ReadinessMonitor m = monitor();
    assertThat(m.current().ready()).isFalse();
    m.checkNow();
    clock.advance(Duration.ofSeconds(11)); // the checker hangs on a connect timeout
    assertThat(m.current().ready()).isFalse();
    assertThat(m.current().backends()).containsValues(false, false);
  }

  @Test
  void noBackendsIsReady() {
    ReadinessMonitor m =
        new ReadinessMonitor(Map.of(), clock, Duration.ofSeconds(2), Duration.ofSeconds(10));
    m.checkNow();
    assertThat(m.current().ready()).isTrue();
  }
}
