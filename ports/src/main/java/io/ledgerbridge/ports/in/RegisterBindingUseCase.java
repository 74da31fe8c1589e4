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
   * Pauses ({@code PAUSED}) an active binding or resumes ({@code ACTIVE}) a paused one; asking for
   * the status it already has changes nothing. A paused binding still accepts the store's events
   * and holds them (waiting); they sync once it is active again. The other statuses belong to the
   * connect flows.
   *
   * @throws UnknownBindingException if the tenant has no binding
   * @throws IllegalArgumentException for a status other than {@code PAUSED} or {@code ACTIVE}
   * @throws IllegalStateException when the binding is pending Sage, revoked or disconnected (the
   *     message says what to do instead)
   */
  void changeStatus(String tenantId, BindingStatus status);

  record RegisterBindingCommand(
      Binding binding, BindingSecrets secrets, String sageRefreshToken, SyncPolicy policy) {}
}
