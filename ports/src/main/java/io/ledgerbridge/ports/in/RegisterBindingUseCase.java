package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.List;

/** Registers a binding without the pairing flow (operator CLI), and lists bindings. */
public interface RegisterBindingUseCase {

  /**
   * @param policy the initial policy, or null for the defaults
   */
  void register(RegisterBindingCommand command);

  List<Binding> list();

  record RegisterBindingCommand(
      Binding binding, BindingSecrets secrets, String sageRefreshToken, SyncPolicy policy) {}
}
