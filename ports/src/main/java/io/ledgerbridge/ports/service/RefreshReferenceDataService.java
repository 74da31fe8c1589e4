package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.ConnectionRevokedException;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import java.time.Clock;

/** Fetches a binding's Sage reference data and replaces its cache (after add, daily, on demand). */
public final class RefreshReferenceDataService implements RefreshReferenceDataUseCase {
  private final BindingRepository bindings;
  private final AccountingGateway sage;
  private final ReferenceDataRepository reference;
  private final Clock clock;

  public RefreshReferenceDataService(
      BindingRepository bindings,
      AccountingGateway sage,
      ReferenceDataRepository reference,
      Clock clock) {
    this.bindings = bindings;
    this.sage = sage;
    this.reference = reference;
    this.clock = clock;
  }

  @Override
  public ReferenceData refresh(String tenantId) {
    Binding b = bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    BindingSecrets s =
        bindings.secrets(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    if (!b.hasSageBusiness() || !s.hasSageClient()) {
      throw new IllegalStateException(
          "binding " + tenantId + " is not connected to Sage yet: connect it first");
    }
    ReferenceData data;
    try {
      data =
          sage.fetchReferenceData(
              new SageConnection(
                  b.tenantId(),
                  b.sageApiUrl(),
                  b.sageTokenUrl(),
                  b.sageBusinessId(),
                  s.sageClientId(),
                  s.sageClientSecret()),
              clock.instant());
    } catch (ConnectionRevokedException e) {
      // only an active binding turns token_revoked; a paused one stays paused (a reconnect would
      // otherwise resume it), and its first sync after it is resumed meets the same refusal
      bindings.changeStatus(tenantId, BindingStatus.ACTIVE, BindingStatus.TOKEN_REVOKED);
      throw e;
    }
    reference.store(tenantId, data);
    return data;
  }
}
