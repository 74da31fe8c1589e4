package io.ledgerbridge.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.bench.reliability.faults.FaultSchedule;
import io.ledgerbridge.bench.reliability.faults.FaultSchedule.Fault;
import io.ledgerbridge.bench.reliability.faults.FaultSchedule.Kind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

  @Test
  void fullScheduleInjectsEveryKindAtLeastOnceEvenForAShortRun() {
    FaultSchedule s = FaultSchedule.full(Duration.ofSeconds(10));

    assertThat(s.faults().stream().map(Fault::kind).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(Kind.class));
  }

  @Test
  void fullScheduleKillsAWorkerEveryTwentySecondsWhileInvoicesAreRaised() {
    FaultSchedule s = FaultSchedule.full(Duration.ofSeconds(250));

    List<Long> kills =
        s.faults().stream()
            .filter(f -> f.kind() == Kind.WORKER_KILL)
            .map(f -> f.at().toSeconds())
            .toList();
    assertThat(kills).hasSize(12).startsWith(10L, 30L, 50L).endsWith(230L);
  }

  @Test
  void faultsAreOrderedByOffsetAndOutagesLastFiveSeconds() {
    FaultSchedule s = FaultSchedule.full(Duration.ofSeconds(120));

    assertThat(s.faults()).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(
            s.faults().stream()
                .filter(f -> f.kind() == Kind.REDIS_CUT || f.kind() == Kind.POSTGRES_CUT))
        .allMatch(f -> f.duration().equals(Duration.ofSeconds(5)));
  }

  @Test
  void shortScheduleIsOneKillOneRedisCutAndOneSage503Storm() {
    assertThat(FaultSchedule.shortCi().faults())
        .extracting(Fault::kind)
        .containsExactly(Kind.WORKER_KILL, Kind.REDIS_CUT, Kind.SAGE_503_STORM);
  }
}
