package io.ledgerbridge.core.policy;

import java.util.Objects;

/** The outcome of evaluating a sync policy against one canonical document. */
public sealed interface PolicyDecision permits PolicyDecision.Proceed, PolicyDecision.Skip {

  record Proceed() implements PolicyDecision {}

  record Skip(SkipReason reason, String explanation) implements PolicyDecision {
    public Skip {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  static PolicyDecision proceed() {
    return new Proceed();
  }
}
