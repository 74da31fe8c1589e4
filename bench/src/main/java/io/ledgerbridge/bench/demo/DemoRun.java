package io.ledgerbridge.bench.demo;

import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SyncState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Raises sample invoices in the sandbox store and waits for their terminal statuses. */
public final class DemoRun {
  private DemoRun() {}

  /** One raised invoice and what became of it. */
  public record Outcome(
      long invoiceId,
      SampleInvoices.Sample sample,
      String status,
      String detail,
      long millisToStatus) {

    public boolean asExpected() {
      return sample.expectedStatus().equals(status)
          && (sample.expectedDetail() == null || sample.expectedDetail().equals(detail));
    }
  }

  /** Raises {@code count} invoices, cycling through the samples. */
  public static List<Long> raise(SandboxStore store, int count, List<Long> raisedAtNanos) {
    List<SampleInvoices.Sample> samples = SampleInvoices.all();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      raisedAtNanos.add(System.nanoTime());
      ids.add(store.raiseInvoice(samples.get(i % samples.size()).invoice()));
    }
    return ids;
  }

  /** Waits until every invoice has a terminal status in the store, or the timeout passes. */
  public static List<Outcome> await(
      SandboxStore store, List<Long> ids, List<Long> raisedAtNanos, Duration timeout)
      throws InterruptedException {
    List<SampleInvoices.Sample> samples = SampleInvoices.all();
    long deadline = System.nanoTime() + timeout.toNanos();
    Long[] doneAt = new Long[ids.size()];
    while (true) {
      boolean all = true;
      for (int i = 0; i < ids.size(); i++) {
        if (doneAt[i] == null) {
          Optional<SyncState> s = store.syncState("invoice", ids.get(i));
          if (s.isPresent() && !"pending".equals(s.get().syncStatus())) {
            doneAt[i] = System.nanoTime();
          } else {
            all = false;
          }
        }
      }
      if (all || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(20);
    }
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      SyncState s = store.syncState("invoice", ids.get(i)).orElse(null);
      String status = s == null ? "missing" : s.syncStatus();
      String detail =
          s == null ? null : firstNonNull(s.providerReference(), s.skipReason(), s.errorCode());
      long ms =
          doneAt[i] == null ? -1 : Duration.ofNanos(doneAt[i] - raisedAtNanos.get(i)).toMillis();
      out.add(new Outcome(ids.get(i), samples.get(i % samples.size()), status, detail, ms));
    }
    return out;
  }

  public static void printSummary(List<Outcome> outcomes, PrintStream out) {
    String fmt = "%-8s %-62s %-9s %-22s %-4s %8s%n";
    out.println();
    out.printf(fmt, "INVOICE", "SCENARIO", "STATUS", "SAGE REF / REASON", "OK", "MS");
    for (Outcome o : outcomes) {
      out.printf(
          fmt,
          o.invoiceId(),
          truncate(o.sample().label(), 62),
          o.status(),
          o.detail() == null ? "-" : truncate(o.detail(), 22),
          o.asExpected() ? "yes" : "NO",
          o.millisToStatus() < 0 ? "timeout" : Long.toString(o.millisToStatus()));
    }
    long ok = outcomes.stream().filter(Outcome::asExpected).count();
    long synced = outcomes.stream().filter(o -> "synced".equals(o.status())).count();
    long skipped = outcomes.stream().filter(o -> "skipped".equals(o.status())).count();
    long failed = outcomes.stream().filter(o -> "failed".equals(o.status())).count();
    out.printf(
        "%nsummary: %d invoices, %d synced, %d skipped, %d failed, %d as expected%n",
        outcomes.size(), synced, skipped, failed, ok);
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String truncate(String s, int max) {
    Objects.requireNonNull(s);
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
