package io.ledgerbridge.sandbox.store;

import java.util.Objects;

/** Outcome of verifying an inbound (ledger to store) JWT against WIRE §2.5. */
public sealed interface InboundVerdict permits InboundVerdict.Accepted, InboundVerdict.Rejected {

  /** Every rule passed; the verified claims that matter. */
  record Accepted(String sub, String jti, long iat, long nbf, long exp) implements InboundVerdict {
    public Accepted {
      Objects.requireNonNull(sub, "sub");
      Objects.requireNonNull(jti, "jti");
    }
  }

  /** The first failing rule, worded as the module logs it (WIRE §2.6). */
  record Rejected(String reason) implements InboundVerdict {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  default boolean accepted() {
    return this instanceof Accepted;
  }
}
