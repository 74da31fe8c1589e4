package io.ledgerbridge.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.bench.demo.Browser;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.bench.reliability.faults.ChassisChildren;
import io.ledgerbridge.bench.reliability.faults.ChassisChildren.CliResult;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import io.ledgerbridge.sandbox.store.SyncState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's onboarding from the command line, each command a separate process against a
 * running chassis (web and worker processes) on PostgreSQL: {@code bindings connect} with the
 * store's pairing code, {@code bindings sage-connect} waiting while a browser follows its link,
 * {@code bindings disconnect}, and the headless {@code sage-connect --code}; the store's invoices
 * then sync. Secrets are passed as {@code env:NAME}, never on the command line.
 */
class ConnectCommandLineIT {
  private static final String PG_URL =
      env("LEDGER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = env("LEDGER_TEST_PG_USER", "postgres");
  private static final String CLIENT_ID = "ledgerbridge-cli-e2e";
  private static final String CLIENT_SECRET = "cli-e2e-client-secret-0123456789";
  private static final Pattern TENANT = Pattern.compile("store paired(?: again)?: tenant (\\S+),");
  private static final Pattern LINK = Pattern.compile("(http://\\S+/oauth/sage/start\\?\\S+)");
  private static final Pattern DIRECT = Pattern.compile("(http://\\S+/oauth2/auth/central\\?\\S+)");
  private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

  private SandboxSage sage;
  private SandboxStore store;
  private ChassisChildren chassis;

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  @BeforeEach
  void start() {
    sage = SandboxSage.start(SandboxSageConfig.defaults());
    store = SandboxStore.startUnpaired(SandboxStoreConfig.unpaired().backoffScale(0.01).build());
    chassis =
        new ChassisChildren(
            PG_URL,
            PG_USER,
            System.getenv("LEDGER_TEST_PG_PASSWORD"),
            null,
            Path.of("target", "cli-e2e"),
            Map.of("LEDGER_HELD_RECHECK_SECONDS", "1"));
    sage.registerClient(CLIENT_ID, CLIENT_SECRET, chassis.webUrl() + "/oauth/sage/callback");
    chassis.putEnv("LEDGER_PUBLIC_URL", chassis.webUrl());
    chassis.putEnv("LEDGER_SAGE_CLIENT_ID", CLIENT_ID);
    chassis.putEnv("LEDGER_SAGE_CLIENT_SECRET", CLIENT_SECRET);
    chassis.putEnv("LEDGER_SAGE_AUTHORIZE_URL", sage.authorizeUrl());
    chassis.putEnv("LEDGER_SAGE_TOKEN_URL", sage.tokenUrl());
    chassis.putEnv("LEDGER_SAGE_REVOKE_URL", sage.revokeUrl());
    chassis.putEnv("LEDGER_SAGE_API_URL", sage.apiBaseUrl());
    chassis.start("web", "worker");
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {chassis, store, sage}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  void anOperatorOnboardsDisconnectsAndReconnectsAStoreFromTheCommandLine() throws Exception {
    // a wrong code: a clear one-line error, exit 1, nothing bound
    CliResult wrong = connect("00000000000000000000000000000000");
    assertThat(wrong.exitCode()).as(wrong.stderr()).isEqualTo(1);
    assertThat(wrong.stderr())
        .containsPattern("(?m)^error: invalid_pairing_code: the store refused the pairing code")
        .doesNotContain("Exception");

    CliResult paired = connect(store.generatePairingCode());
    assertThat(paired.exitCode()).as(paired.stderr()).isZero();
    assertThat(paired.stdout()).contains("status pending_sage").contains("bindings sage-connect");
    String tenant = group(TENANT, paired.stdout());
    assertThat(store.isConnected()).isTrue();
    assertThat(store.tenantId()).isEqualTo(tenant);

    // the browser way: the command prints the link and waits until the callback made it active
    Process waiting =
        chassis.startCli(
            Map.of(), "bindings", "sage-connect", "--tenant-id", tenant, "--wait-seconds", "60");
    String link = awaitOutput(waiting, LINK);
    Browser.Page page = new Browser().get(link);
    assertThat(page.says("Connected to Sage")).as(page.body()).isTrue();
    CliResult connected = chassis.awaitCli(waiting, Duration.ofSeconds(60));
    assertThat(connected.exitCode()).as(connected.stderr()).isZero();
    assertThat(connected.stdout())
        .contains(
            "binding "
                + tenant
                + " is active: connected to Sage business "
                + sage.defaultBusinessId());

    long first = store.raiseInvoice(SampleInvoices.all().get(0).invoice());
    assertThat(awaitSynced(first).syncStatus()).isEqualTo("synced");

    // the operator disconnects: Sage's token is revoked, the store is not told
    int revoked = sage.revokedTokens();
    CliResult disconnected = chassis.cli(Map.of(), "bindings", "disconnect", "--tenant-id", tenant);
    assertThat(disconnected.exitCode()).as(disconnected.stderr()).isZero();
    assertThat(disconnected.stdout())
        .contains("binding " + tenant + " disconnected; Sage refresh token revoked");
    assertThat(sage.revokedTokens()).isEqualTo(revoked + 1);
    assertThat(store.isConnected()).isTrue();
    CliResult again = chassis.cli(Map.of(), "bindings", "disconnect", "--tenant-id", tenant);
    assertThat(again.stdout()).contains("was already disconnected");

    // pairing again keeps the tenant; then Sage headless: the Sage URL opened elsewhere, the code
    // of the URL Sage ends on pasted back
    CliResult repaired = connect(store.generatePairingCode());
    assertThat(repaired.exitCode()).as(repaired.stderr()).isZero();
    assertThat(repaired.stdout()).contains("store paired again: tenant " + tenant);
    CliResult links =
        chassis.cli(
            Map.of(), "bindings", "sage-connect", "--tenant-id", tenant, "--wait-seconds", "0");
    assertThat(links.exitCode()).as(links.stderr()).isZero();
    Browser.Page atSage = new Browser(false).get(group(DIRECT, links.stdout()));
    assertThat(atSage.status()).isEqualTo(302);
    String code = group(CODE, atSage.location());
    CliResult withCode =
        chassis.cli(
            Map.of("SAGE_CODE", code),
            "bindings",
            "sage-connect",
            "--tenant-id",
            tenant,
            "--code",
            "env:SAGE_CODE");
    assertThat(withCode.exitCode()).as(withCode.stderr()).isZero();
    assertThat(withCode.stdout())
        .contains("binding " + tenant + " connected to Sage business " + sage.defaultBusinessId());
    // the code is single use: pasting it again is refused with a clear error
    CliResult replay =
        chassis.cli(
            Map.of("SAGE_CODE", code),
            "bindings",
            "sage-connect",
            "--tenant-id",
            tenant,
            "--code",
            "env:SAGE_CODE");
    assertThat(replay.exitCode()).isEqualTo(1);
    assertThat(replay.stderr()).containsPattern("(?m)^error: ").doesNotContain("Exception");

    long second = store.raiseInvoice(SampleInvoices.all().get(0).invoice());
    assertThat(awaitSynced(second).syncStatus()).isEqualTo("synced");
    assertThat(sage.salesInvoices(sage.defaultBusinessId())).hasSize(2);
    assertThat(sage.contacts(sage.defaultBusinessId())).hasSize(1);

    List<String> everything =
        List.of(paired.stdout(), paired.stderr(), withCode.stdout(), withCode.stderr());
    assertThat(String.join("\n", everything)).doesNotContain(CLIENT_SECRET).doesNotContain(code);
  }

  private CliResult connect(String code) {
    return chassis.cli(
        Map.of("PAIRING_CODE", code),
        "bindings",
        "connect",
        "--magento-url",
        store.baseUrl(),
        "--pairing-code",
        "env:PAIRING_CODE");
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text == null ? "" : text);
    assertThat(m.find()).as(p + " in:\n" + text).isTrue();
    return m.group(1);
  }

  private String awaitOutput(Process cli, Pattern p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = p.matcher(chassis.cliOutput(cli));
      if (m.find()) {
        return m.group(1);
      }
      if (!cli.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never printed " + p + ":\n" + chassis.cliOutput(cli));
  }

  private SyncState awaitSynced(long invoiceId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<SyncState> s = store.syncState("invoice", invoiceId);
      if (s.isPresent() && !"pending".equals(s.get().syncStatus())) {
        return s.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("invoice " + invoiceId + " never ended");
  }
}
