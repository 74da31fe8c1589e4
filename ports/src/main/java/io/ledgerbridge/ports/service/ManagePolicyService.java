package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyValidator;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and replaces policies. A replacement is decoded (format rules) and validated against the
 * binding's reference cache before a new version is saved; earlier versions stay untouched, so runs
 * accepted under them keep their rules.
 */
public final class ManagePolicyService implements ManagePolicyUseCase {
  private final BindingRepository bindings;
  private final PolicyRepository policies;
  private final ReferenceDataRepository reference;

  public ManagePolicyService(
      BindingRepository bindings, PolicyRepository policies, ReferenceDataRepository reference) {
    this.bindings = bindings;
    this.policies = policies;
    this.reference = reference;
  }

  @Override
  public PolicySnapshot current(String tenantId) {
    requireBinding(tenantId);
    return policies
        .current(tenantId)
        .orElseThrow(() -> new IllegalStateException("binding " + tenantId + " has no policy"));
  }

  @Override
  public SaveResult replace(String tenantId, Map<String, Object> knobs) {
    CheckResult checked = check(tenantId, knobs);
    if (checked instanceof Rejected rejected) {
      return rejected;
    }
    return new Saved(policies.save(tenantId, ((Checked) checked).policy()));
  }

  @Override
  public CheckResult check(String tenantId, Map<String, Object> knobs) {
    requireBinding(tenantId);
    PolicyCodec.Decoded decoded = PolicyCodec.decode(knobs);
    if (decoded instanceof PolicyCodec.Invalid invalid) {
      return new Rejected(invalid.errors());
    }
    PolicyCodec.Valid valid = (PolicyCodec.Valid) decoded;
    List<FieldError> errors =
        PolicyValidator.validate(valid.policy(), reference.find(tenantId).orElse(null));
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }
    return new Checked(valid.policy());
  }

  @Override
  public List<PolicyVersionSummary> history(String tenantId) {
    requireBinding(tenantId);
    return policies.history(tenantId, MAX_HISTORY);
  }

  @Override
  public Optional<PolicySnapshot> version(String tenantId, int version) {
    requireBinding(tenantId);
    return version < 1 ? Optional.empty() : policies.version(tenantId, version);
  }

  @Override
  public Optional<ReferenceData> reference(String tenantId) {
    requireBinding(tenantId);
    return reference.find(tenantId);
  }

  private void requireBinding(String tenantId) {
    if (bindings.find(tenantId).isEmpty()) {
      throw new UnknownBindingException(tenantId);
    }
  }
}
