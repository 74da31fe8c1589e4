package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicySnapshot;
import java.util.List;
import java.util.Map;

/** Read and replace a binding's sync policy. An invalid policy is never saved. */
public interface ManagePolicyUseCase {

  /** The current policy; throws {@link UnknownBindingException} for an unknown tenant. */
  PolicySnapshot current(String tenantId);

  /**
   * Validates the settings document (snake_case knobs) against the reference cache and saves it.
   */
  SaveResult replace(String tenantId, Map<String, Object> knobs);

  sealed interface SaveResult permits Saved, Rejected {}

  record Saved(PolicySnapshot snapshot) implements SaveResult {}

  record Rejected(List<FieldError> errors) implements SaveResult {}
}
