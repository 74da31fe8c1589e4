package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ConnectionRevokedException;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.TokenVault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Housekeeping: refreshes the Sage tokens of bindings that have not refreshed them for {@link
 * #IDLE_LIMIT}, because Sage lets a refresh token expire after 31 days unused (SAGE §1.3) and an
 * idle shop would otherwise lose its connection. A refresh Sage refuses puts an active binding in
 * {@code token_revoked} at once, so the store's tile says so before the next sale; a paused binding
 * stays paused (reconnecting would resume it) and turns token_revoked on its first sync once
 * resumed.
 */
public final class TokenKeepAlive implements Runnable {
  private static final Logger LOG = Logger.getLogger(TokenKeepAlive.class.getName());

  /** Refresh tokens unused this long are refreshed (Sage's limit is 31 days). */
  public static final Duration IDLE_LIMIT = Duration.ofDays(25);

  private final BindingRepository bindings;
  private final TokenVault vault;
  private final AccountingGateway sage;
  private final Clock clock;

  public TokenKeepAlive(
      BindingRepository bindings, TokenVault vault, AccountingGateway sage, Clock clock) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.vault = Objects.requireNonNull(vault, "vault");
    this.sage = Objects.requireNonNull(sage, "sage");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void run() {
    List<String> idle;
    try {
      idle = vault.refreshedBefore(clock.instant().minus(IDLE_LIMIT));
    } catch (RuntimeException e) {
      LOG.warning("Sage token keep-alive failed: " + e.getMessage());
      return;
    }
    int refreshed = 0;
    for (String tenant : idle) {
      try {
        if (keepAlive(tenant)) {
          refreshed++;
        }
      } catch (RuntimeException e) {
        // one binding that cannot be read (or a bug) must not leave the others to expire
        LOG.warning("could not keep the Sage tokens of " + tenant + " alive: " + e);
      }
    }
    if (refreshed > 0) {
      LOG.info("kept " + refreshed + " idle Sage connection(s) alive");
    }
  }

  /** Refreshes one tenant's tokens; true if they were refreshed. */
  boolean keepAlive(String tenant) {
    Optional<Binding> binding = bindings.find(tenant);
    Optional<BindingSecrets> secrets = bindings.secrets(tenant);
    if (binding.isEmpty()
        || secrets.isEmpty()
        || !binding.get().hasSageBusiness()
        || !secrets.get().hasSageClient()) {
      return false;
    }
    Binding b = binding.get();
    if (b.status() != BindingStatus.ACTIVE && b.status() != BindingStatus.PAUSED) {
      return false;
    }
    try {
      sage.keepAlive(
          new SageConnection(
              tenant,
              b.sageApiUrl(),
              b.sageTokenUrl(),
              b.sageBusinessId(),
              secrets.get().sageClientId(),
              secrets.get().sageClientSecret()));
      return true;
    } catch (ConnectionRevokedException e) {
      // A paused binding stays paused (a reconnect would otherwise resume it): its first Sage call
      // after it is resumed meets the same refusal and turns it token_revoked then.
      if (b.status() == BindingStatus.PAUSED) {
        LOG.warning(
            "the Sage connection of paused binding "
                + tenant
                + " was revoked; it needs reconnecting once resumed: "
                + e.getMessage());
      } else if (bindings.changeStatus(tenant, BindingStatus.ACTIVE, BindingStatus.TOKEN_REVOKED)) {
        LOG.warning("binding " + tenant + " is token_revoked: " + e.getMessage());
      }
    } catch (GatewayException e) {
      LOG.warning("could not refresh the idle Sage tokens of " + tenant + ": " + e.getMessage());
    }
    return false;
  }
}
