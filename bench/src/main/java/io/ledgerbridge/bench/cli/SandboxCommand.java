package io.ledgerbridge.bench.cli;

import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sandbox}: the sandbox Sage and the sandbox store alone, with known credentials printed, so
 * an operator can rehearse a real configuration against them: start a chassis with the printed
 * {@code LEDGER_*} settings, pair the store with the printed code, connect Sage in a browser.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description =
        "Start the sandbox Sage and an unpaired sandbox store on loopback and print what a chassis"
            + " needs to use them: the Sage OAuth client (id and secret you choose or the defaults),"
            + " its URLs as LEDGER_* settings, the store's URL and a pairing code (valid 30"
            + " minutes). Runs until Ctrl-C.")
final class SandboxCommand implements Callable<Integer> {
  static final String DEFAULT_CLIENT_ID = "ledgerbridge-sandbox";
  static final String DEFAULT_CLIENT_SECRET = "sandbox-client-secret";

  @Option(
      names = "--sage-port",
      defaultValue = "0",
      description = "Port of the sandbox Sage (default: any free port)")
  int sagePort;

  @Option(
      names = "--store-port",
      defaultValue = "0",
      description = "Port of the sandbox store (default: any free port)")
  int storePort;

  @Option(
      names = "--client-id",
      defaultValue = DEFAULT_CLIENT_ID,
      description = "OAuth client id registered with the sandbox Sage (default: ${DEFAULT-VALUE})")
  String clientId;

  @Option(
      names = "--client-secret",
      defaultValue = DEFAULT_CLIENT_SECRET,
      description = "Its client secret (default: ${DEFAULT-VALUE}; a sandbox, not a secret)")
  String clientSecret;

  @Option(
      names = "--chassis-url",
      defaultValue = "http://127.0.0.1:8080",
      description =
          "The chassis's LEDGER_PUBLIC_URL, for the redirect URI registered with the sandbox Sage"
              + " (default: ${DEFAULT-VALUE})")
  String chassisUrl;

  /** Counted down by Ctrl-C (or a test) to stop the sandboxes. */
  final CountDownLatch stop = new CountDownLatch(1);

  /** Where the settings are printed (tests read them). */
  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (sagePort < 0 || sagePort > 65535 || storePort < 0 || storePort > 65535) {
      throw new IllegalArgumentException("ports must be between 0 and 65535");
    }
    String publicUrl = chassisUrl.trim().replaceAll("/+$", "");
    SandboxSageConfig d = SandboxSageConfig.defaults();
    SandboxSage sage =
        SandboxSage.start(
            new SandboxSageConfig(
                d.openApiDir(),
                d.clock(),
                d.host(),
                sagePort,
                d.threads(),
                d.defaultBusinessId(),
                d.defaultBusinessCountry(),
                d.defaultBaseCurrency(),
                d.accountsStartDate(),
                d.seed(),
                d.rejectUnknownProperties(),
                d.authorizePath()));
    SandboxStore store = null;
    try {
      sage.registerClient(clientId, clientSecret, publicUrl + "/oauth/sage/callback");
      store = SandboxStore.startUnpaired(SandboxStoreConfig.unpaired().port(storePort).build());
      print(sage, store, publicUrl, out);
      Thread hook = new Thread(stop::countDown, "sandbox-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stop.await();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down
        }
      }
      return 0;
    } finally {
      if (store != null) {
        store.close();
      }
      sage.close();
    }
  }

  private void print(SandboxSage sage, SandboxStore store, String publicUrl, PrintStream out) {
    out.println("sandbox Sage and store running; Ctrl-C stops them.");
    out.println();
    out.println("# the chassis's settings (as environment variables)");
    out.println("LEDGER_PUBLIC_URL=" + publicUrl);
    out.println("LEDGER_SAGE_CLIENT_ID=" + clientId);
    out.println("LEDGER_SAGE_CLIENT_SECRET=" + clientSecret);
    out.println("LEDGER_SAGE_AUTHORIZE_URL=" + sage.authorizeUrl());
    out.println("LEDGER_SAGE_TOKEN_URL=" + sage.tokenUrl());
    out.println("LEDGER_SAGE_REVOKE_URL=" + sage.revokeUrl());
    out.println("LEDGER_SAGE_API_URL=" + sage.apiBaseUrl());
    out.println();
    out.println("# the store (its admin: " + store.baseUrl() + "/)");
    out.println("store URL:    " + store.baseUrl());
    out.println("pairing code: " + store.generatePairingCode() + " (30 minutes, once)");
    out.println(
        "pair it:      ledgerbridge bindings connect --magento-url "
            + store.baseUrl()
            + " --pairing-code <code>");
    out.println("Sage business: " + sage.defaultBusinessId() + " (GB, GBP), consent is automatic");
  }
}
