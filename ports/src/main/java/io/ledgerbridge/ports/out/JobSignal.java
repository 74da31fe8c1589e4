package io.ledgerbridge.ports.out;

/**
 * Wakes idle workers when new work was committed, so accepted work starts without polling delay.
 */
public interface JobSignal {
  void wake();

  JobSignal NONE = () -> {};
}
