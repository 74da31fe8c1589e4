package io.ledgerbridge.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.core.outbox.JobKind;
import io.ledgerbridge.core.outbox.JobStatus;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamPendingEntry;

/** What the Redis queue does beyond the shared contract: streams, delivery counts, poison jobs. */
class RedisStreamJobQueueIT {
  private static final Duration SHORT_VISIBILITY = Duration.ofMillis(100);
  private final MutableClock clock = MutableClock.standard();
  private final RedisTestSupport redis = new RedisTestSupport();
  private final String stream = redis.prefix + "jobs";

  @AfterEach
  void removeKeys() {
    redis.close();
  }

  private Job newJob() {
    return Job.newJob(UUID.randomUUID(), JobKind.SYNC, UUID.randomUUID(), "t-1", clock.instant());
  }

  private List<StreamPendingEntry> pending() {
    return redis.raw.xpending(
        stream, RedisStreamJobQueue.GROUP, XPendingParams.xPendingParams().count(100));
  }

  @Test
  void aBatchRunsAfterTheServerForgotItsScripts() {
    JobQueue queue = redis.adapter(clock).jobQueue("jobs", 5);
    Job first = newJob();
    Job second = newJob();
    queue.enqueue(newJob()); // the scripts are loaded now
    queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY).forEach(j -> queue.complete(j.id()));
    redis.raw.scriptFlush(); // as after a restart: every pipelined call is answered NOSCRIPT

    queue.enqueueAll(List.of(first, second));

