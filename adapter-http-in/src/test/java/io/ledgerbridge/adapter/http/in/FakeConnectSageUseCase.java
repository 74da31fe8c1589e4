package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.ports.in.ConnectSageUseCase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Scripted Sage OAuth: answers what the test set and records every call. */
final class FakeConnectSageUseCase implements ConnectSageUseCase {
  record Start(String tenantId, String ticket) {}

  record CallbackCall(Callback callback, String browserNonce) {}

  record Choice(String selectionToken, String businessId) {}

  final List<String> links = new CopyOnWriteArrayList<>();
  final List<Start> starts = new CopyOnWriteArrayList<>();
  final List<CallbackCall> callbacks = new CopyOnWriteArrayList<>();
  final List<Choice> choices = new CopyOnWriteArrayList<>();
  volatile boolean configured = true;
  volatile StartResult startResult =
      new Redirect("https://sage.test/authorize?state=s1", "browser-nonce-1", 900);
  volatile Outcome outcome = new Connected("t-1", "biz-1", "Shop Ltd", List.of());

  @Override
  public String connectLink(String tenantId) {
    links.add(tenantId);
    if (!configured) {
      throw new IllegalStateException("Sage OAuth is not configured");
    }
    return "https://ledger.example/oauth/sage/start?tenant=" + tenantId + "&ticket=tk";
  }

  @Override
  public StartResult start(String tenantId, String linkTicket) {
    starts.add(new Start(tenantId, linkTicket));
    return startResult;
  }

  @Override
  public Outcome callback(Callback callback, String browserNonce) {
    callbacks.add(new CallbackCall(callback, browserNonce));
    return outcome;
  }

  @Override
  public Outcome choose(String selectionToken, String businessId) {
    choices.add(new Choice(selectionToken, businessId));
    return outcome;
  }

  @Override
  public Outcome connectWithCode(String tenantId, String code, String businessId) {
    throw new UnsupportedOperationException("not an HTTP route");
  }

  @Override
  public String authorizeUrlForOperator(String tenantId) {
    throw new UnsupportedOperationException("not an HTTP route");
  }
}
