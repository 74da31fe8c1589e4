package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.PolicyJson;
import io.ledgerbridge.app.config.SettingsDocument;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.binding.BindingUrls;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyValidator;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import io.ledgerbridge.ports.in.DisconnectBindingUseCase;
import io.ledgerbridge.ports.in.ManagePolicyUseCase;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bindings add|list|policy|refresh-reference|pause|resume|connect|sage-connect|disconnect}:
 * manage store-to-Sage bindings, by the connect flows (pairing, Sage OAuth) or without them ({@code
 * add}, for automation).
 */
@Command(
    name = "bindings",
    mixinStandardHelpOptions = true,
    description = "Manage bindings (one store connected to one Sage business).",
    subcommands = {
      BindingsCommand.Add.class,
      BindingsCommand.ListBindings.class,
      BindingsCommand.Policy.class,
      BindingsCommand.RefreshReference.class,
      BindingsCommand.Pause.class,
      BindingsCommand.Resume.class,
      BindingsCommand.Connect.class,
      BindingsCommand.SageConnect.class,
      BindingsCommand.Disconnect.class
    })
final class BindingsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Reads a secret option: a literal, or {@code env:NAME} to read environment variable NAME. */
  static String secret(String value, String option) {
    if (value != null && value.startsWith("env:")) {
      String v = System.getenv(value.substring(4));
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException(
            option + ": environment variable " + value.substring(4) + " is not set");
      }
      return v;
    }
    return value;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Register a binding. Works while serve is running. Secret options accept env:NAME to"
              + " read the value from an environment variable instead of the command line.")
  static final class Add implements Callable<Integer> {
    @Option(names = "--tenant-id", required = true, description = "Tenant id the store signs with")
    String tenantId;

    @Option(
        names = "--api-key",
        required = true,
        description = "Store master api_key (or env:NAME)")
    String apiKey;

    @Option(names = "--magento-url", required = true, description = "Store base URL")
    String magentoUrl;

    @Option(
        names = "--sage-api-url",
        defaultValue = Binding.DEFAULT_SAGE_API_URL,
        description = "Sage API base (default: ${DEFAULT-VALUE})")
    String sageApiUrl;

    @Option(
        names = "--sage-token-url",
        defaultValue = Binding.DEFAULT_SAGE_TOKEN_URL,
        description = "Sage OAuth token URL (default: ${DEFAULT-VALUE})")
    String sageTokenUrl;

    @Option(names = "--sage-client-id", required = true, description = "Sage OAuth client id")
    String sageClientId;

    @Option(names = "--sage-client-secret", required = true, description = "(or env:NAME)")
    String sageClientSecret;

    @Option(names = "--sage-refresh-token", required = true, description = "(or env:NAME)")
    String sageRefreshToken;

    @Option(names = "--sage-business-id", required = true, description = "Value of X-Business")
    String sageBusinessId;

    @Option(
        names = "--business-country",
        defaultValue = "GB",
        description = "Country of the Sage business (default: ${DEFAULT-VALUE})")
    String businessCountry;

    @Option(
        names = "--base-currency",
        defaultValue = "GBP",
        description = "Base currency of the Sage business (default: ${DEFAULT-VALUE})")
    String baseCurrency;

    @Option(
        names = "--policy",
        required = true,
        description =
            "Sync policy JSON file (knobs of the sync policy; default_ledger_account_id is required)")
    Path policyFile;

    @Override
    public Integer call() {
      SyncPolicy policy = PolicyJson.read(policyFile);
      Binding binding =
          new Binding(
              tenantId,
              magentoUrl,
              sageApiUrl,
              sageTokenUrl,
              sageBusinessId,
              businessCountry,
              baseCurrency,
              BindingStatus.ACTIVE,
              Instant.now());
      BindingSecrets secrets =
          new BindingSecrets(
              secret(apiKey, "--api-key"),
              sageClientId,
              secret(sageClientSecret, "--sage-client-secret"));
      try (Chassis chassis = Cli.open()) {
        chassis
            .registration()
            .register(
                new RegisterBindingCommand(
                    binding, secrets, secret(sageRefreshToken, "--sage-refresh-token"), policy));
        System.out.println("binding " + tenantId + " added");
        refreshAfterAdd(chassis, tenantId);
      }
      return 0;
    }

    /** Fetches reference data right away; a failure leaves the binding in place and says so. */
    private static void refreshAfterAdd(Chassis chassis, String tenantId) {
      try {
        ReferenceData data = chassis.refreshReference().refresh(tenantId);
        System.out.println("reference data fetched: " + summary(data));
        List<FieldError> errors =
            PolicyValidator.validate(chassis.managePolicy().current(tenantId).policy(), data);
        for (FieldError e : errors) {
          System.out.println("warning: policy " + e.field() + ": " + e.code() + ": " + e.message());
        }
      } catch (RuntimeException e) {
        System.out.println(
            "warning: could not fetch Sage reference data yet ("
                + e.getMessage()
                + "); run 'bindings refresh-reference --tenant-id "
                + tenantId
                + "' later");
      }
    }
  }

  static String summary(ReferenceData d) {
    return d.taxRates().size()
        + " tax rates, "
        + d.ledgerAccounts().size()
        + " ledger accounts, "
        + d.bankAccounts().size()
        + " bank accounts, "
        + d.currencies().size()
        + " currencies, base currency "
        + d.baseCurrency();
  }

  @Command(
      name = "refresh-reference",
      mixinStandardHelpOptions = true,
      description =
          "Fetch the binding's Sage reference data (tax rates, ledger and bank accounts,"
              + " currencies, financial settings) now.")
  static final class RefreshReference implements Callable<Integer> {
    @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        System.out.println(
            "reference data fetched: " + summary(chassis.refreshReference().refresh(tenantId)));
      }
      return 0;
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description =
          "Stop syncing a binding. The store's events are still accepted and held (waiting);"
              + " nothing is posted to Sage until 'bindings resume'.")
  static final class Pause implements Callable<Integer> {
    @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        chassis.registration().changeStatus(tenantId, BindingStatus.PAUSED);
      }
      System.out.println("binding " + tenantId + " paused: events are held until it is resumed");
      return 0;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Sync a paused binding again. Held events go on within a minute, in order. (A"
              + " disconnected binding is paired again with 'bindings connect', a revoked one"
              + " reconnected with 'bindings sage-connect'.)")
  static final class Resume implements Callable<Integer> {
    @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        chassis.registration().changeStatus(tenantId, BindingStatus.ACTIVE);
      }
      System.out.println("binding " + tenantId + " active: held events sync within a minute");
      return 0;
    }
  }

  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      description = "Read or replace a binding's sync policy.",
      subcommands = {Policy.Get.class, Policy.Set.class})
  static final class Policy implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Print the current policy as JSON.")
    static final class Get implements Callable<Integer> {
      @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
      String tenantId;

      @Override
      public Integer call() {
        try (Chassis chassis = Cli.open()) {
          PolicySnapshot snapshot = chassis.managePolicy().current(tenantId);
          System.err.println("version " + snapshot.version());
          System.out.println(PolicyJson.write(snapshot.policy()));
        }
        return 0;
      }
    }

    @Command(
        name = "set",
        mixinStandardHelpOptions = true,
        description =
            "Validate a policy file against the binding's reference data and save it as a new version.")
    static final class Set implements Callable<Integer> {
      @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
      String tenantId;

      @Option(names = "--file", required = true, description = "Policy JSON file")
      Path file;

      @Override
      public Integer call() {
        Map<String, Object> knobs = SettingsDocument.read(file);
        try (Chassis chassis = Cli.open()) {
          ManagePolicyUseCase.SaveResult result = chassis.managePolicy().replace(tenantId, knobs);
          if (result instanceof ManagePolicyUseCase.Saved saved) {
            System.out.println("policy saved as version " + saved.snapshot().version());
            return 0;
          }
          for (FieldError e : ((ManagePolicyUseCase.Rejected) result).errors()) {
            System.err.println("error: " + e.field() + ": " + e.code() + ": " + e.message());
          }
          return 1;
        }
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List bindings (no secrets).")
  static final class ListBindings implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the bindings as JSON")
    boolean json;

    @Override
    public Integer call() {
      List<Binding> all;
      try (Chassis chassis = Cli.open()) {
        all = chassis.registration().list();
      }
      java.io.PrintWriter out = spec.commandLine().getOut();
      if (json) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Binding b : all) {
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          m.put("tenant_id", b.tenantId());
          m.put("status", b.status().db());
          m.put("sage_business_id", b.sageBusinessId());
          m.put("magento_base_url", BindingUrls.withoutCredentials(b.magentoBaseUrl()));
          m.put("sage_api_url", BindingUrls.withoutCredentials(b.sageApiUrl()));
          m.put("created_at", b.createdAt().toString());
          rows.add(m);
        }
        Cli.printJson(out, rows);
        return 0;
      }
      Table t = new Table("TENANT", "STATUS", "SAGE BUSINESS", "STORE", "SAGE API");
      for (Binding b : all) {
        t.row(
            b.tenantId(),
            b.status().db(),
            b.sageBusinessId(),
            BindingUrls.withoutCredentials(b.magentoBaseUrl()),
            BindingUrls.withoutCredentials(b.sageApiUrl()));
      }
      t.print(out);
      return 0;
    }
  }

  @Command(
      name = "connect",
      mixinStandardHelpOptions = true,
      description =
          "Pair a store: enter the pairing code its admin generated (Stores > Configuration >"
              + " Byte8 > Sage Accounting > Generate pairing code; valid 30 minutes, once). The"
              + " chassis makes up the tenant id and a 256-bit api key and hands them to the store;"
              + " the binding then waits for its Sage connection (bindings sage-connect). A store"
              + " already bound is paired again: its key rotates, its history stays.")
  static final class Connect implements Callable<Integer> {
    @Option(names = "--magento-url", required = true, description = "Store base URL")
    String magentoUrl;

    @Option(
        names = "--pairing-code",
        required = true,
        description = "The code the store's admin shows (or env:NAME)")
    String pairingCode;

    @Option(
        names = "--tenant-id",
        description =
            "Pair this existing binding again, under a new store URL (a store that moved)")
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        ConnectStoreUseCase.PairingResult result =
            chassis
                .connectStore()
                .pair(
                    new ConnectStoreUseCase.PairCommand(
                        magentoUrl, secret(pairingCode, "--pairing-code"), tenantId));
        if (result instanceof ConnectStoreUseCase.Paired p) {
          System.out.println(
              (p.repaired() ? "store paired again" : "store paired")
                  + ": tenant "
                  + p.tenantId()
                  + ", status "
                  + p.status().db());
          if (p.status() == BindingStatus.PENDING_SAGE) {
            System.out.println(
                "next: connect Sage with 'bindings sage-connect --tenant-id " + p.tenantId() + "'");
          }
          return 0;
        }
        if (result instanceof ConnectStoreUseCase.Refused r) {
          System.err.println(
              "error: "
                  + r.reason().name().toLowerCase(java.util.Locale.ROOT)
                  + ": "
                  + r.message());
          return 1;
        }
        System.err.println(
            "error: store unavailable: "
                + ((ConnectStoreUseCase.StoreUnavailable) result).message());
        return 3;
      }
    }
  }

  @Command(
      name = "sage-connect",
      mixinStandardHelpOptions = true,
      description =
          "Connect a paired binding to Sage (or reconnect one whose token was revoked). Prints the"
              + " link to open in a browser and waits until the binding is active (the running"
              + " chassis serves the callback). Headless: open the printed Sage URL anywhere, then"
              + " run again with --code set to the code parameter of the URL Sage redirected to.")
  static final class SageConnect implements Callable<Integer> {
    @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
    String tenantId;

    @Option(
        names = "--code",
        description = "Authorization code from the callback URL (or env:NAME)")
    String code;

    @Option(
        names = "--business-id",
        description = "Which Sage business, when the user has several (with --code)")
    String businessId;

    @Option(
        names = "--wait-seconds",
        defaultValue = "600",
        description =
            "How long to wait for the browser flow (default: ${DEFAULT-VALUE}; 0: do not wait)")
    int waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
      try (Chassis chassis = Cli.open()) {
        ConnectSageUseCase sage = chassis.connectSage();
        if (code != null) {
          return report(sage, sage.connectWithCode(tenantId, secret(code, "--code"), businessId));
        }
        String link;
        String direct;
        try {
          link = sage.connectLink(tenantId);
          direct = sage.authorizeUrlForOperator(tenantId);
        } catch (IllegalStateException e) {
          System.err.println("error: " + e.getMessage());
          return 1;
        }
        System.out.println("Open this link in a browser to connect Sage (valid 24 hours):");
        System.out.println("  " + link);
        System.out.println(
            "Or, without a browser reaching this chassis, open this Sage URL anywhere (valid 30"
                + " minutes) and pass the code of the URL it ends on with --code:");
        System.out.println("  " + direct);
        if (waitSeconds <= 0) {
          return 0;
        }
        BindingStatus startedAs = binding(chassis, tenantId).status();
        if (startedAs == BindingStatus.ACTIVE || startedAs == BindingStatus.PAUSED) {
          // its tokens rotate on every refresh, so nothing here tells a new sign-in from one
          System.out.println(
              "binding "
                  + tenantId
                  + " is "
                  + startedAs.db()
                  + " and connected already; the link connects it again (not waiting)");
          return 0;
        }
        System.out.println("Waiting for the Sage sign-in to complete ...");
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
          Binding b = binding(chassis, tenantId);
          if (b.status() == BindingStatus.ACTIVE && b.hasSageBusiness()) {
            System.out.println(
                "binding "
                    + tenantId
                    + " is active: connected to Sage business "
                    + b.sageBusinessId());
            return 0;
          }
          Thread.sleep(1000);
        }
        System.err.println("error: the binding did not become active within " + waitSeconds + " s");
        return 2;
      }
    }

    private static Binding binding(Chassis chassis, String tenantId) {
      return chassis.registration().list().stream()
          .filter(x -> x.tenantId().equals(tenantId))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no binding " + tenantId));
    }

    private int report(ConnectSageUseCase sage, ConnectSageUseCase.Outcome outcome) {
      if (outcome instanceof ConnectSageUseCase.Connected c) {
        System.out.println(
            "binding "
                + c.tenantId()
                + " connected to Sage business "
                + c.businessId()
                + " ("
                + c.businessName()
                + ")");
        c.warnings().forEach(w -> System.out.println("warning: " + w));
        return 0;
      }
      if (outcome instanceof ConnectSageUseCase.ChooseBusiness c) {
        System.out.println("The Sage user reaches several businesses:");
        c.businesses().forEach(b -> System.out.println("  " + b.id() + "  " + b.name()));
        System.out.print("business id to connect (within 15 minutes): ");
        System.out.flush();
        String chosen;
        try {
          chosen =
              new java.io.BufferedReader(
                      new java.io.InputStreamReader(
                          System.in, java.nio.charset.StandardCharsets.UTF_8))
                  .readLine();
        } catch (java.io.IOException e) {
          chosen = null;
        }
        if (chosen == null || chosen.isBlank()) {
          System.err.println(
              "error: no business chosen; sign in again and pass --business-id with the code");
          return 2;
        }
        return report(sage, sage.choose(c.selectionToken(), chosen.trim()));
      }
      ConnectSageUseCase.Failed f = (ConnectSageUseCase.Failed) outcome;
      System.err.println(
          "error: " + f.problem().name().toLowerCase(java.util.Locale.ROOT) + ": " + f.message());
      return 1;
    }
  }

  @Command(
      name = "disconnect",
      mixinStandardHelpOptions = true,
      description =
          "Disconnect a binding: its Sage refresh token is revoked and forgotten, it stops"
              + " syncing; its history and Sage cross-references stay, so pairing it again creates"
              + " no duplicates. The store is not told: its events are held until it is paired"
              + " again.")
  static final class Disconnect implements Callable<Integer> {
    @Option(names = "--tenant-id", required = true, description = "Tenant id of the binding")
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        DisconnectBindingUseCase.Disconnected d =
            chassis.disconnect().disconnect(tenantId, DisconnectBindingUseCase.Side.OPERATOR);
        System.out.println(
            "binding "
                + tenantId
                + (d.alreadyDisconnected() ? " was already disconnected" : " disconnected")
                + (d.sageRevoked()
                    ? "; Sage refresh token revoked"
                    : "; no Sage token was revoked (none held, or Sage did not answer)"));
      }
      return 0;
    }
  }
}
