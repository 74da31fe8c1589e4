package io.ledgerbridge.ports.out;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every try of a run: what was sent where, what came back, how it was classified. */
public interface SyncAttemptRepository {

  void record(SyncAttempt attempt);

  /**
   * Records several attempts, as {@link #record} would one by one, in the caller's transaction (a
   * database adapter sends one batch).
   */
  default void recordAll(List<SyncAttempt> attempts) {
    for (SyncAttempt attempt : attempts) {
      record(attempt);
    }
  }

  List<SyncAttempt> forRun(UUID runId);

  /**
   * Keeps the HTTP exchanges of one attempt (one batch; in the attempt's transaction when the
   * caller has one). Nothing happens for an empty list.
   */
  void recordExchanges(List<SyncExchange> exchanges);

  /**
   * The exchanges of a run, in attempt order (number, then start) and in the order they were made
   * within an attempt.
   */
  List<SyncExchange> exchanges(UUID runId);

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

  /**
   * One HTTP exchange made during an attempt. An attempt is known by its run, number and start (a
   * run waiting for a reconnect records an attempt whose number the next one repeats).
   *
   * @param seq 1-based order within the attempt
   * @param system {@code store} or {@code sage}
   * @param url without credentials
   * @param httpStatus null when no answer came
   * @param requestTruncated whether {@code requestBody} was cut at the size cap
   * @param responseTruncated whether {@code responseBody} was cut at the size cap
   */
  record SyncExchange(
      UUID runId,
      int attemptNo,
      Instant attemptStartedAt,
      int seq,
      String system,
      String operation,
      String method,
      String url,
      Integer httpStatus,
      long durationMillis,
      String requestBody,
      boolean requestTruncated,
      String responseBody,
      boolean responseTruncated) {

    /** Whether this exchange belongs to {@code attempt}. */
    public boolean belongsTo(SyncAttempt attempt) {
      return runId.equals(attempt.runId())
          && attemptNo == attempt.attemptNo()
          && attemptStartedAt.equals(attempt.startedAt());
    }
  }
}
