package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.binding.BindingUrls;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.UnitOfWork;
import java.util.List;
import java.util.Objects;

/**
 * Registers a binding, its first Sage refresh token and its first policy in one transaction, so a
 * half-registered binding never accepts webhooks.
 */
public final class RegisterBindingService implements RegisterBindingUseCase {
  private final BindingRepository bindings;
  private final TokenVault tokens;
  private final PolicyRepository policies;
  private final UnitOfWork uow;

  public RegisterBindingService(
      BindingRepository bindings, TokenVault tokens, PolicyRepository policies, UnitOfWork uow) {
    this.bindings = bindings;
    this.tokens = tokens;
    this.policies = policies;
    this.uow = uow;
  }

  @Override
  public void register(RegisterBindingCommand command) {
    Binding binding = Objects.requireNonNull(command.binding(), "binding");
    BindingUrls.requireUsable(binding);
    if (command.sageRefreshToken() == null || command.sageRefreshToken().isBlank()) {
      throw new IllegalArgumentException("sage refresh token is required");
    }
    SyncPolicy policy = Objects.requireNonNull(command.policy(), "policy");
    uow.run(
        () -> {
          bindings.add(binding, command.secrets());
          tokens.initialise(binding.tenantId(), command.sageRefreshToken().trim());
          policies.save(binding.tenantId(), policy);
        });
  }

  @Override
  public List<Binding> list() {
    return bindings.list();
  }

  @Override
  public void changeStatus(String tenantId, BindingStatus status) {
    Objects.requireNonNull(status, "status");
    if (!bindings.changeStatus(tenantId, status)) {
      throw new UnknownBindingException(tenantId);
    }
  }
}
