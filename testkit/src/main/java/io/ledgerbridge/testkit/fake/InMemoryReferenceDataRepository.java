package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The reference cache in a map; a store replaces the tenant's entry. */
public final class InMemoryReferenceDataRepository implements ReferenceDataRepository {
  private final Map<String, ReferenceData> data = new HashMap<>();

  @Override
  public synchronized Optional<ReferenceData> find(String tenantId) {
    return Optional.ofNullable(data.get(tenantId));
  }

  @Override
  public synchronized void store(String tenantId, ReferenceData referenceData) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(referenceData, "data");
    data.put(tenantId, referenceData);
  }
}
