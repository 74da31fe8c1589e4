package io.ledgerbridge.bench.cli;

import io.ledgerbridge.bench.load.BenchCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code ledgerbridge-tools}: what runs beside the chassis but is not part of it: the demo (the
 * chassis with a sandbox store and a sandbox Sage), the load drivers, the reliability suites and
 * the JMH micro-benchmarks. The production jar ({@code app/target/ledgerbridge.jar}) holds none of
 * it.
 */
@Command(
    name = "ledgerbridge-tools",
    mixinStandardHelpOptions = true,
    description =
        "Demo, load benchmarks, reliability suites and micro-benchmarks for ledgerbridge.",
    subcommands = {
      DemoCommand.class,
      SandboxCommand.class,
      BenchCommand.class,
      ReliabilityCommand.class,
      ToolsMain.Jmh.class
    })
public final class ToolsMain implements Runnable {

  public static void main(String[] args) {
    try {
      io.ledgerbridge.app.cli.Main.configureProcess();
    } catch (io.ledgerbridge.app.config.AppConfig.ConfigException e) {
      // a refused LEDGER_LOG_LEVEL or LEDGER_LOG_FORMAT: one line, as the chassis's own CLI says it
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (for tests). */
  public static int run(String... args) {
    return io.ledgerbridge.app.cli.Main.withErrorHandling(new CommandLine(new ToolsMain()))
        .execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** {@code jmh [JMH options]}: the JMH runner over the benchmarks in this jar. */
  @Command(
      name = "jmh",
      description =
          "Run the JMH micro-benchmarks of the hot paths; every argument goes to JMH"
              + " (e.g. jmh -f 1 -wi 3 -i 5 HotPath).")
  static final class Jmh implements Callable<Integer> {
    /** Everything after {@code jmh}, options included, goes to JMH unread. */
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      org.openjdk.jmh.Main.main(args.toArray(String[]::new));
      return 0;
    }
  }
}
