package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.outbox.BackoffLadder;
import io.ledgerbridge.core.outbox.WorkerDelays;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.BusinessLease;
import io.ledgerbridge.ports.out.JobQueue;
import io.ledgerbridge.ports.out.JobSignal;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.RateGovernor;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.SyncAttemptRepository;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/** The collaborators of {@link SyncJobProcessor}; a record keeps its constructor readable. */
public record ProcessorDependencies(
    BindingRepository bindings,
    PolicyRepository policies,
    SyncRunRepository runs,
    SyncAttemptRepository attempts,
    JobQueue queue,
    UnitOfWork uow,
    JobSignal signal,
    StoreGateway store,
    BackoffLadder ladder,
    Clock clock,
    Supplier<UUID> ids,
    BusinessLease leases,
    RateGovernor governor,
    Duration leaseTtl,
    WorkerDelays delays,
    BindingSecretScrubbers scrubbers) {

  /** Secrets scrubbed: the binding's own (api key, client secret); Sage tokens are not read. */
  public ProcessorDependencies(
      BindingRepository bindings,
      PolicyRepository policies,
      SyncRunRepository runs,
      SyncAttemptRepository attempts,
      JobQueue queue,
      UnitOfWork uow,
      JobSignal signal,
      StoreGateway store,
      BackoffLadder ladder,
      Clock clock,
      Supplier<UUID> ids,
      BusinessLease leases,
      RateGovernor governor,
      Duration leaseTtl,
      WorkerDelays delays) {
    this(
        bindings,
        policies,
        runs,
        attempts,
        queue,
        uow,
        signal,
        store,
        ladder,
        clock,
        ids,
        leases,
        governor,
        leaseTtl,
        delays,
        new BindingSecretScrubbers(bindings, null));
  }

  /**
   * In-process lease, no rate limit, 2-minute lease, standard delays, the binding's own secrets
   * scrubbed: the embedded default.
   */
  public ProcessorDependencies(
      BindingRepository bindings,
      PolicyRepository policies,
      SyncRunRepository runs,
      SyncAttemptRepository attempts,
      JobQueue queue,
      UnitOfWork uow,
      JobSignal signal,
      StoreGateway store,
      BackoffLadder ladder,
      Clock clock,
      Supplier<UUID> ids) {
    this(
        bindings,
        policies,
        runs,
        attempts,
        queue,
        uow,
        signal,
        store,
        ladder,
        clock,
        ids,
        new LocalBusinessLease(clock),
        RateGovernor.UNLIMITED,
        Duration.ofMinutes(2),
        WorkerDelays.standard(),
        new BindingSecretScrubbers(bindings, null));
  }
}
