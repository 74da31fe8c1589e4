package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptResult;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.Accepted;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.NoBinding;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.UnknownEvent;
import io.ledgerbridge.ports.service.AcceptWebhookService;
import io.ledgerbridge.ports.service.GroupCommitAccept;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit of webhook accepts on a real database: batches give each event the answer a lone
 * accept would, a failing event does not take its batch-mates down, and concurrent callers (retries
 * of one delivery among them) get exactly one run and one job per delivery.
 */
abstract class GroupCommitAcceptChecks {
  private static final String TENANT = "t-group";
  private static final Instant OCCURRED = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = MutableClock.standard();
  private final AtomicInteger wakes = new AtomicInteger();
  private final List<Integer> batches = new CopyOnWriteArrayList<>();
  private PersistenceAdapter adapter;
  private AcceptWebhookService service;
  private GroupCommitAccept group;

  abstract TestDatabase database();

  @BeforeEach
  void setUp() {
    adapter = database().reset(clock);
    adapter
        .bindings()
        .add(
            new Binding(
                TENANT,
                "http://store.test",
                "http://sage.test/v3.1",
                "http://sage.test/token",
                "business-1",
                "GB",
                "GBP",
                BindingStatus.ACTIVE,
                clock.instant()),
            new BindingSecrets("master-key", "client", "secret"));
    adapter.policies().save(TENANT, SyncPolicy.defaults("4000"));
    adapter.policies().save(TENANT, SyncPolicy.defaults("4001"));
    service =
        new AcceptWebhookService(
            adapter.bindings(),
            adapter.policies(),
            adapter.syncRuns(),
            adapter.idempotency(),
            adapter.jobQueue(),
            adapter.unitOfWork(),
            wakes::incrementAndGet,
            clock,
            UUID::randomUUID);
    group = new GroupCommitAccept(service, 2, 64, batches::add);
  }

  @AfterEach
  void tearDown() {
    group.close();
  }

  private static AcceptWebhookCommand invoice(String key, long entity) {
    return new AcceptWebhookCommand(TENANT, "invoice.created", key, entity, 1, 1, OCCURRED);
  }

  private long count(String sql) {
    return adapter
        .unitOfWork()
        .inTransaction(
            () ->
                ((JdbiUnitOfWork) adapter.unitOfWork())
                    .currentHandle()
                    .createQuery(sql)
                    .mapTo(Long.class)
                    .one());
  }

  @Test
  void aBatchAnswersEachEventAsALoneAcceptWould() {
    UUID earlier = ((Accepted) service.accept(invoice("seen", 1))).syncRunId();
    int wakesBefore = wakes.get();

    List<AcceptResult> results =
        group
            .acceptTogether(
                List.of(
                    invoice("k-1", 2),
                    invoice("seen", 1),
                    new AcceptWebhookCommand(TENANT, "order.placed", "k-x", 3, 1, 1, OCCURRED),
                    invoice("k-1", 2),
                    new AcceptWebhookCommand("t-gone", "invoice.created", "k-y", 4, 1, 1, OCCURRED),
                    invoice("k-2", 5)))
            .stream()
            .map(CompletableFuture::join)
            .toList();

    Accepted first = (Accepted) results.get(0);
    assertThat(first.duplicate()).isFalse();
    assertThat(results.get(1)).isEqualTo(new Accepted(earlier, true));
    assertThat(results.get(2)).isEqualTo(new UnknownEvent("order.placed"));
    assertThat(results.get(3)).isEqualTo(new Accepted(first.syncRunId(), true));
    assertThat(results.get(4)).isEqualTo(new NoBinding("t-gone"));
    Accepted last = (Accepted) results.get(5);
    assertThat(last.duplicate()).isFalse();
    assertThat(batches).containsExactly(6);
    assertThat(wakes.get()).isEqualTo(wakesBefore + 1);

    for (UUID run : List.of(first.syncRunId(), last.syncRunId())) {
      var stored = adapter.syncRuns().find(run).orElseThrow();
      assertThat(stored.policyVersion()).isEqualTo(2);
      assertThat(count("SELECT COUNT(*) FROM jobs WHERE sync_run_id = '" + run + "'")).isEqualTo(1);
    }
    assertThat(count("SELECT COUNT(*) FROM sync_runs")).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM jobs")).isEqualTo(3);
  }

  @Test
  void anEventTheDatabaseRefusesFailsAloneAndItsBatchMatesAreAccepted() {
    String tooLong = "k-" + "x".repeat(300); // longer than the key column: a permanent error

    List<CompletableFuture<AcceptResult>> answers =
        group.acceptTogether(
            List.of(invoice("good-1", 1), invoice(tooLong, 2), invoice("good-2", 3)));

    assertThat(answers.get(0).join()).isInstanceOf(Accepted.class);
    assertThat(answers.get(2).join()).isInstanceOf(Accepted.class);
    assertThat(answers.get(1)).isCompletedExceptionally();
    assertThat(answers.get(1).handle((r, e) -> e).join())
        .isInstanceOf(PermanentGatewayException.class);
    // the failed batch left nothing behind: each good event has one run and one job
    assertThat(count("SELECT COUNT(*) FROM sync_runs")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM jobs")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM idempotency_keys")).isEqualTo(2);
  }

  @Test
  void concurrentCallersAndRetriesGetOneRunAndOneJobPerDelivery() throws Exception {
    int threads = 16;
    int perThread = 40;
    int deliveries = 200; // fewer than the calls: many are retries, some at the same moment
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Map<String, Set<UUID>>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  Map<String, Set<UUID>> seen = new HashMap<>();
                  for (int i = 0; i < perThread; i++) {
                    int d = (seed * 37 + i * 11) % deliveries;
                    AcceptResult r = group.accept(invoice("d-" + d, d));
                    seen.computeIfAbsent("d-" + d, k -> new HashSet<>())
                        .add(((Accepted) r).syncRunId());
                  }
                  return seen;
                }));
      }
      start.countDown();
      Map<String, Set<UUID>> all = new HashMap<>();
      for (Future<Map<String, Set<UUID>>> f : futures) {
        f.get(60, TimeUnit.SECONDS)
            .forEach((k, v) -> all.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
      }
      all.forEach((key, runs) -> assertThat(runs).as("runs answered for " + key).hasSize(1));
      assertThat(count("SELECT COUNT(*) FROM sync_runs")).isEqualTo(all.size());
      assertThat(count("SELECT COUNT(*) FROM jobs")).isEqualTo(all.size());
      assertThat(count("SELECT COUNT(DISTINCT sync_run_id) FROM jobs")).isEqualTo(all.size());
      assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }
}
