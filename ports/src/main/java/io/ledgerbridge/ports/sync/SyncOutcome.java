package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.failure.Failure;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import java.util.Objects;

/** What one attempt of a handler came to; the worker records it on the run. */
public sealed interface SyncOutcome
    permits SyncOutcome.Posted,
        SyncOutcome.Skipped,
        SyncOutcome.Invalid,
        SyncOutcome.Failed,
        SyncOutcome.Waiting {

  /**
   * The store entity is in Sage: {@code sageId} and {@code sageReference} (e.g. {@code SI-3}) are
   * what the store is told.
   *
   * @param detail one line for the attempt, e.g. {@code created SI-3 (id)}
   * @param sentBody the last request body sent to Sage, or null
   * @param wrote whether this attempt changed anything in Sage (false: it was already as it should
   *     be; a reconciliation run then tells the store nothing)
   */
  record Posted(String sageId, String sageReference, String detail, String sentBody, boolean wrote)
      implements SyncOutcome {
    public Posted {
      Objects.requireNonNull(sageId, "sageId");
      Objects.requireNonNull(detail, "detail");
    }

    /** An attempt that wrote to Sage. */
    public Posted(String sageId, String sageReference, String detail, String sentBody) {
      this(sageId, sageReference, detail, sentBody, true);
    }

    /** A Sage entity created (or found again through the cross-reference) by this attempt. */
    public static Posted created(SageRef ref, String sentBody) {
      return new Posted(
          ref.id(),
          ref.displayedAs(),
          "created " + ref.displayedAs() + " (" + ref.id() + ")",
          sentBody);
    }
  }

  /** The policy says this event is not synced. */
  record Skipped(SkipReason reason, String explanation) implements SyncOutcome {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  /**
   * The store entity cannot be posted faithfully (e.g. its totals do not reconcile); {@code
   * message} names the figures that disagree. Permanent: no retry can change the store's data.
   */
  record Invalid(String message) implements SyncOutcome {
    public Invalid {
      Objects.requireNonNull(message, "message");
    }
  }

  /** A classified failure; the backoff ladder decides whether the run retries. */
  record Failed(Failure failure, String sentBody) implements SyncOutcome {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }
  }

  /**
   * Something this event needs is not in Sage yet (e.g. the invoice a payment or a credit memo
   * belongs to): the run waits without counting a failure and looks again later, until the worker's
   * dependency wait runs out ({@code not_found} then).
   *
   * @param reason what it waits for, shown on the run
   */
  record Waiting(String reason) implements SyncOutcome {
    public Waiting {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
