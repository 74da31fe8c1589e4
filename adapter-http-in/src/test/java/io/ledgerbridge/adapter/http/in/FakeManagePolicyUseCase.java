package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scripted policy use case: known tenants have a snapshot; a replacement is saved as the next
 * version with the ledger account from {@code default_ledger_account_id}, unless rejections were
 * scripted. Records every submitted settings document.
 */
final class FakeManagePolicyUseCase implements ManagePolicyUseCase {

  private final Map<String, PolicySnapshot> current = new ConcurrentHashMap<>();
  private final List<Map<String, Object>> submitted = new CopyOnWriteArrayList<>();
  private volatile List<FieldError> rejections = List.of();

  FakeManagePolicyUseCase bind(String tenant, PolicySnapshot snapshot) {
    current.put(tenant, snapshot);
    return this;
  }

  void rejectWith(List<FieldError> errors) {
    this.rejections = List.copyOf(errors);
  }

  List<Map<String, Object>> submitted() {
    return submitted;
  }

  @Override
  public PolicySnapshot current(String tenantId) {
    PolicySnapshot snapshot = current.get(tenantId);
    if (snapshot == null) {
      throw new UnknownBindingException(tenantId);
    }
    return snapshot;
  }

  @Override
  public SaveResult replace(String tenantId, Map<String, Object> knobs) {
    PolicySnapshot before = current(tenantId);
    submitted.add(knobs);
    if (!rejections.isEmpty()) {
      return new Rejected(rejections);
    }
    Object ledger = knobs.get("default_ledger_account_id");
    PolicySnapshot after =
        new PolicySnapshot(
            before.version() + 1, SyncPolicy.defaults(ledger == null ? "none" : ledger.toString()));
    current.put(tenantId, after);
    return new Saved(after);
  }

  @Override
  public CheckResult check(String tenantId, Map<String, Object> knobs) {
    PolicySnapshot before = current(tenantId);
    if (!rejections.isEmpty()) {
      return new Rejected(rejections);
    }
    return new Checked(before.policy());
  }

  @Override
  public List<PolicyVersionSummary> history(String tenantId) {
    current(tenantId);
    return List.of();
  }

  @Override
  public Optional<PolicySnapshot> version(String tenantId, int version) {
    PolicySnapshot snapshot = current(tenantId);
    return snapshot.version() == version ? Optional.of(snapshot) : Optional.empty();
  }

  @Override
  public Optional<ReferenceData> reference(String tenantId) {
    current(tenantId);
    return Optional.empty();
  }
}
