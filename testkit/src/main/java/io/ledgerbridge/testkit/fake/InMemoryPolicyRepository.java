package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.PolicyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policy versions per tenant in lists (index = version - 1), each with the time it was saved. */
public final class InMemoryPolicyRepository implements PolicyRepository {
  private record Saved(SyncPolicy policy, Instant at) {}

  private final Map<String, List<Saved>> versions = new HashMap<>();
  private final Clock clock;

  /** Saves are stamped with the system clock. */
  public InMemoryPolicyRepository() {
    this(Clock.systemUTC());
  }

  public InMemoryPolicyRepository(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<PolicySnapshot> current(String tenantId) {
    List<Saved> list = versions.get(tenantId);
    if (list == null || list.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PolicySnapshot(list.size(), list.get(list.size() - 1).policy()));
  }

  @Override
  public synchronized Optional<PolicySnapshot> version(String tenantId, int version) {
    List<Saved> list = versions.getOrDefault(tenantId, List.of());
    if (version < 1 || version > list.size()) {
      return Optional.empty();
    }
    return Optional.of(new PolicySnapshot(version, list.get(version - 1).policy()));
  }

  @Override
  public synchronized PolicySnapshot save(String tenantId, SyncPolicy policy) {
    List<Saved> list = versions.computeIfAbsent(tenantId, t -> new ArrayList<>());
    list.add(new Saved(policy, clock.instant()));
    return new PolicySnapshot(list.size(), policy);
  }

  @Override
  public synchronized List<PolicyVersionSummary> history(String tenantId, int limit) {
    List<Saved> list = versions.getOrDefault(tenantId, List.of());
    List<PolicyVersionSummary> out = new ArrayList<>();
    for (int v = list.size(); v >= 1 && out.size() < limit; v--) {
      out.add(new PolicyVersionSummary(v, list.get(v - 1).at()));
    }
    return List.copyOf(out);
  }
}
