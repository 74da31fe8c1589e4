package io.ledgerbridge.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class JobStatusTest {

  /** The expected transition table, written out independently of the enum's own table. */
  private static final Set<String> ALLOWED =
      Set.of(
          "PENDING -> PENDING",
          "PENDING -> SUCCEEDED",
          "PENDING -> DEAD_LETTERED",
          "DEAD_LETTERED -> PENDING");

  static Stream<Arguments> allPairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (JobStatus from : JobStatus.values()) {
      for (JobStatus to : JobStatus.values()) {
        pairs.add(Arguments.of(from, to, ALLOWED.contains(from + " -> " + to)));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
  @MethodSource("allPairs")
  void transitionTableMatchesExpected(JobStatus from, JobStatus to, boolean allowed) {
    assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
    assertThat(from.successors().contains(to)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void onlySucceededIsTerminalBecauseDeadLettersCanBeRequeued(JobStatus s) {
    assertThat(s.isTerminal()).isEqualTo(s == JobStatus.SUCCEEDED);
    assertThat(s.successors().isEmpty()).isEqualTo(s.isTerminal());
  }

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void roundTripsThroughDatabaseName(JobStatus s) {
    assertThat(JobStatus.fromDb(s.db())).isEqualTo(s);
    assertThat(s.db()).isLowerCase();
  }
}
