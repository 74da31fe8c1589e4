package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.ports.service.SyncStateBackfillService;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sync-state backfill}: tell a store again what the chassis knows of its entities. */
@Command(
    name = "sync-state",
    mixinStandardHelpOptions = true,
    description = "The sync state the store's admin grid shows.",
    subcommands = {SyncStateCommand.Backfill.class})
final class SyncStateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "backfill",
      mixinStandardHelpOptions = true,
      description = {
        "Push the combined sync state of every entity the chassis has ended runs for to the"
            + " store again (for a store that lost its sync-state table). Each entity is sent the"
            + " state of all its events together, as the worker sends it."
      })
  static final class Backfill implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--tenant-id", required = true, description = "The binding whose store to tell")
    String tenantId;

    @Option(
        names = "--since",
        paramLabel = "DATE",
        description =
            "Only entities with a run that ended at or after this date (2026-01-31, UTC) or"
                + " instant; default: every entity")
    Instant since;

    @Option(names = "--json", description = "Print the summary as JSON")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<String> failures = new ArrayList<>();
      SyncStateBackfillService.Summary s;
      try (Chassis chassis = Cli.open();
          ProgressBar bar = ProgressBar.start("pushing", 0)) {
        s =
            chassis
                .syncStateBackfill()
                .backfill(
                    tenantId,
                    since,
                    new SyncStateBackfillService.Progress() {
                      @Override
                      public void started(int total) {
                        bar.total(total);
                      }

                      @Override
                      public void done(SyncStateBackfillService.Outcome o) {
                        if (o instanceof SyncStateBackfillService.Failed) {
                          failures.add(
                              o.entity().type().name().toLowerCase(java.util.Locale.ROOT)
                                  + " "
                                  + o.entity().storeEntityId()
                                  + ": "
                                  + ((SyncStateBackfillService.Failed) o).message());
                        }
                        bar.step();
                      }
                    });
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant_id", tenantId);
        m.put("entities", s.entities());
        m.put("pushed", s.pushed());
        m.put("skipped", s.skipped());
        m.put("failed", s.failed());
        m.put("failures", failures);
        Cli.printJson(out, m);
      } else {
        failures.forEach(err::println);
        err.flush();
        out.println(
            "tenant "
                + tenantId
                + ": "
                + s.entities()
                + " entities, "
                + s.pushed()
                + " pushed, "
                + s.skipped()
                + " skipped, "
                + s.failed()
                + " failed");
        out.flush();
      }
      return s.failed() > 0 ? 1 : 0;
    }
  }
}
