package io.ledgerbridge.bench.demo;

import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.store.Disconnection;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's connection lifecycle: the store's admin presses Disconnect, pairs the store again with
 * a new code and the merchant reconnects Sage in a browser; then the store pays an invoice that was
 * synced before the disconnect and raises another one for the same customer. Sage must show no
 * duplicate invoice or contact: the cross-references outlived the disconnect.
 */
public final class ReconnectScenario {
  private ReconnectScenario() {}

  /** Runs the scenario; every step is checked and reported, the first failure ends it. */
  public static List<ScenarioStep> run(DemoEnvironment env, Duration timeout)
      throws InterruptedException {
    List<ScenarioStep> steps = new ArrayList<>();
    SandboxStore store = env.store();
    SandboxSage sage = env.sage();
    String business = sage.defaultBusinessId();

    long before = store.raiseInvoice(sample());
    boolean synced =
        ScenarioStep.until(timeout, () -> status(store, "invoice", before).equals("synced"));
    String sageInvoiceId =
        store.syncState("invoice", before).map(SyncState::providerEntityId).orElse("");
    if (!add(steps, "invoice synced before the disconnect", synced, "Sage id " + sageInvoiceId)) {
      return steps;
    }
    int invoices = sage.salesInvoices(business).size();
    int contacts = sage.contacts(business).size();
    int revoked = sage.revokedTokens();
    String tenant = env.tenant();

    Disconnection d = store.disconnect();
    BindingStatus afterDisconnect = statusOf(env, tenant);
    boolean tokensGone = env.chassis().persistence().tokenVault().tokens(tenant).isEmpty();
    if (!add(
        steps,
        "store-side disconnect",
        d instanceof Disconnection.Acknowledged
            && afterDisconnect == BindingStatus.DISCONNECTED
            && sage.revokedTokens() == revoked + 1
            && tokensGone,
        "store: \""
            + d.adminMessage()
            + "\"; binding "
            + afterDisconnect.name().toLowerCase(java.util.Locale.ROOT)
            + "; Sage revocations +"
            + (sage.revokedTokens() - revoked)
            + "; tokens kept: "
            + !tokensGone)) {
      return steps;
    }

    String again;
    try {
      again = env.pairStore();
    } catch (IllegalStateException e) {
      add(steps, "store paired again", false, e.getMessage());
      return steps;
    }
    if (!add(steps, "store paired again", again.equals(tenant), "tenant " + again)) {
      return steps;
    }
    Browser.Page page = env.connectSageInBrowser(new Browser());
    BindingStatus reconnected = statusOf(env, tenant);
    if (!add(
        steps,
        "Sage reconnected in a browser",
        page.says("Connected to Sage") && reconnected == BindingStatus.ACTIVE,
        "HTTP "
            + page.status()
            + "; binding "
            + reconnected.name().toLowerCase(java.util.Locale.ROOT))) {
      return steps;
    }

    store.payInvoice(before);
    long after = store.raiseInvoice(sample());
    boolean paid =
        ScenarioStep.until(
            timeout,
            () ->
                latest(env, "invoice.paid", before)
                    .map(r -> r.status().isTerminal())
                    .orElse(false));
    boolean newSynced =
        ScenarioStep.until(timeout, () -> status(store, "invoice", after).equals("synced"));
    String outstanding =
        sage.salesInvoice(business, sageInvoiceId)
            .map(i -> i.path("outstanding_amount").asText())
            .orElse("?");
    add(
        steps,
        "payment of the earlier invoice lands on it",
        paid
            && new java.math.BigDecimal(outstanding.equals("?") ? "-1" : outstanding).signum() == 0,
        "outstanding " + outstanding);
    int invoicesNow = sage.salesInvoices(business).size();
    int contactsNow = sage.contacts(business).size();
    add(
        steps,
        "no duplicate in Sage",
        newSynced && invoicesNow == invoices + 1 && contactsNow == contacts,
        "invoices "
            + invoices
            + " -> "
            + invoicesNow
            + " (one new), contacts "
            + contacts
            + " -> "
            + contactsNow);
    return steps;
  }

  public static boolean ok(List<ScenarioStep> steps) {
    return ScenarioStep.allOk(steps, 6);
  }

  public static void printSummary(List<ScenarioStep> steps, PrintStream out) {
    ScenarioStep.print(
        "DISCONNECT AND RECONNECT",
        "DETAIL",
        steps,
        "disconnect and reconnect "
            + (ok(steps) ? "as expected, no duplicates" : "NOT as expected"),
        out);
  }

  private static boolean add(List<ScenarioStep> steps, String label, boolean ok, String detail) {
    steps.add(new ScenarioStep(label, ok, detail));
    return ok;
  }

  private static BindingStatus statusOf(DemoEnvironment env, String tenant) {
    return env.chassis().registration().list().stream()
        .filter(b -> b.tenantId().equals(tenant))
        .map(b -> b.status())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no binding " + tenant));
  }

  private static StoreInvoice sample() {
    return SampleInvoices.all().get(0).invoice();
  }

  private static String status(SandboxStore store, String type, long id) {
    return store.syncState(type, id).map(SyncState::syncStatus).orElse("");
  }

  private static Optional<SyncRun> latest(DemoEnvironment env, String event, long id) {
    List<SyncRun> runs = env.chassis().query().recent(new RunQuery(null, null, event, id, 5));
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }
}
