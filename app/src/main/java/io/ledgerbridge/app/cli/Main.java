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
      UsersCommand.class,
      OutboxCommand.class,
      SyncStateCommand.class
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
    return commandLine().execute(args);
  }

  /** The configured command line: converters, and the one-line handling of every error. */
  static CommandLine commandLine() {
    return withErrorHandling(Converters.registerAll(new CommandLine(new Main())));
  }

  /**
   * Errors end in one line on stderr, never a stack trace or the usage: an exception from a command
   * prints {@code error: <message>} and exits 1; a bad option or value prints {@code error: <what
   * is wrong> (try '<command> --help')} and exits 2.
   */
  public static CommandLine withErrorHandling(CommandLine commandLine) {
    return commandLine
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              cmd.getErr().println("error: " + message(ex));
              cmd.getErr().flush();
              return 1;
            })
        .setParameterExceptionHandler(
            (ex, args) -> {
              CommandLine cmd = ex.getCommandLine();
              cmd.getErr()
                  .println(
                      "error: "
                          + Table.oneLine(String.valueOf(ex.getMessage()))
                          + " (try '"
                          + cmd.getCommandSpec().qualifiedName()
                          + " --help')");
              cmd.getErr().flush();
              return cmd.getCommandSpec().exitCodeOnInvalidInput();
            });
  }

  private static String message(Exception ex) {
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : Table.oneLine(m);
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
