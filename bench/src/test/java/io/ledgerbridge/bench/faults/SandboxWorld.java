package io.ledgerbridge.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.bench.reliability.faults.ChassisChildren;
import io.ledgerbridge.bench.reliability.faults.ChassisChildren.Role;
import io.ledgerbridge.bench.reliability.faults.TcpProxy;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import io.ledgerbridge.sandbox.store.SyncState;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The test JVM's half of a fault test: the sandbox Sage (behind a {@link TcpProxy} that sees its
 * requests go by), the sandbox store pointed at the chassis' {@code web} process, the binding
 * between them registered in the chassis' database, and the invariant every fault test checks.
 */
final class SandboxWorld implements AutoCloseable {
  static final String TENANT = "fault-store";
  static final String CLIENT_ID = "ledgerbridge-faults";

  /** The request line of a sales invoice POST, as it crosses the Sage-side proxy. */
  static final String INVOICE_POST = "POST /v3.1/sales_invoices ";

  static final Duration WAIT = Duration.ofSeconds(90);

  /** One invoice the test raised in the store, and what the store must end up showing. */
  record Raised(long storeId, String label, String expectedStatus, String expectedDetail) {}

  /** What the invariant check saw, for the test's report. */
  record Summary(int invoices, int sageInvoices, int statusPushes, int repeatedPushes) {
    @Override
    public String toString() {
      return invoices
          + " invoices, "
          + sageInvoices
          + " Sage invoices, "
          + statusPushes
          + " accepted status pushes ("
          + repeatedPushes
          + " identical repeats)";
    }
  }

  private final ChassisChildren chassis;
  private final SandboxSage sage;
  private final TcpProxy sageFront;
  private final SandboxStore store;
  private final List<Raised> raised = new CopyOnWriteArrayList<>();
  private int nextSample;

  private SandboxWorld(
      ChassisChildren chassis, SandboxSage sage, TcpProxy sageFront, SandboxStore store) {
    this.chassis = chassis;
    this.sage = sage;
    this.sageFront = sageFront;
    this.store = store;
  }

  /**
   * Starts the sandboxes and registers the binding through the chassis in this JVM (which also runs
   * the migrations on the schema, so the child processes never race for them). Start the roles
   * afterwards.
   */
  static SandboxWorld start(ChassisChildren chassis) {
    SecureRandom random = new SecureRandom();
    String apiKey = "lb_" + HexFormat.of().formatHex(bytes(random, 32));
    String clientSecret = HexFormat.of().formatHex(bytes(random, 24));
    SandboxSage sage = SandboxSage.start(SandboxSageConfig.defaults());
    TcpProxy front = null;
    SandboxStore store = null;
    try {
      sage.registerClient(CLIENT_ID, clientSecret);
      front = TcpProxy.start("127.0.0.1", sage.port(), INVOICE_POST);
      String sageBase = "http://127.0.0.1:" + front.port();
      store =
          SandboxStore.start(
              SandboxStoreConfig.builder(TENANT, apiKey)
                  .backoffScale(0.01)
                  .ledgerBaseUrl(chassis.webUrl())
                  .build());
      SyncPolicy base = SyncPolicy.defaults(sage.defaultSalesLedgerAccountId());
      SyncPolicy demoPolicy =
          SyncPolicy.of(
              true,
              false,
              null,
              null,
              null,
              "GB_STANDARD",
              base.defaultLedgerAccountId(),
              Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER", "0.00", "GB_ZERO"),
              "GB_ZERO",
              "",
              "Company",
              "GOODS");
      try (Chassis registrar = Chassis.open(AppConfig.from(chassis.registrationEnvironment()))) {
        registrar
            .registration()
            .register(
                new RegisterBindingCommand(
                    new Binding(
                        TENANT,
                        store.baseUrl(),
                        sageBase + SandboxSage.API_PREFIX,
                        sageBase + SandboxSage.TOKEN_PATH,
                        sage.defaultBusinessId(),
                        "GB",
                        "GBP",
                        BindingStatus.ACTIVE,
                        Instant.now()),
                    new BindingSecrets(apiKey, CLIENT_ID, clientSecret),
                    sage.issueRefreshToken(CLIENT_ID),
                    demoPolicy));
      }
      return new SandboxWorld(chassis, sage, front, store);
    } catch (RuntimeException e) {
      if (store != null) {
        store.close();
      }
      if (front != null) {
        front.close();
      }
      sage.close();
      throw e;
    }
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  SandboxSage sage() {
    return sage;
  }

  SandboxStore store() {
    return store;
  }

  /** Sales invoice POSTs that have reached the Sage side so far (arrival, not completion). */
  int invoicePostsArrived() {
    return sageFront.markerCount();
  }

  List<Raised> raised() {
    return List.copyOf(raised);
  }

  /** Raises the next {@code n} demo samples (cycling through them) in the store. */
  List<Raised> raise(int n) {
    List<SampleInvoices.Sample> samples = SampleInvoices.all();
    List<Raised> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SampleInvoices.Sample s = samples.get(nextSample++ % samples.size());
      long id = store.raiseInvoice(s.invoice());
      Raised r = new Raised(id, s.label(), s.expectedStatus(), s.expectedDetail());
      raised.add(r);
      out.add(r);
    }
    return out;
  }

