package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.List;
import java.util.Optional;

/** Versioned sync policies. Saving never changes an earlier version. */
public interface PolicyRepository {

  /** The newest version, if any was saved. */
  Optional<PolicySnapshot> current(String tenantId);

  /** The newest version's number, 0 when none was saved; what a new run records. */
  default int currentVersion(String tenantId) {
    return current(tenantId).map(PolicySnapshot::version).orElse(0);
  }

  Optional<PolicySnapshot> version(String tenantId, int version);

  /** Saves a new version and returns it (1 for the first). */
  PolicySnapshot save(String tenantId, SyncPolicy policy);

  /**
   * Every saved version of the binding's policy with the time it was saved, newest first, at most
   * {@code limit} of them; empty when none was saved.
   */
  List<PolicyVersionSummary> history(String tenantId, int limit);
}