    assertThat(queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY))
        .containsExactlyInAnyOrder(first, second);
    redis.raw.scriptFlush();
    queue.completeAll(List.of(first.id(), second.id()));
    assertThat(pending()).isEmpty();
  }

  @Test
  void anUnfinishedDeliveryIsReclaimedByAnotherConsumerAfterTheVisibility() {
    JobQueue first = redis.adapter(clock).jobQueue("jobs", 5);
    JobQueue second = redis.adapter(clock).jobQueue("jobs", 5);
    Job job = newJob();
    first.enqueue(job);
    assertThat(first.claimDue(clock.instant(), 10, SHORT_VISIBILITY)).containsExactly(job);
    String firstConsumer = pending().get(0).getConsumerName();

    RedisTestSupport.sleep(SHORT_VISIBILITY);
    assertThat(second.claimDue(clock.instant(), 10, SHORT_VISIBILITY)).containsExactly(job);

    assertThat(pending())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getDeliveredTimes()).isEqualTo(2);
              assertThat(p.getConsumerName()).isNotEqualTo(firstConsumer);
            });
    second.complete(job.id());
    assertThat(pending()).isEmpty();
    assertThat(redis.raw.xlen(stream)).isZero();
    assertThat(redis.raw.exists(stream + ":job:" + job.id())).isFalse();
  }

  @Test
  void aJobDeliveredMoreThanMaxDeliveriesIsParkedAndTheListenerIsTold() {
    List<Job> told = new CopyOnWriteArrayList<>();
    JobQueue queue = redis.adapter(clock).jobQueue("jobs", 2, (parked, reason) -> told.add(parked));
    Job job = newJob();
    queue.enqueue(job);

    assertThat(queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY)).hasSize(1);
    RedisTestSupport.sleep(SHORT_VISIBILITY);
    assertThat(queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY)).hasSize(1);
    RedisTestSupport.sleep(SHORT_VISIBILITY);
    assertThat(queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY)).isEmpty();

    assertThat(told)
        .singleElement()
        .satisfies(
            parked -> {
              assertThat(parked.id()).isEqualTo(job.id());
              assertThat(parked.status()).isEqualTo(JobStatus.DEAD_LETTERED);
              assertThat(parked.attempts()).isEqualTo(1);
              assertThat(parked.lastError()).startsWith("poison: delivered 3 times");
            });
    assertThat(queue.deadLetters(10)).containsExactlyElementsOf(told);
    assertThat(pending()).isEmpty();
    assertThat(redis.raw.xlen(stream)).isZero();
    assertThat(redis.raw.xlen(stream + ":dead")).isEqualTo(1);
    assertThat(queue.requeue(job.id(), clock.instant())).isTrue();
    assertThat(queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY))
        .extracting(Job::id, Job::attempts)
        .containsExactly(tuple(job.id(), 0));
  }

  @Test
  void aListenerThatThrowsDoesNotLoseTheParkedJob() {
    JobQueue queue =
        redis
            .adapter(clock)
            .jobQueue(
                "jobs",
                1,
                (parked, reason) -> {
                  throw new IllegalStateException("database down");
                });
    Job job = newJob();
    queue.enqueue(job);
    queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY);
    RedisTestSupport.sleep(SHORT_VISIBILITY);

    assertThat(queue.claimDue(clock.instant(), 10, SHORT_VISIBILITY)).isEmpty();
    assertThat(queue.deadLetters(10)).extracting(Job::id).containsExactly(job.id());
  }

  @Test
  void delayedJobsWaitInTheSortedSetAndMoveToTheStreamWhenDue() {
    JobQueue queue = redis.adapter(clock).jobQueue("jobs", 5);
    Job now = newJob();
    Instant due = clock.instant().plusSeconds(60);
    Job later =
        new Job(
            UUID.randomUUID(),
            JobKind.PUSH,
            UUID.randomUUID(),
            "t-1",
            JobStatus.PENDING,
            2,
            due,
            "store: 503",
            clock.instant());
    queue.enqueue(later);
    queue.enqueue(now);

    assertThat(redis.raw.zrange(stream + ":delayed", 0, -1)).containsExactly(later.id().toString());
    assertThat(redis.raw.xlen(stream)).isEqualTo(1);
    assertThat(queue.claimDue(clock.instant(), 10, Duration.ofMinutes(1))).containsExactly(now);

    assertThat(queue.claimDue(clock.advance(Duration.ofSeconds(60)), 10, Duration.ofMinutes(1)))
        .containsExactly(later);
    assertThat(redis.raw.zcard(stream + ":delayed")).isZero();
    assertThat(pending()).hasSize(2);
  }

  @Test
  void enqueueingAKnownJobAgainAddsNothing() {
    JobQueue queue = redis.adapter(clock).jobQueue("jobs", 5);
    Job job = newJob();
    queue.enqueue(job);
    queue.enqueue(job);

    assertThat(redis.raw.xlen(stream)).isEqualTo(1);
    assertThat(queue.claimDue(clock.instant(), 10, Duration.ofMinutes(1))).containsExactly(job);
    assertThat(queue.claimDue(clock.instant(), 10, Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void consumersInSeparateProcessesNeverHoldOneJobAtOnceAndFinishAll() throws Exception {
    int jobs = 200;
    int workers = 4;
    JobQueue producer = redis.adapter(clock).jobQueue("jobs", 5);
    Set<UUID> expected = new HashSet<>();
    for (int i = 0; i < jobs; i++) {
      Job job = newJob();
      producer.enqueue(job);
      expected.add(job.id());
    }
    List<JobQueue> queues = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      queues.add(redis.adapter(clock).jobQueue("jobs", 5));
    }
    Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    Set<UUID> completed = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger deliveries = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (JobQueue queue : queues) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < 10_000 && completed.size() < jobs; round++) {
                    for (Job j : queue.claimDue(clock.instant(), 5, Duration.ofHours(1))) {
                      deliveries.incrementAndGet();
                      if (!inFlight.add(j.id())) {
                        overlaps.incrementAndGet();
                      }
                      inFlight.remove(j.id());
                      queue.complete(j.id());
                      completed.add(j.id());
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(overlaps).hasValue(0);
    assertThat(completed).isEqualTo(expected);
    assertThat(deliveries).hasValue(jobs);
    assertThat(redis.raw.xlen(stream)).isZero();
    assertThat(pending()).isEmpty();
  }

  @Test
  void closingTheAdapterRemovesItsIdleConsumerButKeepsOneHoldingWork() {
    RedisAdapter idle = redis.adapter(clock);
    RedisAdapter busy = redis.adapter(clock);
    JobQueue idleQueue = idle.jobQueue("jobs", 5);
    JobQueue busyQueue = busy.jobQueue("jobs", 5);
    Job done = newJob();
    idleQueue.enqueue(done);
    idleQueue.claimDue(clock.instant(), 10, Duration.ofMinutes(1));
    idleQueue.complete(done.id());
    busyQueue.enqueue(newJob());
    busyQueue.claimDue(clock.instant(), 10, Duration.ofMinutes(1));
    assertThat(redis.raw.xinfoConsumers2(stream, RedisStreamJobQueue.GROUP)).hasSize(2);

    idle.close();
    busy.close();

    assertThat(redis.raw.xinfoConsumers2(stream, RedisStreamJobQueue.GROUP))
        .singleElement()
        .satisfies(c -> assertThat(c.getPending()).isEqualTo(1));
  }

  @Test
  void pingAnswersTrueWhenRedisIsUpAndFalseWhenItIsNot() {
    assertThat(redis.adapter(clock).ping()).isTrue();
    try (RedisAdapter nowhere =
        RedisAdapter.connect(new RedisConfig("redis://127.0.0.1:1", redis.prefix, 1), clock)) {
      assertThat(nowhere.ping()).isFalse();
    }
  }
}
