package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class H2NotificationChannelTest {
  private static TestDatabase db;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.h2();
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  @Test
  void wakeRunsTheCallbackInThisProcessUntilClosed() {
    AtomicInteger calls = new AtomicInteger();
    NotificationChannel channel = db.adapter.notifications("jobs_ready", calls::incrementAndGet);

    channel.wake();
    channel.wake();
    channel.close();
    channel.wake();

    assertThat(channel.name()).isEqualTo("jobs_ready");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void aFailingCallbackDoesNotFailTheWaker() {
    NotificationChannel channel =
        db.adapter.notifications(
            "jobs_ready",
            () -> {
              throw new IllegalStateException("boom");
            });

    channel.wake();
    channel.close();
  }

  @Test
  void rejectsChannelNamesPostgresqlWouldQuoteOrTruncate() {
    for (String bad : new String[] {"", "Jobs", "jobs-ready", "jobs1", "a;drop", "x".repeat(64)}) {
      assertThatThrownBy(() -> db.adapter.notifications(bad, () -> {}))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> db.adapter.notifications(null, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    db.adapter.notifications("x".repeat(63), () -> {}).close();
  }
}
