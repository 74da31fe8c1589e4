package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.ports.fake.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded claim must read due jobs in index order and stop at the limit. When H2 sorted the
 * whole backlog on every claim instead, draining 20,000 queued runs went at 111 jobs/s (1,610 with
 * the index order), so this pins the plan, not a timing.
 */
class H2JobClaimPlanTest {
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
  void claimCandidatesAreReadInJobsDueIndexOrderWithoutASort() {
    JdbiUnitOfWork uow =
        (JdbiUnitOfWork) db.reset(new MutableClock(Instant.parse("2026-11-27T12:00:00Z")))
            .unitOfWork();
    String plan =
        uow.inTransaction(
            () ->
                uow.currentHandle()
                    .createQuery("EXPLAIN " + JdbcJobQueue.candidatesSql(""))
                    .bindByType("now", Instant.parse("2026-11-27T12:00:00Z"), Instant.class)
                    .bind("limit", 4)
                    .mapTo(String.class)
                    .one());

    assertThat(plan).contains("jobs_due_idx").contains("index sorted");
  }
}
