package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Scripted pairing: answers {@link #answer} and records every command. */
final class FakeConnectStoreUseCase implements ConnectStoreUseCase {
  final List<PairCommand> commands = new CopyOnWriteArrayList<>();
  volatile PairingResult answer = new Paired("tenant-new", BindingStatus.PENDING_SAGE, false);

  @Override
  public PairingResult pair(PairCommand command) {
    commands.add(command);
    return answer;
  }
}
