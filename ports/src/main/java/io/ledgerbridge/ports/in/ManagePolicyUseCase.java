package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyVersionSummary;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read and replace a binding's sync policy, list its saved versions, and read the reference data it
 * is validated against. An invalid policy is never saved.
 */
public interface ManagePolicyUseCase {

  /** Most versions {@link #history} lists. */
  int MAX_HISTORY = 500;

  /** The current policy; throws {@link UnknownBindingException} for an unknown tenant. */
  PolicySnapshot current(String tenantId);

  /**
   * Validates the settings document (snake_case knobs) against the reference cache and saves it.
   */
  SaveResult replace(String tenantId, Map<String, Object> knobs);

  /**
   * Decodes and validates the settings document exactly as {@link #replace} does, without saving:
   * the policy to try (a preview), or every problem with it. Throws {@link UnknownBindingException}
   * for an unknown tenant.
   */
  CheckResult check(String tenantId, Map<String, Object> knobs);

  /**
   * The saved versions, newest first (at most {@link #MAX_HISTORY}); throws {@link
   * UnknownBindingException} for an unknown tenant.
   */
  List<PolicyVersionSummary> history(String tenantId);

  /** One saved version; empty when there is none with that number. */
  Optional<PolicySnapshot> version(String tenantId, int version);

  /**
   * The binding's cached Sage reference data (tax rates, ledger and bank accounts) that policies
   * are validated against; empty before the first fetch. Throws {@link UnknownBindingException}.
   */
  Optional<ReferenceData> reference(String tenantId);

  sealed interface SaveResult permits Saved, Rejected {}

  /** What {@link #check} found. */
  sealed interface CheckResult permits Checked, Rejected {}

  record Saved(PolicySnapshot snapshot) implements SaveResult {}

  /** A valid policy, not saved. */
  record Checked(SyncPolicy policy) implements CheckResult {}

  record Rejected(List<FieldError> errors) implements SaveResult, CheckResult {}
}
