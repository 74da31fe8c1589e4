package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.Optional;

/** Versioned sync policies. Saving never changes an earlier version. */
public interface PolicyRepository {

  /** The newest version, if any was saved. */
  Optional<PolicySnapshot> current(String tenantId);

  Optional<PolicySnapshot> version(String tenantId, int version);

  /** Saves a new version and returns it (1 for the first). */
  PolicySnapshot save(String tenantId, SyncPolicy policy);
}
