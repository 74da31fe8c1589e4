package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.PolicyRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policy versions per tenant in lists (index = version - 1). */
public final class InMemoryPolicyRepository implements PolicyRepository {
  private final Map<String, List<SyncPolicy>> versions = new HashMap<>();

  @Override
  public synchronized Optional<PolicySnapshot> current(String tenantId) {
    List<SyncPolicy> list = versions.get(tenantId);
    if (list == null || list.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PolicySnapshot(list.size(), list.get(list.size() - 1)));
  }

  @Override
  public synchronized Optional<PolicySnapshot> version(String tenantId, int version) {
    List<SyncPolicy> list = versions.getOrDefault(tenantId, List.of());
    if (version < 1 || version > list.size()) {
      return Optional.empty();
    }
    return Optional.of(new PolicySnapshot(version, list.get(version - 1)));
  }

  @Override
  public synchronized PolicySnapshot save(String tenantId, SyncPolicy policy) {
    List<SyncPolicy> list = versions.computeIfAbsent(tenantId, t -> new ArrayList<>());
    list.add(policy);
    return new PolicySnapshot(list.size(), policy);
  }
}
