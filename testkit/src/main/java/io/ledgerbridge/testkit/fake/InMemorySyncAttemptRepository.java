package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.SyncAttemptRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Attempts in a list. */
public final class InMemorySyncAttemptRepository implements SyncAttemptRepository {
  private final List<SyncAttempt> attempts = new ArrayList<>();

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
}
