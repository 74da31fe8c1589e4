package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.config.AppConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ledgerbridge} command line: the chassis's roles and its operator commands. */
@Command(
    name = "ledgerbridge",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Magento 2 to Sage Business Cloud Accounting sync engine.",
    subcommands = {
      RoleCommands.ServeCommand.class,
      RoleCommands.WebCommand.class,
      RoleCommands.WorkerCommand.class,
      RoleCommands.RelayCommand.class,
      BindingsCommand.class,
      PreviewCliCommand.class,
      RunsCommand.class,
      UsersCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    try {
      configureProcess();
    } catch (AppConfig.ConfigException e) {
      // logging is not set up: said like any other configuration error, on stderr
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.exit(run(args));
  }

  /**
   * What a launcher of this jar sets up once, before anything logs: logging to stderr ({@link
   * LogSetup}), the JDK's own logging routed to it, and HTTP responses without Nagle delay in every
   * JDK HTTP server of the process. Library users configure their own logging instead.
   *
   * @throws AppConfig.ConfigException if {@code LEDGER_LOG_LEVEL} or {@code LEDGER_LOG_FORMAT} is
   *     not one of their values
   */
  public static void configureProcess() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    LogSetup.configure(System.getenv());
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
  }

  /** Runs the CLI and returns the exit code (for tests). */
  public static int run(String... args) {
    return withErrorHandling(new CommandLine(new Main())).execute(args);
  }

  /** An exception from a command prints {@code error: <message>} and exits 1, without a trace. */
  public static CommandLine withErrorHandling(CommandLine commandLine) {
    return commandLine.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("error: " + ex.getMessage());
          return 1;
        });
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ledgerbridge " + (v == null ? "dev" : v)};
    }
  }
}
