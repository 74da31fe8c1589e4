package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.outbox.Job;
import java.util.List;

/** Runs one claimed job to its next state (done, retry later, dead-lettered). Never throws. */
public interface ProcessJobUseCase {
  void process(Job job);

  /**
   * Runs several claimed jobs, in order (a worker hands over a group of push jobs at once so their
   * completions can be written together). Never throws.
   */
  default void processAll(List<Job> jobs) {
    for (Job job : jobs) {
      process(job);
    }
  }
}
