package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pass of the daily reference-data refresh: every active binding whose cache is missing or
 * older than {@code maxAge} is refreshed. A failing binding is logged and does not stop the others.
 */
public final class ReferenceRefreshSweep implements Runnable {
  private static final Logger LOG = Logger.getLogger(ReferenceRefreshSweep.class.getName());

  private final BindingRepository bindings;
  private final ReferenceDataRepository cache;
  private final RefreshReferenceDataUseCase refresh;
  private final Clock clock;
  private final Duration maxAge;

  public ReferenceRefreshSweep(
      BindingRepository bindings,
      ReferenceDataRepository cache,
      RefreshReferenceDataUseCase refresh,
      Clock clock,
      Duration maxAge) {
    this.bindings = bindings;
    this.cache = cache;
    this.refresh = refresh;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** Runs the pass and returns how many bindings were refreshed. */
  public int sweep() {
    int refreshed = 0;
    Instant now = clock.instant();
    for (Binding b : bindings.list()) {
      if (b.status() != BindingStatus.ACTIVE) {
        continue;
      }
      Optional<ReferenceData> cached = cache.find(b.tenantId());
      if (cached.isPresent() && cached.get().fetchedAt().plus(maxAge).isAfter(now)) {
        continue;
      }
      try {
        refresh.refresh(b.tenantId());
        refreshed++;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "reference refresh failed for binding " + b.tenantId() + ": " + e.getMessage());
      }
    }
    return refreshed;
  }

  @Override
  public void run() {
    try {
      sweep();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "reference refresh sweep failed", e);
    }
  }
}
