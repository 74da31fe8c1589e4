package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.List;

/**
 * Registers a binding without the pairing flow (operator CLI), lists bindings, and pauses or
 * resumes them.
 */
public interface RegisterBindingUseCase {

  /**
   * @param policy the initial policy, or null for the defaults
   */
  void register(RegisterBindingCommand command);

  List<Binding> list();

  /**
   * Sets the binding's status. A paused or disconnected binding still accepts the store's events
   * and holds them (waiting); they sync once it is active again.
   *
   * @throws UnknownBindingException if the tenant has no binding
   */
  void changeStatus(String tenantId, BindingStatus status);

  record RegisterBindingCommand(
      Binding binding, BindingSecrets secrets, String sageRefreshToken, SyncPolicy policy) {}
}
