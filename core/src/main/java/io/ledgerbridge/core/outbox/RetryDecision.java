package io.ledgerbridge.core.outbox;

import java.time.Instant;

/** What to do after a transient failure: try again at an instant, or give up. */
public sealed interface RetryDecision permits RetryDecision.RetryAt, RetryDecision.GiveUp {
  record RetryAt(Instant at) implements RetryDecision {}

  record GiveUp() implements RetryDecision {}
}
