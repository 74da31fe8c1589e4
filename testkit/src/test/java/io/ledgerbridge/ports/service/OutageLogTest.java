package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutageLogTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T08:00:00Z"));
  private final List<LogRecord> records = new ArrayList<>();
  private final Logger logger = Logger.getLogger("outage-log-test-" + UUID.randomUUID());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  {
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
  }

  @AfterEach
  void detach() {
    logger.removeHandler(capture);
  }

  private static RuntimeException refused() {
    return new IllegalStateException(
        "Failed to connect to 127.0.0.1:1", new ConnectException("Connection refused"));
  }

  @Test
  void aThousandFailuresInAMinuteAreOneLineWithATraceThenOneCountedLinePerMinute() {
    OutageLog log = new OutageLog(logger, clock, Duration.ofMinutes(1));
    for (int i = 0; i < 1000; i++) {
      log.failed("claiming jobs", refused());
      clock.advance(Duration.ofMillis(50)); // 50 s in all
    }
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
    assertThat(records.get(0).getThrown()).isNotNull();

    clock.advance(Duration.ofSeconds(11));
    log.failed("claiming jobs", refused());

    assertThat(records).hasSize(2);
    assertThat(records.get(1).getThrown()).isNull();
    assertThat(records.get(1).getMessage())
        .isEqualTo(
            "claiming jobs still failing (1000 failures since the last report):"
                + " java.lang.IllegalStateException: Failed to connect to 127.0.0.1:1"
                + " (cause: java.net.ConnectException: Connection refused)");
  }

  @Test
  void theRecoveryIsLoggedOnceAndANewOutageStartsOver() {
    OutageLog log = new OutageLog(logger, clock, Duration.ofMinutes(1));
    log.failed("claiming jobs", refused());
    log.failed("claiming jobs", refused());
    log.succeeded("claiming jobs");
    log.succeeded("claiming jobs");

    assertThat(records)
        .extracting(LogRecord::getMessage)
        .last()
        .isEqualTo("claiming jobs works again after 2 failures");
    assertThat(records).hasSize(2);
    assertThat(log.isFailing("claiming jobs")).isFalse();
  }

  @Test
  void fourWorkersOnOneFailingQueueShareTheirLines() throws Exception {
    OutageLog shared = new OutageLog(logger, clock, Duration.ofMinutes(1));
    io.ledgerbridge.ports.out.JobQueue down = new UnreachableQueue();
    List<JobWorker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    InProcessJobSignal signal = new InProcessJobSignal();
    for (int i = 0; i < 4; i++) {
      JobWorker w =
          new JobWorker(
              job -> {},
              signal,
              clock,
              Duration.ofMinutes(5),
              Duration.ofMillis(1),
              new ClaimBuffer(down, 1),
              shared);
      workers.add(w);
      Thread t = new Thread(w);
      threads.add(t);
      t.start();
    }
    Thread.sleep(300); // hundreds of failed claims
    workers.forEach(JobWorker::stop);
    for (Thread t : threads) {
      t.join(5_000);
    }
    assertThat(records).hasSize(1);
  }

  /** A queue whose backend refuses every connection. */
  private static final class UnreachableQueue implements io.ledgerbridge.ports.out.JobQueue {
    @Override
    public void enqueue(Job job) {
      throw refused();
    }

    @Override
    public List<Job> claimDue(Instant now, int max, Duration visibility) {
      throw refused();
    }

    @Override
    public void complete(UUID jobId) {
      throw refused();
    }

    @Override
    public void retryAt(UUID jobId, Instant at, String error) {
      throw refused();
    }

    @Override
    public void defer(UUID jobId, Instant at) {
      throw refused();
    }

    @Override
    public void deadLetter(UUID jobId, String error) {
      throw refused();
    }

    @Override
    public List<Job> deadLetters(int limit) {
      throw refused();
    }

    @Override
    public List<DeadLetter> deadLetters(DeadLetterQuery query) {
      throw refused();
    }

    @Override
    public java.util.Optional<DeadLetter> findDeadLetter(UUID jobId) {
      throw refused();
    }

    @Override
    public boolean requeue(UUID jobId, Instant now) {
      throw refused();
    }
  }
}
