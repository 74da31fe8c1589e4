package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
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
 * {@code bindings add|list|policy|refresh-reference|pause|resume}: manage store-to-Sage bindings
 * without the pairing flow.
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
      BindingsCommand.Resume.class
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

    @Option(names = "--sage-client-id", required = true)
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
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
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
    @Option(names = "--tenant-id", required = true)
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
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
    @Option(names = "--tenant-id", required = true)
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
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
          "Sync a paused or disconnected binding again. Held events go on within a minute, in"
              + " order.")
  static final class Resume implements Callable<Integer> {
    @Option(names = "--tenant-id", required = true)
    String tenantId;

    @Override
    public Integer call() {
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
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
      @Option(names = "--tenant-id", required = true)
      String tenantId;

      @Override
      public Integer call() {
        try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
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
      @Option(names = "--tenant-id", required = true)
      String tenantId;

      @Option(names = "--file", required = true, description = "Policy JSON file")
      Path file;

      @Override
      public Integer call() {
        Map<String, Object> knobs = SettingsDocument.read(file);
        try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
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
    @Override
    public Integer call() {
      List<Binding> all;
      try (Chassis chassis = Chassis.open(AppConfig.fromEnvironment())) {
        all = chassis.registration().list();
      }
      String fmt = "%-24s %-8s %-34s %-40s %s%n";
      System.out.printf(fmt, "TENANT", "STATUS", "SAGE BUSINESS", "STORE", "SAGE API");
      for (Binding b : all) {
        System.out.printf(
            fmt,
            b.tenantId(),
            b.status().db(),
            b.sageBusinessId(),
            BindingUrls.withoutCredentials(b.magentoBaseUrl()),
            BindingUrls.withoutCredentials(b.sageApiUrl()));
      }
      return 0;
    }
  }
}
