package io.ledgerbridge.app;

import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.EntityXrefRepository;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.sync.ContactResolver;
import io.ledgerbridge.ports.sync.CreditMemoCreatedHandler;
import io.ledgerbridge.ports.sync.CustomerUpsertedHandler;
import io.ledgerbridge.ports.sync.InvoiceCreatedHandler;
import io.ledgerbridge.ports.sync.InvoicePaidHandler;
import io.ledgerbridge.ports.sync.SyncEventHandler;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The handler of each store event the chassis syncs: the one place where a new event is wired.
 * Events absent from the map are accepted and end skipped ({@code event_not_supported}).
 */
public final class EventHandlers {
  private EventHandlers() {}

  public static Map<EventType, SyncEventHandler> standard(
      StoreGateway store, AccountingGateway sage, EntityXrefRepository xrefs, Clock clock) {
    ContactResolver contacts = new ContactResolver(sage, xrefs, clock);
    Map<EventType, SyncEventHandler> handlers = new EnumMap<>(EventType.class);
    add(handlers, new InvoiceCreatedHandler(store, sage, xrefs, contacts, clock));
    add(handlers, new InvoicePaidHandler(store, sage, xrefs, contacts, clock));
    add(handlers, new CreditMemoCreatedHandler(store, sage, xrefs, contacts, clock));
    CustomerUpsertedHandler customers = new CustomerUpsertedHandler(store, sage, xrefs, contacts);
    add(handlers, customers);
    // the reconciliation sweep's runs apply the store event's handler again
    handlers.put(EventType.CUSTOMER_RECONCILED, customers);
    return handlers;
  }

  private static void add(Map<EventType, SyncEventHandler> handlers, SyncEventHandler handler) {
    handlers.put(handler.event(), handler);
  }
}
