package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.Job;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobTransport;
import io.ledgerbridge.ports.out.OutboxRelayStore;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The job queue workers and web processes use when a transport (Redis Streams) delivers jobs. Every
 * state change lands in the database outbox first, inside the caller's transaction; the transport
 * follows after commit. Jobs reach the transport only through the relay, so an accepted event is
 * never lost while the transport is down.
 */
public final class RelayedJobQueue implements JobQueue {
  private final JobQueue outbox;
  private final OutboxRelayStore relayStore;
  private final JobTransport transport;
  private final UnitOfWork uow;

  public RelayedJobQueue(
      JobQueue outbox, OutboxRelayStore relayStore, JobTransport transport, UnitOfWork uow) {
    this.outbox = outbox;
    this.relayStore = relayStore;
    this.transport = transport;
    this.uow = uow;
  }

  @Override
  public void enqueue(Job job) {
    outbox.enqueue(job); // the relay publishes it after commit
  }

  @Override
  public void enqueueAll(List<Job> jobs) {
    outbox.enqueueAll(jobs);
  }

  @Override
  public List<Job> claimDue(Instant now, int max, Duration visibility) {
    return transport.claimDue(now, max, visibility);
  }

  @Override
  public void complete(UUID jobId) {
    outbox.complete(jobId);
    uow.afterCommit(() -> transport.complete(jobId));
  }

  @Override
  public void completeAll(List<UUID> jobIds) {
    outbox.completeAll(jobIds);
    List<UUID> ids = List.copyOf(jobIds);
    uow.afterCommit(() -> transport.completeAll(ids));
  }

  @Override
  public void retryAt(UUID jobId, Instant at, String error) {
    outbox.retryAt(jobId, at, error);
    uow.afterCommit(() -> transport.retryAt(jobId, at, error));
  }

  @Override
  public void defer(UUID jobId, Instant at) {
    outbox.defer(jobId, at);
    uow.afterCommit(() -> transport.defer(jobId, at));
  }

  @Override
  public void deadLetter(UUID jobId, String error) {
    outbox.deadLetter(jobId, error);
    uow.afterCommit(() -> transport.deadLetter(jobId, error));
  }

  /** The database is the record of dead letters. */
  @Override
  public List<Job> deadLetters(int limit) {
    return outbox.deadLetters(limit);
  }

  /** The database outbox holds every job's due time. */
  @Override
  public java.util.Optional<Instant> nextDue(UUID syncRunId) {
    return outbox.nextDue(syncRunId);
  }

  @Override
  public List<DeadLetter> deadLetters(DeadLetterQuery query) {
    return outbox.deadLetters(query);
  }

  @Override
  public java.util.Optional<DeadLetter> findDeadLetter(UUID jobId) {
    return outbox.findDeadLetter(jobId);
  }

  @Override
  public boolean requeue(UUID jobId, Instant now) {
    boolean requeued = outbox.requeue(jobId, now);
    if (requeued) {
      relayStore.unpublish(jobId);
      uow.afterCommit(() -> transport.requeue(jobId, now));
    }
    return requeued;
  }
}
