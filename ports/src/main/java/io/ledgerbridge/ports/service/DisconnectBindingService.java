package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.SageAuthorization;
import io.ledgerbridge.ports.out.SageAuthorization.SageClient;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Disconnects a binding (see {@link DisconnectBindingUseCase}): the binding stops syncing first,
 * then its refresh token is revoked at Sage (best effort: Sage being down must not keep a store
 * connected) and forgotten here. Repeating it is harmless.
 */
public final class DisconnectBindingService implements DisconnectBindingUseCase {
  private static final Logger LOG = Logger.getLogger(DisconnectBindingService.class.getName());

  private final BindingRepository bindings;
  private final TokenVault vault;
  private final SageAuthorization authorization;
  private final ConnectSettings settings;

  public DisconnectBindingService(
      BindingRepository bindings,
      TokenVault vault,
      SageAuthorization authorization,
      ConnectSettings settings) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.vault = Objects.requireNonNull(vault, "vault");
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Disconnected disconnect(String tenantId, Side side) {
    Binding binding =
        bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    boolean already = binding.status() == BindingStatus.DISCONNECTED;
    bindings.changeStatus(tenantId, BindingStatus.DISCONNECTED);
    Optional<SageTokens> tokens = vault.tokens(tenantId);
    Optional<BindingSecrets> secrets = bindings.secrets(tenantId);
    boolean revoked = false;
    if (tokens.isPresent() && secrets.isPresent() && secrets.get().hasSageClient()) {
      SageClient client =
          new SageClient(
              secrets.get().sageClientId(),
              secrets.get().sageClientSecret(),
              binding.sageTokenUrl(),
              settings.revokeUrlFor(binding.sageTokenUrl()));
      try {
        authorization.revoke(client, tokens.get().refreshToken());
        revoked = true;
      } catch (GatewayException | IllegalArgumentException e) {
        LOG.warning(
            "binding "
                + tenantId
                + ": Sage did not confirm the revocation of its refresh token ("
                + e.getMessage()
                + "); the token is forgotten here all the same");
      }
    }
    vault.clear(tenantId);
    LOG.info(
        "binding "
            + tenantId
            + " disconnected by the "
            + side.name().toLowerCase(java.util.Locale.ROOT)
            + (already ? " (it already was)" : "")
            + (revoked ? "; Sage refresh token revoked" : ""));
    return new Disconnected(tenantId, already, revoked);
  }
}
