package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every try of a run: what was sent where, what came back, how it was classified. */
public interface SyncAttemptRepository {

  void record(SyncAttempt attempt);

  List<SyncAttempt> forRun(UUID runId);

  /**
   * @param outcome {@code ok}, {@code transient}, {@code permanent}, {@code skipped}, {@code
   *     invalid}
   * @param errorCode error class code or null
   * @param requestBody what was sent to Sage (JSON) or null
   * @param responseBody what Sage answered (e.g. the 422 envelope) or null
   */
  record SyncAttempt(
      UUID runId,
      int attemptNo,
      Instant startedAt,
      Instant finishedAt,
      String outcome,
      String errorCode,
      Integer httpStatus,
      String message,
      String requestBody,
      String responseBody) {}
}
