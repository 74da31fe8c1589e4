package io.ledgerbridge.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's manners, without a database: bad input ends in one line naming what is wrong
 * (and, for a closed set of values, what is right) with exit code 2, and every option says what it
 * is for.
 */
class CommandLineErrorsTest {

  private record Result(int exit, String out, String err) {}

  private static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "runs retry --run-id not-a-uuid|'not-a-uuid' is not an id|ledgerbridge runs retry --help",
        "runs list --status nope|'nope' is not one of queued, running, retry_scheduled, waiting,"
            + " succeeded, skipped_by_policy, failed|ledgerbridge runs list --help",
        "runs list --event invoice.deleted|'invoice.deleted' is not one of invoice.created,"
            + " invoice.paid|ledgerbridge runs list --help",
        "outbox inspect --status stuck|'stuck' is not one of due, scheduled, leased, succeeded,"
            + " dead_lettered|ledgerbridge outbox inspect --help",
        "outbox cleanup --older-than soon|'soon' is not a duration|ledgerbridge outbox cleanup"
            + " --help",
        "outbox cleanup|Missing required option: '--older-than=AGE'|ledgerbridge outbox cleanup"
            + " --help",
        "runs retry --since yesterday --all-failed|'yesterday' is not a date|ledgerbridge runs"
            + " retry --help",
        "runs retry|say which runs|ledgerbridge runs retry --help",
        "runs retry --run-id 3f2b6c1e-8d4a-4f0b-9c53-2a7e1d9b6f10 --tenant-id t|cannot be combined"
            + "|ledgerbridge runs retry --help",
        "runs retry --all-failed --status succeeded|only failed runs can be retried|ledgerbridge"
            + " runs retry --help",
        "outbox requeue --status succeeded|only dead_lettered and leased|ledgerbridge outbox"
            + " requeue --help",
        "sync-state backfill|Missing required option|ledgerbridge sync-state backfill --help",
        "nonsense|Unmatched argument at index 0: 'nonsense'|ledgerbridge --help"
      })
  void badInputEndsInOneLineWithTheHelpCommandAndExitCode2(String args, String says, String help) {
    Result r = cli(args.split(" "));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Usage");
    assertThat(r.err()).startsWith("error: ").contains(says).contains("(try '" + help + "')");
  }

  @Test
  void everyOptionOfEveryCommandHasADescription() {
    List<String> missing = new ArrayList<>();
    walk(Main.commandLine(), missing);
    assertThat(missing).isEmpty();
  }

  private static void walk(CommandLine cl, List<String> missing) {
    CommandSpec spec = cl.getCommandSpec();
    for (OptionSpec o : spec.options()) {
      String text = String.join(" ", o.description()).strip();
      if (text.isEmpty()) {
        missing.add(spec.qualifiedName() + " " + o.longestName());
      }
    }
    if (String.join(" ", spec.usageMessage().description()).isBlank()) {
      missing.add(spec.qualifiedName() + " (the command itself)");
    }
    cl.getSubcommands().values().forEach(sub -> walk(sub, missing));
  }

  @Test
  void helpOfANewCommandListsTheValuesAnEnumOptionTakes() {
    Result r = cli("outbox", "inspect", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("due, scheduled, leased, succeeded, dead_lettered");
  }

  @Test
  void progressBarDrawsCountsAndPercentage() {
    assertThat(ProgressBar.render("pushing", 15, 60))
        .isEqualTo("pushing [#######                       ] 15/60 (25%)");
    assertThat(ProgressBar.render("pushing", 0, 0)).endsWith("0/0 (100%)");
  }

  @Test
  void tableColumnsAreAsWideAsTheirWidestCell() {
    StringWriter out = new StringWriter();
    new Table("A", "LONG HEADER", "LAST")
        .row("a-very-long-tenant-id", "x", "end")
        .row("b", null, "multi\nline")
        .print(new PrintWriter(out, true));
    assertThat(out.toString().split("\\R"))
        .containsExactly(
            "A                      LONG HEADER  LAST",
            "a-very-long-tenant-id  x            end",
            "b                      -            multi line");
  }
}
