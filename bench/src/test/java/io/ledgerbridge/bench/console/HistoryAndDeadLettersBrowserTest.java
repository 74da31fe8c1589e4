package io.ledgerbridge.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreCustomer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The sync history and the dead letters in a real browser: two customer saves fail because the
 * sandbox Sage refuses their contact with a 422 (a permanent failure: the run fails and its job is
 * dead-lettered at once); once Sage accepts contacts again, the operator filters the history down
 * to them, retries one from its row and sees it succeed, then requeues the other's dead letter and
 * sees it leave the list and its run succeed.
 */
class HistoryAndDeadLettersBrowserTest extends BrowserTestBase {
  private static final StoreAddress LONDON =
      StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB");

  private static ConsoleWorld world;
  private static long first;
  private static long second;

  @BeforeAll
  static void twoCustomerRunsFail() throws Exception {
    world = ConsoleWorld.start(Files.createTempDirectory("lb-console-history-"));
    first = failedCustomer(611, "Ada", "Lovelace");
    second = failedCustomer(612, "Grace", "Hopper");
    world.env.sage().clearFaults(); // the cause is fixed: Sage takes contacts again
  }

  private static long failedCustomer(long id, String first, String last) throws Exception {
    world.env.sage().failNext("/contacts", 422, 1);
    long saved =
        world
            .env
            .store()
            .saveCustomer(
                StoreCustomer.builder()
                    .id(id)
                    .email(first.toLowerCase(java.util.Locale.ROOT) + "@example.com")
                    .name(first, last)
                    .defaultAddress(LONDON)
                    .build());
    await("customer " + saved + " failed", () -> status(saved) == SyncRunStatus.FAILED);
    return saved;
  }

  /** Waits up to a minute for {@code condition}, polling. */
  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stopWorld() {
    if (world != null) {
      world.close();
    }
  }

  private static List<SyncRun> runs(long customer) {
    return world
        .env
        .chassis()
        .query()
        .recent(new RunQuery(null, null, "customer.upserted", customer, 5));
  }

  private static SyncRunStatus status(long customer) {
    List<SyncRun> r = runs(customer);
    return r.isEmpty() ? null : r.get(0).status();
  }

  private static List<String> rowRunIds() {
    return driver.findElements(By.cssSelector("table tbody a[href^='/dashboard/sync/']")).stream()
        .map(a -> a.getAttribute("href"))
        .map(h -> h.substring(h.lastIndexOf('/') + 1))
        .toList();
  }

  @Test
  void filtersTheHistoryRetriesAFailedRunAndRequeuesADeadLetter() throws Exception {
    forgetCookies(world.adminUrl());
    signIn(world.adminUrl(), ConsoleWorld.OPERATOR, ConsoleWorld.PASSWORD);
    open(world.adminUrl() + "/dashboard/sync");

    // filter: failed customer runs
    new Select(driver.findElement(By.id("f-status"))).selectByValue("failed");
    new Select(driver.findElement(By.id("f-event"))).selectByValue("customer.upserted");
    press("Filter");
    SyncRun firstRun = runs(first).get(0);
    SyncRun secondRun = runs(second).get(0);
    assertThat(rowRunIds()).containsExactly(secondRun.id().toString(), firstRun.id().toString());
    assertThat(driver.findElement(By.cssSelector("span.n[data-status=failed]")).getText())
        .isEqualTo("2");
    assertThat(text()).contains("Retry all 2 failed runs matching this filter");

    // a date range that ends before these runs lists none of them
    open(world.adminUrl() + "/dashboard/sync?status=failed&event=customer.upserted&to=2020-01-01");
    assertThat(driver.findElement(By.id("f-to")).getAttribute("value")).isEqualTo("2020-01-01");
    assertThat(text()).contains("No sync runs match.");
    // a start after the end is refused with the field's error
    open(world.adminUrl() + "/dashboard/sync?from=2020-01-02&to=2020-01-01");
    assertThat(driver.findElement(By.id("f-to")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(text()).contains("the end date is before the start date");

    // retry the first from its row: requeued, then synced
    open(
        world.adminUrl() + "/dashboard/sync?status=failed&event=customer.upserted&entity=" + first);
    clickAndWait(By.cssSelector("button[aria-label='Retry run " + firstRun.id() + "']"));
    assertThat(text()).contains("1 run requeued");
    await("retried run succeeded", () -> status(first) == SyncRunStatus.SUCCEEDED);
    clickAndWait(By.linkText("\u2190 Back to the sync history"));
    assertThat(text()).contains("No sync runs match.");
    open(world.adminUrl() + "/dashboard/sync?event=customer.upserted&entity=" + first);
    assertThat(text()).contains("succeeded");

    // the second one's dead letter: requeue it, it leaves the list, its run succeeds
    open(world.adminUrl() + "/dashboard/dead-letters");
    List<String> jobs =
        driver.findElements(By.cssSelector("tr[data-job]")).stream()
            .filter(tr -> tr.getText().contains("customer.upserted"))
            .map(tr -> tr.getAttribute("data-job"))
            .toList();
    assertThat(jobs).hasSize(1); // the retried run's job left the list already
    assertThat(text()).contains("validation");
    clickAndWait(By.cssSelector("button[aria-label='Requeue job " + jobs.get(0) + "']"));
    assertThat(text()).contains("1 dead letter requeued");
    open(world.adminUrl() + "/dashboard/dead-letters");
    assertThat(driver.findElements(By.cssSelector("tr[data-job='" + jobs.get(0) + "']"))).isEmpty();
    await("requeued run succeeded", () -> status(second) == SyncRunStatus.SUCCEEDED);
  }
}
