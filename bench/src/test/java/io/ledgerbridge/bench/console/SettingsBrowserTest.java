package io.ledgerbridge.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.binding.BindingStatus;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The settings and bindings pages in a real browser against a running chassis with the sandbox
 * Sage: an invalid value is refused beside its field, fixed, previewed and saved as a new version
 * that the history lists; a binding is paused and resumed from the bindings page.
 */
class SettingsBrowserTest extends BrowserTestBase {
  private static ConsoleWorld world;

  @BeforeAll
  static void startWorld() throws Exception {
    world = ConsoleWorld.start(Files.createTempDirectory("lb-console-settings-"));
  }

  @AfterAll
  static void stopWorld() {
    if (world != null) {
      world.close();
    }
  }

  @BeforeEach
  void signedInOperator() {
    forgetCookies(world.adminUrl());
    signIn(world.adminUrl(), ConsoleWorld.OPERATOR, ConsoleWorld.PASSWORD);
  }

  /** Presses a submit button and waits until the browser has left the page. */
  private static void submit(String label) {
    press(label);
  }

  /** Follows a link and waits until the browser has left the page. */
  private static void follow(String link) {
    clickAndWait(By.linkText(link));
  }

  private static String tenant() {
    return world.env.tenant();
  }

  private static int version() {
    return world.env.chassis().managePolicy().current(tenant()).version();
  }

  @Test
  void anInvalidValueIsShownBesideItsFieldThenFixedPreviewedAndSaved() {
    int before = version();
    open(world.adminUrl() + "/dashboard/settings");
    follow(tenant());

    assertThat(text())
        .contains(
            "Sync behaviour",
            "Default mappings",
            "Payment-method map",
            "Tax-rate map",
            "Commercial",
            "Multi-currency",
            "B2C consolidation");
    // the drop-downs come from the sandbox Sage's reference data
    assertThat(driver.findElement(By.id("f-default_tax_rate_id")).getTagName()).isEqualTo("select");
    assertThat(
            driver
                .findElement(By.id("f-default_tax_rate_id"))
                .findElements(By.tagName("option"))
                .size())
        .isGreaterThan(1);

    fill("f-invoice_number_prefix", "FAR-TOO-LONG-PREFIX");
    submit("Save as a new version");

    WebElement prefix = driver.findElement(By.id("f-invoice_number_prefix"));
    assertThat(prefix.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(prefix.getAttribute("value")).isEqualTo("FAR-TOO-LONG-PREFIX");
    assertThat(prefix.getAttribute("aria-describedby")).contains("f-invoice_number_prefix-error");
    assertThat(driver.findElement(By.id("f-invoice_number_prefix-error")).getText())
        .contains("19 characters");
    assertThat(version()).isEqualTo(before);

    fill("f-invoice_number_prefix", "LB-");
    submit("Preview (not saved)");

    assertThat(text())
        .contains("Preview under the edited settings (not saved)")
        .contains("Sample: ")
        .containsPattern("\"reference\" : \"LB-[^\"]+\"");
    assertThat(driver.findElements(By.id("f-invoice_number_prefix-error"))).isEmpty();
    assertThat(driver.findElement(By.id("f-invoice_number_prefix")).getAttribute("value"))
        .isEqualTo("LB-");
    assertThat(version()).isEqualTo(before);

    submit("Save as a new version");

    assertThat(text()).contains("Saved as version " + (before + 1));
    assertThat(version()).isEqualTo(before + 1);
    assertThat(world.env.chassis().managePolicy().current(tenant()).policy().invoiceNumberPrefix())
        .isEqualTo("LB-");

    follow("Version history");
    assertThat(text()).contains("Show version " + (before + 1), "current");
    follow("Show version " + (before + 1));
    assertThat(text()).contains("\"invoice_number_prefix\" : \"LB-\"");
  }

  @Test
  void aBindingIsPausedAndResumedFromTheBindingsPage() {
    open(world.adminUrl() + "/dashboard/bindings");
    assertThat(text()).contains(tenant(), "connected");

    submit("Pause");

    assertThat(text()).contains("Binding " + tenant() + " is paused");
    assertThat(world.env.chassis().registration().list().get(0).status())
        .isEqualTo(BindingStatus.PAUSED);

    follow("Back to the bindings");
    assertThat(text()).contains("paused");
    submit("Resume");

    assertThat(text()).contains("Binding " + tenant() + " is active again");
    assertThat(world.env.chassis().registration().list().get(0).status())
        .isEqualTo(BindingStatus.ACTIVE);
  }
}
