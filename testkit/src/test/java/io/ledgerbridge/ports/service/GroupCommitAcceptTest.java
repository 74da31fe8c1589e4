package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptResult;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.Accepted;
import io.ledgerbridge.ports.out.IdempotencyRepository;
import io.ledgerbridge.testkit.fake.InMemoryBindingRepository;
import io.ledgerbridge.testkit.fake.InMemoryIdempotencyRepository;
import io.ledgerbridge.testkit.fake.InMemoryJobQueue;
import io.ledgerbridge.testkit.fake.InMemoryPolicyRepository;
import io.ledgerbridge.testkit.fake.InMemorySyncRunRepository;
import io.ledgerbridge.testkit.fake.InMemoryUnitOfWork;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group committer's own rules; batches on real databases: GroupCommitAcceptChecks. */
class GroupCommitAcceptTest {
  private static final String TENANT = "t-1";
  private final MutableClock clock = MutableClock.standard();
  private final InMemoryBindingRepository bindings = new InMemoryBindingRepository();
  private final List<Integer> batches = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    bindings.add(
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
  }

  private AcceptWebhookService service(IdempotencyRepository idempotency) {
    return new AcceptWebhookService(
        bindings,
        new InMemoryPolicyRepository(clock),
        new InMemorySyncRunRepository(),
        idempotency,
        new InMemoryJobQueue(clock),
        new InMemoryUnitOfWork(),
        () -> {},
        clock,
        UUID::randomUUID);
  }

  private static AcceptWebhookCommand invoice(String key) {
    return new AcceptWebhookCommand(
        TENANT, "invoice.created", key, 7, 1, 1, Instant.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void aTransientFailureFailsTheWholeBatchWithoutRetryingItsEventsOneByOne() {
    AtomicInteger claims = new AtomicInteger();
    TransientGatewayException down =
        new TransientGatewayException(
            "database", "idempotency.claim", 0, null, ErrorClass.DATABASE, "down", null, null);
    IdempotencyRepository unreachable =
        (tenant, key, occurredAt, runId, now) -> {
          claims.incrementAndGet();
          throw down;
        };
    try (GroupCommitAccept group =
        new GroupCommitAccept(service(unreachable), 1, 16, batches::add)) {
      List<CompletableFuture<AcceptResult>> answers =
          group.acceptTogether(List.of(invoice("a"), invoice("b")));

      for (CompletableFuture<AcceptResult> answer : answers) {
        assertThat(answer.handle((r, e) -> e).join()).isSameAs(down);
      }
      assertThat(claims).hasValue(1); // the store retries on the 503; no second try here
      assertThat(batches).isEmpty();
    }
  }

  @Test
  void aLoneCallerIsAcceptedAtOnceAsABatchOfOne() {
    try (GroupCommitAccept group =
        new GroupCommitAccept(service(new InMemoryIdempotencyRepository()), 2, 16, batches::add)) {
      AcceptResult first = group.accept(invoice("a"));
      AcceptResult again = group.accept(invoice("a"));

      assertThat(first).isInstanceOf(Accepted.class);
      assertThat(again).isEqualTo(new Accepted(((Accepted) first).syncRunId(), true));
      assertThat(batches).containsExactly(1, 1);
    }
  }

  @Test
  void callsAfterCloseAreStillAnswered() {
    GroupCommitAccept group =
        new GroupCommitAccept(service(new InMemoryIdempotencyRepository()), 2, 16, batches::add);
    group.close();

    assertThat(group.accept(invoice("late"))).isInstanceOf(Accepted.class);
  }
}
