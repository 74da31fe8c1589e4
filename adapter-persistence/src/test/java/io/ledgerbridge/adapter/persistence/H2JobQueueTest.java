package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.testkit.contract.JobQueueContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class H2JobQueueTest extends JobQueueContract {
  private static TestDatabase db;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.h2();
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  /**
   * H2's claim takes its candidates in JDBC batches of compare-and-sets: the candidates another
   * claimer took meanwhile (here: a stale version) are skipped and the next ones taken, in order,
   * up to the maximum.
   */
  @Test
  void aClaimThatLosesCandidatesTakesTheNextOnesInOrderUpToTheMaximum() {
    MutableClock clock = MutableClock.standard();
    PersistenceAdapter adapter = db.reset(clock);
    JobQueue queue = adapter.jobQueue();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Job job =
          Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t", clock.instant());
      queue.enqueue(job);
      ids.add(job.id());
      clock.advance(Duration.ofMillis(1));
    }
    Instant now = clock.instant();
    JdbiUnitOfWork uow = (JdbiUnitOfWork) adapter.unitOfWork();
    List<Job> taken =
        uow.inTransaction(
            () -> {
              Handle h = uow.currentHandle();
              List<JdbcJobQueue.Row> candidates = new ArrayList<>();
              for (JdbcJobQueue.Row row : JdbcJobQueue.candidates(h, now, 10, "")) {
                boolean lost =
                    row.job().id().equals(ids.get(0)) || row.job().id().equals(ids.get(2));
                candidates.add(lost ? new JdbcJobQueue.Row(row.job(), row.version() + 7) : row);
              }
              return JdbcJobQueue.take(h, candidates, now, now.plusSeconds(60), 3);
            });

    assertThat(taken).extracting(Job::id).containsExactly(ids.get(1), ids.get(3), ids.get(4));
    assertThat(queue.claimDue(now, 10, Duration.ofSeconds(60)))
        .extracting(Job::id)
        .containsExactly(ids.get(0), ids.get(2), ids.get(5));
  }

  @Override
  protected JobQueue createSubject(MutableClock clock) {
    return db.reset(clock).jobQueue();
  }
}
