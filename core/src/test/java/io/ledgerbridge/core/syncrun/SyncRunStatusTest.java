package io.ledgerbridge.core.syncrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SyncRunStatusTest {

  /** The expected transition table, written out independently of the enum's own table. */
  private static final Set<String> ALLOWED =
      Set.of(
          "QUEUED -> RUNNING",
          "QUEUED -> FAILED",
          "QUEUED -> WAITING",
          "RUNNING -> SUCCEEDED",
          "RUNNING -> SKIPPED_BY_POLICY",
          "RUNNING -> FAILED",
          "RUNNING -> RETRY_SCHEDULED",
          "RUNNING -> WAITING",
          "RETRY_SCHEDULED -> RUNNING",
          "RETRY_SCHEDULED -> FAILED",
          "RETRY_SCHEDULED -> WAITING",
          "WAITING -> RUNNING",
          "WAITING -> FAILED",
          "FAILED -> QUEUED");

  static Stream<Arguments> allPairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (SyncRunStatus from : SyncRunStatus.values()) {
      for (SyncRunStatus to : SyncRunStatus.values()) {
        pairs.add(Arguments.of(from, to, ALLOWED.contains(from + " -> " + to)));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
  @MethodSource("allPairs")
  void transitionTableMatchesExpected(SyncRunStatus from, SyncRunStatus to, boolean allowed) {
    assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
    assertThat(from.successors().contains(to)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @EnumSource(SyncRunStatus.class)
  void terminalStatesAreExactlyThoseWithoutSuccessorsExceptRequeueableFailed(SyncRunStatus s) {
    boolean expectedTerminal =
        s == SyncRunStatus.SUCCEEDED
            || s == SyncRunStatus.SKIPPED_BY_POLICY
            || s == SyncRunStatus.FAILED;
    assertThat(s.isTerminal()).isEqualTo(expectedTerminal);
  }

  @ParameterizedTest
  @EnumSource(SyncRunStatus.class)
  void roundTripsThroughDatabaseName(SyncRunStatus s) {
    assertThat(SyncRunStatus.fromDb(s.db())).isEqualTo(s);
    assertThat(s.db()).isLowerCase();
  }
}
