package io.ledgerbridge.adapter.redis;

import io.ledgerbridge.core.outbox.Job;

/**
 * Told when the Redis queue itself parks a job: one that was delivered more than the allowed number
 * of times without being completed, retried or dead-lettered by a worker (a poison job that keeps
 * killing or stalling its consumer). The application records it in the database. Called on the
 * claiming thread after the job is already in the dead-letter stream; exceptions are logged and
 * swallowed.
 */
@FunctionalInterface
public interface DeadLetterListener {

  /**
   * @param job the parked job, status {@code DEAD_LETTERED}, its failure counted
   * @param reason why it was parked (also in {@code job.lastError()})
   */
  void deadLettered(Job job, String reason);

  DeadLetterListener NONE = (job, reason) -> {};
}
