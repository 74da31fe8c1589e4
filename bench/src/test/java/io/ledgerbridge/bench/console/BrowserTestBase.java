package io.ledgerbridge.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Console tests in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs when they are missing) driven by Selenium WebDriver. One browser
 * per test class; each test starts without cookies. When a test fails, a screenshot and the page's
 * HTML are written to {@code target/browser-screenshots/}.
 *
 * <p>The executables are {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} unless {@code
 * LEDGER_CHROMIUM} / {@code LEDGER_CHROMEDRIVER} name others; Selenium never downloads a browser.
 */
@ExtendWith(BrowserTestBase.ScreenshotOnFailure.class)
public abstract class BrowserTestBase {
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  protected static WebDriver driver;

  @BeforeAll
  static void startBrowser() throws IOException {
    String chromium = System.getenv().getOrDefault("LEDGER_CHROMIUM", "/usr/bin/chromium");
    String chromedriver =
        System.getenv().getOrDefault("LEDGER_CHROMEDRIVER", "/usr/bin/chromedriver");
    assertThat(Path.of(chromium))
        .as("Chromium is needed for the browser tests (apt-get install chromium chromium-driver)")
        .isExecutable();
    assertThat(Path.of(chromedriver))
        .as("ChromeDriver is needed for the browser tests (apt-get install chromium-driver)")
        .isExecutable();
    Path profile = Files.createTempDirectory("lb-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new java.io.File(chromedriver))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }

  /** Opens a URL and returns the page's visible text. */
  protected static String open(String url) {
    driver.get(url);
    return text();
  }

  /** The visible text of the current page. */
  protected static String text() {
    // a page still arriving has no body yet, or replaces the one just found
    return new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(By.tagName("body")).getText());
  }

  /** Forgets every cookie of the console's host (a fresh visitor). */
  protected static void forgetCookies(String adminUrl) {
    driver.get(adminUrl + "/login");
    driver.manage().deleteAllCookies();
  }

  /** Signs in through the sign-in form as a person would. */
  protected static void signIn(String adminUrl, String username, String password) {
    driver.get(adminUrl + "/login");
    fill("username", username);
    fill("password", password);
    clickAndWait(By.cssSelector("form.login button[type=submit]"));
  }

  /** Clicks the element (a submit button or a link) and waits for the next page. */
  protected static void clickAndWait(By what) {
    WebElement body = driver.findElement(By.tagName("body"));
    driver.findElement(what).click();
    waitUntilReplaced(body);
  }

  /** Clears and types into the input labelled by its id. */
  protected static void fill(String id, String value) {
    WebElement input = driver.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  /**
   * Clicks the submit button whose text is {@code label} (the first one) and waits for the page its
   * form leads to (every console button submits a form).
   */
  protected static void press(String label) {
    WebElement body = driver.findElement(By.tagName("body"));
    List<WebElement> buttons = driver.findElements(By.tagName("button"));
    for (WebElement b : buttons) {
      if (b.getText().trim().equals(label)) {
        b.click();
        waitUntilReplaced(body);
        return;
      }
    }
    throw new AssertionError("no button '" + label + "' on " + driver.getCurrentUrl());
  }

  /**
   * Waits until the browser has replaced the page {@code old} belongs to (after a click that
   * submits or navigates). Chromium sometimes answers a question about an element of the page being
   * replaced with "Node with given id does not belong to the document" instead of a stale element:
   * both mean the page is gone.
   */
  protected static void waitUntilReplaced(WebElement old) {
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
        .until(
            d -> {
              try {
                old.isEnabled();
                return false;
              } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return true;
              } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                  return true;
                }
                throw e;
              }
            });
  }

  /** The current path (without host). */
  protected static String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  /** Saves a screenshot and the HTML of the current page as {@code name}.png/.html. */
  static void capture(String name) {
    if (driver == null) {
      return;
    }
    try {
      Files.createDirectories(SCREENSHOTS);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
      Files.writeString(
          SCREENSHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      System.err.println("could not capture the page: " + e);
    }
  }

  /** Captures the page of a failed test before {@code @AfterEach} methods run. */
  static final class ScreenshotOnFailure implements AfterTestExecutionCallback {
    @Override
    public void afterTestExecution(ExtensionContext context) {
      if (context.getExecutionException().isPresent()) {
        capture(
            context.getRequiredTestClass().getSimpleName()
                + "-"
                + context.getRequiredTestMethod().getName());
      }
    }
  }
}
