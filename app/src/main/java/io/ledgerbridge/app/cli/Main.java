package io.ledgerbridge.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ledgerbridge} command line. */
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
      DemoCommand.class,
      PreviewCliCommand.class,
      RunsCommand.class,
      ReliabilityCommand.class,
      io.ledgerbridge.app.bench.BenchCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    // Send HTTP responses without Nagle delay in every JDK HTTP server of this process (the chassis
    // and, in the demo, the sandboxes): read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              cmd.getErr().println("error: " + ex.getMessage());
              return 1;
            })
        .execute(args);
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
