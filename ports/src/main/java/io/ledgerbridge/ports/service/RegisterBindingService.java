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
    if (status != BindingStatus.PAUSED && status != BindingStatus.ACTIVE) {
      throw new IllegalArgumentException(
          "an operator pauses or resumes a binding; "
              + status.db()
              + " is reached through the connect flows (bindings connect, sage-connect,"
              + " disconnect)");
    }
    BindingStatus from =
        status == BindingStatus.PAUSED ? BindingStatus.ACTIVE : BindingStatus.PAUSED;
    if (bindings.changeStatus(tenantId, from, status)) {
      return;
    }
    BindingStatus now =
        bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId)).status();
    if (now == status) {
      return; // already so
    }
    throw new IllegalStateException(
        "binding "
            + tenantId
            + " is "
            + now.db()
            + ": "
            + switch (now) {
              case PENDING_SAGE -> "connect it to Sage first (bindings sage-connect)";
              case TOKEN_REVOKED ->
                  "Sage no longer accepts its connection; reconnect it (bindings sage-connect),"
                      + " its waiting runs then resume by themselves";
              case DISCONNECTED ->
                  "pair the store again (bindings connect with a new pairing code), then connect"
                      + " Sage";
              default -> "it cannot be " + (status == BindingStatus.PAUSED ? "paused" : "resumed");
            });
  }
}
