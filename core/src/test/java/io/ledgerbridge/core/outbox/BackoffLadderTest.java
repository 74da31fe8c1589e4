package io.ledgerbridge.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffLadderTest {
  private static final Instant NOW = Instant.parse("2026-04-29T10:00:00Z");

  @ParameterizedTest(name = "failure {0} waits {1}")
  @CsvSource({
    "1, PT2S",
    "2, PT10S",
    "3, PT30S",
    "4, PT2M",
    "5, PT10M",
    "6, PT30M",
    "7, PT1H",
    "8, PT1H",
    "11, PT1H"
  })
  void standardLadderWaitsTheDocumentedStep(int failures, String wait) {
    assertThat(BackoffLadder.standard().afterFailure(failures, NOW))
        .isEqualTo(new RetryDecision.RetryAt(NOW.plus(Duration.parse(wait))));
  }

  @Test
  void deadLettersAfterTwelveTransientFailures() {
    assertThat(BackoffLadder.standard().afterFailure(12, NOW))
        .isInstanceOf(RetryDecision.GiveUp.class);
    assertThat(BackoffLadder.standard().afterFailure(13, NOW))
        .isInstanceOf(RetryDecision.GiveUp.class);
  }

  @Test
  void singleAttemptLadderGivesUpAtOnce() {
    BackoffLadder once = new BackoffLadder(List.of(Duration.ofSeconds(1)), 1);
    assertThat(once.afterFailure(1, NOW)).isInstanceOf(RetryDecision.GiveUp.class);
  }

  @Test
  void rejectsZeroBasedFailureCount() {
    assertThatThrownBy(() -> BackoffLadder.standard().afterFailure(0, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsEmptyLadderAndNonPositiveMaxAttempts() {
    assertThatThrownBy(() -> new BackoffLadder(List.of(), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BackoffLadder(List.of(Duration.ofSeconds(1)), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
