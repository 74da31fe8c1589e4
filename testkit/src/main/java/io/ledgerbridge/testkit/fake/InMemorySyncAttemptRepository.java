package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Attempts and their exchanges in lists. */
public final class InMemorySyncAttemptRepository implements SyncAttemptRepository {
  private final List<SyncAttempt> attempts = new ArrayList<>();
  private final List<SyncExchange> exchanges = new ArrayList<>();

  @Override
  public synchronized void record(SyncAttempt attempt) {
    attempts.add(attempt);
  }

  @Override
  public synchronized List<SyncAttempt> forRun(UUID runId) {
    return attempts.stream()
        .filter(a -> a.runId().equals(runId))
        .sorted(Comparator.comparingInt(SyncAttempt::attemptNo))
        .toList();
  }

  @Override
  public synchronized void recordExchanges(List<SyncExchange> batch) {
    exchanges.addAll(batch);
  }

  @Override
  public synchronized List<SyncExchange> exchanges(UUID runId) {
    return exchanges.stream()
        .filter(e -> e.runId().equals(runId))
        .sorted(
            Comparator.comparingInt(SyncExchange::attemptNo)
                .thenComparing(SyncExchange::attemptStartedAt)
                .thenComparingInt(SyncExchange::seq))
        .toList();
  }
}
