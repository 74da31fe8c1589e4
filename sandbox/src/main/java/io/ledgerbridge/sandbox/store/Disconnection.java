package io.ledgerbridge.sandbox.store;

import java.util.Objects;

/**
 * How the admin Disconnect button ({@code Controller/Adminhtml/Connection/Disconnect}, WIRE §7.4)
 * ended, with the admin message the module shows. Whenever the store was connected, the local
 * credentials are gone afterwards, whatever the ledger answered.
 */
public sealed interface Disconnection
    permits Disconnection.AlreadyDisconnected,
        Disconnection.Acknowledged,
        Disconnection.DisconnectedLocally {

  /** The admin flash message. */
  String adminMessage();

  /** The store was not connected: nothing was sent and nothing changed. */
  record AlreadyDisconnected() implements Disconnection {
    @Override
    public String adminMessage() {
      return "Already disconnected.";
    }
  }

  /** The ledger answered 2xx; the store then cleared its credentials. */
  record Acknowledged(DisconnectCall call) implements Disconnection {
    public Acknowledged {
      Objects.requireNonNull(call, "call");
    }

    @Override
    public String adminMessage() {
      return "Disconnected. Byte8 Ledger acknowledged the revocation.";
    }
  }

  /**
   * The notification failed (4xx, other status, network error, no base URL); the store cleared its
   * credentials anyway and does not retry.
   */
  record DisconnectedLocally(DisconnectCall call) implements Disconnection {
    public DisconnectedLocally {
      Objects.requireNonNull(call, "call");
    }

    @Override
    public String adminMessage() {
      return "Disconnected locally. Byte8 Ledger was unreachable; it will reconcile on its next"
          + " poll.";
    }
  }
}
