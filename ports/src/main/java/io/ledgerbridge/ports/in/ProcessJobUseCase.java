package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.outbox.Job;

/** Runs one claimed job to its next state (done, retry later, dead-lettered). Never throws. */
public interface ProcessJobUseCase {
  void process(Job job);
}
