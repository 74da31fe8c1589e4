package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.in.BindingHealthUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.ports.out.SyncRunRepository;
import io.ledgerbridge.ports.out.TokenVault;
import java.time.Clock;
import java.util.List;

/**
 * Reads a binding's health from what the chassis holds: its status and token record (revoked, none,
 * expiring when the refresh token is older than {@link TokenKeepAlive#IDLE_LIMIT}, else connected),
 * its newest succeeded run and its reference cache. Never calls Sage and never returns a token.
 */
public final class BindingHealthService implements BindingHealthUseCase {
  private final BindingRepository bindings;
  private final TokenVault vault;
  private final ReferenceDataRepository reference;
  private final SyncRunRepository runs;
  private final Clock clock;

  public BindingHealthService(
      BindingRepository bindings,
      TokenVault vault,
      ReferenceDataRepository reference,
      SyncRunRepository runs,
      Clock clock) {
    this.bindings = bindings;
    this.vault = vault;
    this.reference = reference;
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public BindingHealth health(String tenantId) {
    Binding binding =
        bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    List<SyncRun> succeeded =
        runs.recent(
            new SyncRunRepository.RunQuery(tenantId, SyncRunStatus.SUCCEEDED, null, null, 1));
    return new BindingHealth(
        tenantId,
        sage(binding),
        succeeded.isEmpty() ? null : succeeded.get(0).updatedAt(),
        reference.find(tenantId).map(ReferenceData::fetchedAt).orElse(null));
  }

  private SageAccess sage(Binding binding) {
    if (binding.status() == BindingStatus.TOKEN_REVOKED) {
      return SageAccess.REVOKED;
    }
    if (vault.tokens(binding.tenantId()).isEmpty()) {
      return SageAccess.NONE;
    }
    boolean idle =
        vault
            .refreshedBefore(clock.instant().minus(TokenKeepAlive.IDLE_LIMIT))
            .contains(binding.tenantId());
    return idle ? SageAccess.EXPIRING : SageAccess.CONNECTED;
  }
}
