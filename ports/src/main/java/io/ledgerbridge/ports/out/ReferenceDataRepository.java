package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.reference.ReferenceData;
import java.util.Optional;

/** The per-binding cache of Sage reference data. */
public interface ReferenceDataRepository {

  Optional<ReferenceData> find(String tenantId);

  /** Replaces the cached data of the binding. */
  void store(String tenantId, ReferenceData data);
}
