package io.ledgerbridge.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.sandbox.store.SyncState;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A synced invoice's run detail in a real browser: its exchanges with the store and Sage, a body
 * opened from its {@code <details>} without JavaScript, and the store said / Sage received tables.
 */
class RunDetailBrowserTest extends BrowserTestBase {
  private static ConsoleWorld world;
  private static String runId;
  private static String reference;

  @BeforeAll
  static void startWorld() throws Exception {
    world = ConsoleWorld.start(Files.createTempDirectory("lb-run-detail-"));
    SampleInvoices.Sample sample =
        SampleInvoices.all().stream()
            .filter(s -> s.label().startsWith("domestic GBP"))
            .findFirst()
            .orElseThrow();
    long id = world.env.store().raiseInvoice(sample.invoice());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    SyncState state = null;
    while (System.nanoTime() < deadline) {
      var s = world.env.store().syncState("invoice", id);
      if (s.isPresent() && !"pending".equals(s.get().syncStatus())) {
        state = s.get();
        break;
      }
      Thread.sleep(20);
    }
    assertThat(state).isNotNull();
    assertThat(state.syncStatus()).isEqualTo("synced");
    reference = state.providerReference();
    runId = world.env.store().syncRunId(id).orElseThrow();
  }

  @AfterAll
  static void stopWorld() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void showsTheRunsExchangesAndTheSideBySideFigures() {
    signIn(world.adminUrl(), ConsoleWorld.OPERATOR, ConsoleWorld.PASSWORD);
    open(world.adminUrl() + "/dashboard/sync/" + runId);

    assertThat(text())
        .contains("Sync run " + runId)
        .contains("Attempt 1: ok")
        .contains("fetch_invoice")
        .contains("find_contact")
        .contains("create_contact")
        .contains("create_sales_invoice")
        .contains("Store said / Sage received")
        .contains("Every figure agrees to the penny.");
    assertThat(driver.findElements(By.cssSelector("table.compare"))).hasSize(3);
    assertThat(driver.findElements(By.cssSelector(".diff"))).isEmpty();

    // the invoice POST's answer, opened from its <details> as a person would
    WebElement answer =
        driver.findElements(By.cssSelector("section.attempt details")).stream()
            .filter(d -> d.getText().startsWith("Answer"))
            .reduce((first, second) -> second)
            .orElseThrow();
    answer.findElement(By.tagName("summary")).click();
    assertThat(answer.findElement(By.tagName("pre")).getText()).contains(reference);
  }
}
