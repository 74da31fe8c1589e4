package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.RefreshReferenceDataUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Scripted refresh: known tenants get their data, or the scripted failure is thrown. */
final class FakeRefreshReferenceDataUseCase implements RefreshReferenceDataUseCase {

  private final Map<String, ReferenceData> data = new ConcurrentHashMap<>();
  private volatile RuntimeException failure;

  FakeRefreshReferenceDataUseCase bind(String tenant, ReferenceData value) {
    data.put(tenant, value);
    return this;
  }

  void failWith(RuntimeException e) {
    this.failure = e;
  }

  @Override
  public ReferenceData refresh(String tenantId) {
    ReferenceData value = data.get(tenantId);
    if (value == null) {
      throw new UnknownBindingException(tenantId);
    }
    if (failure != null) {
      throw failure;
    }
    return value;
  }
}
