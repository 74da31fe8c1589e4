package io.ledgerbridge.ports.out;

import java.util.UUID;

/**
 * A job queue that delivers jobs published from the database outbox (Redis Streams). It can lose
 * jobs (a restart without persistence); the relay asks {@link #tracks} to find out and republishes.
 */
public interface JobTransport extends JobQueue {

  /** Whether the transport still holds the job (ready, claimed, delayed or parked). */
  boolean tracks(UUID jobId);

  /** The database outbox is the record of dead letters; a transport does not page its own. */
  @Override
  default java.util.List<DeadLetter> deadLetters(DeadLetterQuery query) {
    throw new UnsupportedOperationException("the database outbox lists dead letters");
  }

  /** The database outbox is the record of dead letters. */
  @Override
  default java.util.Optional<DeadLetter> findDeadLetter(UUID jobId) {
    throw new UnsupportedOperationException("the database outbox lists dead letters");
  }
}
