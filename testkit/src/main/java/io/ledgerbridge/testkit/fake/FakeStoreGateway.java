package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.ports.out.StoreGateway;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scripted store: serves invoices put into it, records pushes, throws queued failures first. */
public class FakeStoreGateway implements StoreGateway {
  public final Map<Long, CanonicalInvoice> invoices = new HashMap<>();
  public final Map<Long, CanonicalPayment> payments = new HashMap<>();
  public final Map<Long, CanonicalCreditMemo> creditMemos = new HashMap<>();
  public final Map<Long, io.ledgerbridge.core.canonical.CanonicalContact> customers =
      new HashMap<>();
  public final Map<Long, io.ledgerbridge.core.canonical.CanonicalProduct> products =
      new HashMap<>();
  public final List<EntitySyncState> pushes = new ArrayList<>();
  public final Deque<GatewayException> fetchFailures = new ArrayDeque<>();
  public final Deque<GatewayException> pushFailures = new ArrayDeque<>();
  public int fetches;

  /** Answers to {@link #pair}, in order; when empty, a pairing succeeds. */
  public final Deque<Object> pairingAnswers = new ArrayDeque<>();

  /** Pairings asked for: the store URL and the request. */
  public final List<Map.Entry<String, PairingRequest>> pairings = new ArrayList<>();

  /**
   * Plays the store's pairing route: the next queued answer (a {@link PairingAnswer}, or a {@link
   * GatewayException} to throw), else {@link Paired}.
   */
  @Override
  public PairingAnswer pair(String storeBaseUrl, PairingRequest request) {
    pairings.add(Map.entry(storeBaseUrl, request));
    Object next = pairingAnswers.poll();
    if (next instanceof GatewayException e) {
      throw e;
    }
    return next == null ? new Paired() : (PairingAnswer) next;
  }

  @Override
  public CanonicalInvoice fetchInvoice(StoreEndpoint store, long invoiceId) {
    fetches++;
    if (!fetchFailures.isEmpty()) {
      throw fetchFailures.pop();
    }
    CanonicalInvoice invoice = invoices.get(invoiceId);
    if (invoice == null) {
      throw new io.ledgerbridge.core.failure.PermanentGatewayException(
          "magento",
          "fetch_invoice",
          404,
          null,
          io.ledgerbridge.core.failure.ErrorClass.NOT_FOUND,
          "no invoice " + invoiceId,
          null,
          null);
    }
    return invoice;
  }

  @Override
  public CanonicalPayment fetchPayment(StoreEndpoint store, long invoiceId) {
    fetches++;
    if (!fetchFailures.isEmpty()) {
      throw fetchFailures.pop();
    }
    return found(payments.get(invoiceId), "fetch_payment", "payment of invoice " + invoiceId);
  }

  @Override
  public CanonicalCreditMemo fetchCreditMemo(StoreEndpoint store, long creditMemoId) {
    fetches++;
    if (!fetchFailures.isEmpty()) {
      throw fetchFailures.pop();
    }
    return found(creditMemos.get(creditMemoId), "fetch_credit_memo", "credit memo " + creditMemoId);
  }

  @Override
  public io.ledgerbridge.core.canonical.CanonicalContact fetchCustomer(
      StoreEndpoint store, long customerId) {
    fetches++;
    if (!fetchFailures.isEmpty()) {
      throw fetchFailures.pop();
    }
    return found(customers.get(customerId), "fetch_customer", "customer " + customerId);
  }

  @Override
  public io.ledgerbridge.core.canonical.CanonicalProduct fetchProduct(
      StoreEndpoint store, long productId) {
    fetches++;
    if (!fetchFailures.isEmpty()) {
      throw fetchFailures.pop();
    }
    return found(products.get(productId), "fetch_product", "product " + productId);
  }

  private static <T> T found(T value, String operation, String what) {
    if (value == null) {
      throw new io.ledgerbridge.core.failure.PermanentGatewayException(
          "magento",
          operation,
          404,
          null,
          io.ledgerbridge.core.failure.ErrorClass.NOT_FOUND,
          "no " + what,
          null,
          null);
    }
    return value;
  }

  @Override
  public void pushSyncState(StoreEndpoint store, EntitySyncState push) {
    if (!pushFailures.isEmpty()) {
      throw pushFailures.pop();
    }
    pushes.add(push);
  }
}
