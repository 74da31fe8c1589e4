package io.ledgerbridge.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.bench.demo.DemoRun;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.core.syncrun.SyncRunStatus;
import io.ledgerbridge.ports.out.SyncRunRepository.RunQuery;
import io.ledgerbridge.sandbox.store.StoreAddress;
import io.ledgerbridge.sandbox.store.StoreCustomer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every console page once, as an operator and as a merchant, over a chassis that synced invoices
 * and has a failed, dead-lettered customer run: each page renders with its navigation and heading,
 * and a screenshot of each is kept in {@code target/browser-screenshots/tour-*.png} (the record of
 * what the pages look like, whether the test passes or not).
 */
class ConsoleTourBrowserTest extends BrowserTestBase {
  private static ConsoleWorld world;

  @BeforeAll
  static void aChassisWithHistory() throws Exception {
    world = ConsoleWorld.start(Files.createTempDirectory("lb-console-tour-"));
    List<Long> raisedAt = new ArrayList<>();
    List<Long> ids = DemoRun.raise(world.env.store(), 4, raisedAt);
    DemoRun.await(world.env.store(), ids, raisedAt, Duration.ofSeconds(60));
    world.env.sage().failNext("/contacts", 422, 1);
    world
        .env
        .store()
        .saveCustomer(
            StoreCustomer.builder()
                .id(901)
                .email("ada@example.com")
                .name("Ada", "Lovelace")
                .defaultAddress(StoreAddress.of("1 High Street", "London", "SW1A 1AA", "GB"))
                .build());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!customerFailed()) {
      assertThat(System.nanoTime()).as("the customer run fails").isLessThan(deadline);
      Thread.sleep(100);
    }
    world.env.sage().clearFaults();
  }

  private static boolean customerFailed() {
    List<SyncRun> runs =
        world.env.chassis().query().recent(new RunQuery(null, null, "customer.upserted", 901L, 5));
    return !runs.isEmpty() && runs.get(0).status() == SyncRunStatus.FAILED;
  }

  @AfterAll
  static void stopWorld() {
    if (world != null) {
      world.close();
    }
  }

  /** Opens a page, checks its heading and the navigation, and keeps its screenshot. */
  private static String visit(String name, String path, String heading) {
    String text = open(world.adminUrl() + path);
    capture("tour-" + name);
    assertThat(driver.findElements(By.cssSelector("nav.top a"))).hasSizeGreaterThanOrEqualTo(5);
    assertThat(driver.findElement(By.tagName("h1")).getText()).contains(heading);
    return text;
  }

  @Test
  void everyPageAsAnOperatorAndAsAMerchant() {
    forgetCookies(world.adminUrl());
    open(world.adminUrl() + "/login");
    capture("tour-01-sign-in");
    signIn(world.adminUrl(), ConsoleWorld.OPERATOR, ConsoleWorld.PASSWORD);

    String history = visit("02-sync-history", "/dashboard/sync", "Sync history");
    assertThat(history).contains("invoice.created").contains("customer.upserted");
    String invoiceRun =
        driver.findElements(By.cssSelector("table tbody tr")).stream()
            .filter(
                r -> r.getText().contains("invoice.created") && r.getText().contains("succeeded"))
            .findFirst()
            .orElseThrow()
            .findElement(By.cssSelector("a[href^='/dashboard/sync/']"))
            .getAttribute("href");
    visit("03-sync-history-failed", "/dashboard/sync?status=failed", "Sync history");
    String detail =
        visit("04-run-detail", invoiceRun.substring(invoiceRun.indexOf("/dashboard/")), "Sync run");
    assertThat(detail).contains("Store said").contains("succeeded");
    visit("05-dead-letters", "/dashboard/dead-letters", "Dead letters");
    visit("06-bindings", "/dashboard/bindings", "Bindings");
    visit("07-settings", "/dashboard/settings/" + world.env.tenant(), "Settings");
    visit("08-audit-log", "/dashboard/audit", "Audit log");

    press("Sign out");
    signIn(world.adminUrl(), ConsoleWorld.MERCHANT, ConsoleWorld.PASSWORD);
    String merchant = visit("09-merchant-sync-history", "/dashboard/sync", "Sync history");
    assertThat(merchant).contains("shopkeeper (merchant");
    assertThat(driver.findElements(By.id("f-tenant"))).isEmpty();
  }
}
