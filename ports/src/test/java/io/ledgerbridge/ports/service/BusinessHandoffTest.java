package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BusinessHandoffTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private final BusinessHandoff handoff = new BusinessHandoff();

  private static Job job(long n) {
    return Job.newJob(new UUID(0, n), JobKind.SYNC, new UUID(1, n), "t", NOW);
  }

  @Test
  void parksOnlyWithARegisteredHolderAndReturnsJobsInOrder() {
    assertThat(handoff.park("biz", job(1), NOW)).isFalse();
    handoff.hold("biz");
    assertThat(handoff.park("biz", job(1), NOW)).isTrue();
    assertThat(handoff.park("biz", job(2), NOW)).isTrue();
    assertThat(handoff.park("other", job(3), NOW)).isFalse();

    assertThat(handoff.nextOrLetGo("biz").job()).isEqualTo(job(1));
    assertThat(handoff.nextOrLetGo("biz").job()).isEqualTo(job(2));
    assertThat(handoff.nextOrLetGo("biz")).isNull();
  }

  @Test
  void aHolderThatFoundNothingHasLetGoSoNoJobIsParkedWithNobodyToRunIt() {
    handoff.hold("biz");
    assertThat(handoff.nextOrLetGo("biz")).isNull();
    assertThat(handoff.park("biz", job(1), NOW)).isFalse();
  }

  @Test
  void refusesBeyondTheWaitingLimit() {
    handoff.hold("biz");
    for (int i = 0; i < BusinessHandoff.MAX_WAITING; i++) {
      assertThat(handoff.park("biz", job(i), NOW)).isTrue();
    }
    assertThat(handoff.park("biz", job(99), NOW)).isFalse();
    assertThat(handoff.waiting("biz")).isEqualTo(BusinessHandoff.MAX_WAITING);
  }

  @Test
  void closingStopsParkingAndLeavesWaitingJobsForLetGo() {
    handoff.hold("biz");
    handoff.park("biz", job(1), NOW);
    handoff.close();

    assertThat(handoff.park("biz", job(2), NOW)).isFalse();
    assertThat(handoff.nextOrLetGo("biz")).isNull();
    assertThat(handoff.letGo("biz"))
        .extracting(BusinessHandoff.Parked::job)
        .containsExactly(job(1));
    assertThat(handoff.letGo("biz")).isEmpty();
  }
}