  List<JsonNode> sageInvoices() {
    return sage.salesInvoices(sage.defaultBusinessId());
  }

  Optional<SyncState> storeState(long id) {
    return store.syncState("invoice", id);
  }

  boolean terminal(long id) {
    return storeState(id).map(s -> !"pending".equals(s.syncStatus())).orElse(false);
  }

  /** Polls until the condition holds, failing with the diagnostic dump after {@code within}. */
  void await(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      ChassisChildren.sleep(25);
    }
    throw new AssertionError("timed out after " + within + " waiting for: " + what + "\n" + dump());
  }

  /** Waits until every raised invoice shows a terminal status in the store. */
  void awaitAllTerminal() {
    await(
        "every raised invoice to reach a terminal store status",
        WAIT,
        () -> raised.stream().allMatch(r -> terminal(r.storeId())));
  }

  /**
   * Waits until no job is left pending in the database outbox: a status push redelivered after a
   * kill has then been made, so late duplicates are seen by the checks.
   */
  void awaitQuiescent() {
    await(
        "no pending job left in the database outbox",
        WAIT,
        () -> {
          try {
            return chassis
                .query("SELECT count(*) AS n FROM jobs WHERE status = 'pending'")
                .get(0)
                .get("n")
                .toString()
                .equals("0");
          } catch (RuntimeException e) {
            return false; // database briefly unreachable
          }
        });
  }

  /**
   * The invariant of every fault test, over every invoice raised so far: each reached exactly one
   * terminal status, the expected one; each synced invoice has exactly one Sage sales invoice and
   * no skipped one has any; no Sage contact was created twice; no job was dead-lettered; and the
   * status pushes the store accepted for an invoice all carry the same content.
   */
  Summary assertNoLossNoDuplicates() {
    awaitAllTerminal();
    awaitQuiescent();
    String dump = dump();
    List<JsonNode> sageInvoices = sageInvoices();
    Map<String, Long> byReference =
        sageInvoices.stream()
            .collect(
                Collectors.groupingBy(i -> i.path("reference").asText(), Collectors.counting()));
    Map<Long, List<JsonNode>> pushes = store.acceptedInvoicePushes();
    int synced = 0;
    int pushCount = 0;
    int repeats = 0;
    for (Raised r : raised) {
      SyncState state = storeState(r.storeId()).orElseThrow();
      String context = "invoice " + r.storeId() + " (" + r.label() + ")\n" + dump;
      assertThat(state.syncStatus())
          .as("terminal status of " + context)
          .isEqualTo(r.expectedStatus());
      if ("synced".equals(r.expectedStatus())) {
        synced++;
        JsonNode invoice =
            sageInvoices.stream()
                .filter(i -> i.path("id").asText().equals(state.providerEntityId()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "no Sage invoice "
                                + state.providerEntityId()
                                + " behind synced "
                                + context));
        assertThat(invoice.path("displayed_as").asText())
            .as("Sage reference pushed for " + context)
            .isEqualTo(state.providerReference());
        assertThat(byReference.get(invoice.path("reference").asText()))
            .as("Sage invoices with the reference of " + context)
            .isEqualTo(1L);
      } else {
        assertThat(state.skipReason())
            .as("skip reason of " + context)
            .isEqualTo(r.expectedDetail());
      }
      // The push is at-least-once: a worker killed after the store applied the push but before the
      // job was marked done makes a redelivered job push again. That is harmless only if the
      // content is identical (the store's row is a full overwrite), and with one kill at most one
      // repeat is expected. last_sync_at is the push time, so it is left out of the comparison.
      List<JsonNode> calls = pushes.getOrDefault(r.storeId(), List.of());
      assertThat(calls).as("accepted status pushes of " + context).hasSizeBetween(1, 2);
      assertThat(calls.stream().distinct().count())
          .as("distinct status push contents of " + context + calls)
          .isEqualTo(1);
      JsonNode push = calls.get(0);
      assertThat(text(push, "sync_status"))
          .as("pushed status of " + context)
          .isEqualTo(state.syncStatus());
      pushCount += calls.size();
      repeats += calls.size() - 1;
    }
    assertThat(sageInvoices)
        .as("Sage invoices overall (one per synced invoice)\n" + dump)
        .hasSize(synced);
    Map<String, Long> contactsByReference =
        sage.contacts(sage.defaultBusinessId()).stream()
            .collect(
                Collectors.groupingBy(c -> c.path("reference").asText(), Collectors.counting()));
    assertThat(contactsByReference.values())
        .as("Sage contacts per reference " + contactsByReference + "\n" + dump)
        .allMatch(n -> n == 1L);
    assertThat(
            chassis.query("SELECT id, kind, last_error FROM jobs WHERE status = 'dead_lettered'"))
        .as("dead-lettered jobs\n" + dump)
        .isEmpty();
    return new Summary(raised.size(), sageInvoices.size(), pushCount, repeats);
  }

  private static String text(JsonNode push, String snake) {
    JsonNode v = push.get(snake);
    return v == null ? null : v.asText();
  }

  /** Everything useful when a wait times out or a check fails. */
  String dump() {
    StringBuilder b = new StringBuilder("==== diagnostics\n");
    b.append("store states: ");
    for (Raised r : raised) {
      b.append(r.storeId())
          .append('=')
          .append(storeState(r.storeId()).map(SyncState::syncStatus).orElse("none"))
          .append(' ');
    }
    b.append("\nstore sync-state calls: ")
        .append(
            store.syncStateCalls().stream()
                .map(c -> c.responseStatus() + ":" + c.rawBody())
                .collect(Collectors.joining("\n  ", "\n  ", "")))
        .append("\nstore refusals while unavailable: ")
        .append(store.unavailableRefusals())
        .append("\nstore outbox: ")
        .append(store.outbox())
        .append("\nSage sales invoices: ")
        .append(sageInvoices().size())
        .append(" (references ")
        .append(sageInvoices().stream().map(i -> i.path("reference").asText()).toList())
        .append("), invoice POSTs arrived ")
        .append(invoicePostsArrived())
        .append(", completed ")
        .append(sage.postCount("/sales_invoices"))
        .append('\n');
    b.append(chassisDiagnostics());
    return b.toString();
  }

  /** The schema's jobs and runs, the Redis job state, and each process's log tail and threads. */
  private String chassisDiagnostics() {
    StringBuilder b = new StringBuilder();
    b.append("schema ")
        .append(chassis.schema())
        .append(", logs in ")
        .append(chassis.logDir())
        .append('\n');
    try {
      b.append("jobs by kind/status: ")
          .append(
              chassis.query(
                  "SELECT kind, status, count(*) AS n, max(attempts) AS max_attempts"
                      + " FROM jobs GROUP BY kind, status ORDER BY kind, status"))
          .append('\n');
      b.append("unfinished or dead jobs: ")
          .append(
              chassis.query(
                  "SELECT kind, status, attempts, next_attempt_at, locked_until,"
                      + " published_at, last_error FROM jobs WHERE status <> 'succeeded'"
                      + " ORDER BY created_at LIMIT 20"))
          .append('\n');
      b.append("runs: ")
          .append(
              chassis.query(
                  "SELECT store_entity_id, status, attempts, sage_reference,"
                      + " error_code, error_message FROM sync_runs ORDER BY store_entity_id"))
          .append('\n');
    } catch (RuntimeException e) {
      b.append("database unavailable for diagnostics: ").append(e.getMessage()).append('\n');
    }
    if (chassis.redisUrl() != null) {
      b.append(redisDiagnostics(chassis.redisUrl(), chassis.redisPrefix()));
    }
    for (Role r : chassis.roles()) {
      b.append("---- ")
          .append(r)
          .append(" (last 40 lines)\n")
          .append(ChassisChildren.tail(r.logText(), 40));
      if (r.process().isAlive()) {
        b.append("     thread dump: ").append(chassis.threadDump(r)).append('\n');
      }
    }
    return b.toString();
  }

  /** The job stream (length, pending entries), the delayed set and every job hash. */
  private static String redisDiagnostics(String redisUrl, String redisPrefix) {
    StringBuilder b = new StringBuilder("redis (prefix ").append(redisPrefix).append("):\n");
    try (JedisPooled redis = new JedisPooled(redisUrl)) {
      String stream = redisPrefix + "jobs";
      if (redis.exists(stream)) {
        b.append("  stream length ")
            .append(redis.xlen(stream))
            .append(", pending ")
            .append(
                redis
                    .xpending(stream, "workers", XPendingParams.xPendingParams().count(20))
                    .stream()
                    .map(
                        p ->
                            p.getID()
                                + " consumer="
                                + p.getConsumerName()
                                + " idle="
                                + p.getIdleTime()
                                + "ms deliveries="
                                + p.getDeliveredTimes())
                    .toList())
            .append('\n');
      }
      b.append("  delayed ")
          .append(redis.zrangeWithScores(stream + ":delayed", 0, 20))
          .append('\n');
      ScanParams params = new ScanParams().match(stream + ":job:*").count(500);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, params);
        for (String key : page.getResult()) {
          b.append("  ")
              .append(key.substring(redisPrefix.length()))
              .append(' ')
              .append(redis.hgetAll(key))
              .append('\n');
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    } catch (RuntimeException e) {
      b.append("  unavailable: ").append(e.getMessage()).append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() {
    store.close();
    sageFront.close();
    sage.close();
  }
}
