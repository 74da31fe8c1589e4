package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Scripted disconnect: records (tenant, side); throws {@link #failure} if set. */
final class FakeDisconnectBindingUseCase implements DisconnectBindingUseCase {
  final List<Map.Entry<String, Side>> calls = new CopyOnWriteArrayList<>();
  volatile RuntimeException failure;
  volatile boolean already;
  volatile boolean revoked = true;

  @Override
  public Disconnected disconnect(String tenantId, Side side) {
    calls.add(Map.entry(tenantId, side));
    if (failure != null) {
      throw failure;
    }
    return new Disconnected(tenantId, already, revoked);
  }
}
