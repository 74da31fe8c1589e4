package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.PolicyRepository;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy a run was accepted under. Saved versions never change, so each is read once and kept
 * (up to {@value #MAX_KEPT} versions); a run without a version (accepted before the binding had a
 * policy) takes the binding's current one.
 */
final class PolicyVersions {
  static final int MAX_KEPT = 10_000;

  private final PolicyRepository policies;
  private final ConcurrentHashMap<String, SyncPolicy> known = new ConcurrentHashMap<>();

  PolicyVersions(PolicyRepository policies) {
    this.policies = policies;
  }

  /** The run's policy; empty when the binding has none at all. */
  Optional<SyncPolicy> forRun(SyncRun run) {
    if (run.policyVersion() > 0) {
      String key = run.tenantId() + "\u0000" + run.policyVersion();
      SyncPolicy kept = known.get(key);
      if (kept != null) {
        return Optional.of(kept);
      }
      Optional<SyncPolicy> snapshot =
          policies.version(run.tenantId(), run.policyVersion()).map(PolicySnapshot::policy);
      if (snapshot.isPresent()) {
        if (known.size() < MAX_KEPT) {
          known.put(key, snapshot.get());
        }
        return snapshot;
      }
    }
    return policies.current(run.tenantId()).map(PolicySnapshot::policy);
  }
}
