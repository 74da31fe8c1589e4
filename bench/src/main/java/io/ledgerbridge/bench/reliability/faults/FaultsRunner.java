package io.ledgerbridge.bench.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.SampleInvoices;
import io.ledgerbridge.bench.reliability.faults.ChassisChildren.Role;
import io.ledgerbridge.bench.reliability.faults.FaultSchedule.Fault;
import io.ledgerbridge.bench.reliability.faults.FaultSchedule.Kind;
import io.ledgerbridge.bench.reliability.faults.FaultsReport.AppliedFault;
import io.ledgerbridge.bench.reliability.faults.FaultsReport.BusinessCounts;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import io.ledgerbridge.sandbox.sage.SandboxSage;
import io.ledgerbridge.sandbox.sage.SandboxSageConfig;
import io.ledgerbridge.sandbox.store.SandboxStore;
import io.ledgerbridge.sandbox.store.SandboxStoreConfig;
import io.ledgerbridge.sandbox.store.StoreInvoice;
import io.ledgerbridge.sandbox.store.SyncState;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs one fault scenario end to end and returns its {@link FaultsReport}: the chassis as child
 * processes (web, {@code workers} workers, relay) on a fresh PostgreSQL schema and Redis prefix,
 * both behind {@link TcpProxy}s; one sandbox Sage with one business per store; invoices raised at a
 * steady rate round-robin over the stores while the {@link FaultSchedule} is applied; then a
 * bounded wait for every invoice to settle, and the checks. Everything it created is removed at the
 * end (schema, Redis keys, processes, sandboxes); the child logs stay under {@code
 * <out>/faults-logs}.
 */
public final class FaultsRunner {
  static final String CLIENT_ID = "ledgerbridge-faults";

  /** What to run. */
  public record Options(
      int invoices,
      int businesses,
      int workers,
      double ratePerSecond,
      FaultSchedule schedule,
      Duration settleTimeout,
      long seed,
      String pgUrl,
      String pgUser,
      String pgPassword,
      String redisUrl,
      Path logDir) {
    public Options {
      if (invoices < 1 || businesses < 1 || workers < 1) {
        throw new IllegalArgumentException("invoices, businesses and workers must be positive");
      }
      if (!(ratePerSecond > 0)) {
        throw new IllegalArgumentException("rate must be positive");
      }
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(settleTimeout, "settleTimeout");
      Objects.requireNonNull(pgUrl, "pgUrl");
      Objects.requireNonNull(redisUrl, "redisUrl");
      Objects.requireNonNull(logDir, "logDir");
    }

    /** The expected length of the raising phase. */
    public Duration raising() {
      return Duration.ofMillis((long) Math.ceil(invoices * 1000.0 / ratePerSecond));
    }
  }

  /**
   * One invoice raised in a store, and what the store must end up showing. {@code paid}: raised
   * paid (both events on one save); {@code memoId}: the full refund raised right after it, or null.
   */
  record Raised(
      int business,
      long storeId,
      String label,
      String expectedStatus,
      String expectedDetail,
      boolean paid,
      Long memoId) {}

  /** One store with its own Sage business and binding. */
  record Shop(int index, String tenant, String businessId, SandboxStore store) {}

  private final Options options;
  private final Consumer<String> progress;
  private final Random random;
  private final List<Raised> raised = new CopyOnWriteArrayList<>();
  private final List<AppliedFault> applied = new CopyOnWriteArrayList<>();
  private final List<Role> workers = new CopyOnWriteArrayList<>();
  private final List<Shop> shops = new ArrayList<>();
  private ChassisChildren chassis;
  private SandboxSage sage;
  private TcpProxy pgProxy;
  private TcpProxy redisProxy;
  private long t0;
  private volatile int workerRestarts;

  public FaultsRunner(Options options, Consumer<String> progress) {
    this.options = Objects.requireNonNull(options, "options");
    this.progress = progress == null ? s -> {} : progress;
    this.random = new Random(options.seed());
  }

  /** Runs the scenario; never throws for a failed invariant (see {@link FaultsReport#passed()}). */
  public FaultsReport run() {
    long start = System.nanoTime();
    try {
      setUp();
      long setUpMs = millisSince(start);
      progress.accept(
          "chassis up ("
              + setUpMs
              + " ms): web, "
              + options.workers()
              + " workers, relay; schema "
              + chassis.schema()
              + "; raising "
              + options.invoices()
              + " invoices at "
              + options.ratePerSecond()
              + "/s over "
              + options.businesses()
              + " businesses");
      t0 = System.nanoTime();
      ExecutorService faultThreads =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "fault-schedule");
                t.setDaemon(true);
                return t;
              });
      List<Future<?>> faultRuns = new ArrayList<>();
      Thread scheduler = new Thread(() -> schedule(faultThreads, faultRuns), "fault-scheduler");
      scheduler.setDaemon(true);
      scheduler.start();
      raiseAll();
      long raiseMs = millisSince(t0);
      progress.accept("raised " + raised.size() + " invoices in " + raiseMs + " ms");
      scheduler.interrupt();
      scheduler.join(TimeUnit.SECONDS.toMillis(5));
      for (Future<?> f : List.copyOf(faultRuns)) {
        try {
          f.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
          progress.accept("fault did not finish cleanly: " + e);
        }
      }
      faultThreads.shutdownNow();
      restoreEverything();
      long settleStart = System.nanoTime();
      boolean settled = settle();
      long settleMs = millisSince(settleStart);
      progress.accept((settled ? "settled" : "NOT settled") + " after " + settleMs + " ms");
      FaultsReport report = check(settled, setUpMs, raiseMs, settleMs, millisSince(start));
      return report;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      tearDown();
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private long offsetMs() {
    return millisSince(t0);
  }

  // ------------------------------------------------------------------------------------- set-up

  private void setUp() {
    String pgHostPort = ChassisChildren.pgHostPort(options.pgUrl());
    int colon = pgHostPort.lastIndexOf(':');
    pgProxy =
        TcpProxy.start(
            pgHostPort.substring(0, colon), Integer.parseInt(pgHostPort.substring(colon + 1)));
    java.net.URI redis = java.net.URI.create(options.redisUrl());
    redisProxy = TcpProxy.start(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
    Map<String, String> extra = new LinkedHashMap<>();
    // The sandbox enforces no rate limit; the chassis' own limiter stays on, at a rate that lets
    // the run finish on a small machine.
    extra.put("LEDGER_SAGE_APP_RPS", "200");
    extra.put("LEDGER_SAGE_BUSINESS_RPS", "40");
    chassis =
        new ChassisChildren(
            options.pgUrl(),
            options.pgUser(),
            options.pgPassword(),
            options.redisUrl(),
            options.logDir(),
            extra);
    chassis.routeDatabaseThrough("127.0.0.1:" + pgProxy.port());
    chassis.routeRedisThrough(
        ChassisChildren.redisUrlVia(options.redisUrl(), "127.0.0.1", redisProxy.port()));

    SecureRandom secrets = new SecureRandom();
    String clientSecret = HexFormat.of().formatHex(bytes(secrets, 24));
    sage = SandboxSage.start(SandboxSageConfig.defaults().withSeed(options.seed()));
    sage.registerClient(CLIENT_ID, clientSecret);
    try (Chassis registrar = Chassis.open(AppConfig.from(chassis.registrationEnvironment()))) {
      for (int i = 0; i < options.businesses(); i++) {
        String businessId =
            i == 0
                ? sage.defaultBusinessId()
                : sage.addBusiness(UUID.randomUUID().toString().replace("-", ""), "GB", "GBP");
        String tenant = "fault-store-" + (i + 1);
        String apiKey = "lb_" + HexFormat.of().formatHex(bytes(secrets, 32));
        SandboxStore store =
            SandboxStore.start(
                SandboxStoreConfig.builder(tenant, apiKey)
                    .backoffScale(0.01)
                    .ledgerBaseUrl(chassis.webUrl())
                    .build());
        shops.add(new Shop(i, tenant, businessId, store));
        SyncPolicy base = SyncPolicy.defaults(sage.salesLedgerAccountId(businessId));
        SyncPolicy.PaymentMapping bank =
            new SyncPolicy.PaymentMapping(sage.bankAccountId(businessId));
        SyncPolicy policy =
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
                    "GOODS")
                .withPaymentMethodMap(
                    Map.of("checkmo", bank, "purchaseorder", bank, "banktransfer", bank));
        registrar
            .registration()
            .register(
                new RegisterBindingCommand(
                    new Binding(
                        tenant,
                        store.baseUrl(),
                        sage.apiBaseUrl(),
                        sage.tokenUrl(),
                        businessId,
                        "GB",
                        "GBP",
                        BindingStatus.ACTIVE,
                        Instant.now()),
                    new BindingSecrets(apiKey, CLIENT_ID, clientSecret),
                    sage.issueRefreshToken(CLIENT_ID),
                    policy));
      }
    }
    List<String> roles = new ArrayList<>(List.of("web", "relay"));
    for (int i = 0; i < options.workers(); i++) {
      roles.add("worker");
    }
    for (Role r : chassis.start(roles.toArray(String[]::new))) {
      if (r.role().equals("worker")) {
        workers.add(r);
      }
    }
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private void tearDown() {
    for (Shop s : shops) {
      closeQuietly(s.store());
    }
    closeQuietly(chassis);
    closeQuietly(sage);
    closeQuietly(redisProxy);
    closeQuietly(pgProxy);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("close failed: " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------------------------ raising

  private void raiseAll() throws InterruptedException {
    List<SampleInvoices.Sample> samples = SampleInvoices.all();
    int[] perShop = new int[shops.size()];
    long intervalNanos = (long) (1_000_000_000L / options.ratePerSecond());
    for (int i = 0; i < options.invoices(); i++) {
      long due = t0 + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Shop shop = shops.get(i % shops.size());
      SampleInvoices.Sample s =
          samples.get((perShop[shop.index()]++ + shop.index()) % samples.size());
      // of the invoices that sync, a third are raised paid and a quarter refunded in full at once
      int n = perShop[shop.index()];
      boolean syncs = s.expectedStatus().equals("synced");
      boolean paid = syncs && n % 3 == 0;
      boolean refunded = syncs && n % 4 == 1;
      long id =
          shop.store()
              .raiseInvoice(paid ? s.invoice().withState(StoreInvoice.State.PAID) : s.invoice());
      Long memo = refunded ? shop.store().refundInvoice(id) : null;
      raised.add(
          new Raised(
              shop.index(), id, s.label(), s.expectedStatus(), s.expectedDetail(), paid, memo));
      if ((i + 1) % 250 == 0) {
        progress.accept("  raised " + (i + 1) + " at +" + offsetMs() + " ms");
      }
    }
  }

  // ------------------------------------------------------------------------------------- faults

  private void schedule(ExecutorService threads, List<Future<?>> runs) {
    for (Fault f : options.schedule().faults()) {
      long wait = f.at().toMillis() - offsetMs();
      try {
        if (wait > 0) {
          Thread.sleep(wait);
        }
      } catch (InterruptedException e) {
        return; // raising is over: later faults are not applied
      }
      runs.add(threads.submit(() -> apply(f)));
    }
  }

  private void apply(Fault f) {
    long started = offsetMs();
    String detail;
    try {
      detail = inject(f);
    } catch (RuntimeException e) {
      detail = "failed to inject: " + e.getMessage();
    }
    long ended = offsetMs();
    applied.add(new AppliedFault(f.kind(), f.at().toMillis(), started, ended, detail));
    progress.accept(
        "  fault "
            + f.kind()
            + " at +"
            + started
            + " ms ("
            + (ended - started)
            + " ms): "
            + detail);
  }

  private String inject(Fault f) {
    long ms = f.duration().toMillis();
    switch (f.kind()) {
      case WORKER_KILL -> {
        return killAndReplaceWorker();
      }
      case REDIS_CUT -> {
        redisProxy.cut();
        ChassisChildren.sleep(ms);
        redisProxy.restore();
        return "every Redis connection closed, new ones refused for " + ms + " ms";
      }
      case POSTGRES_CUT -> {
        pgProxy.cut();
        ChassisChildren.sleep(ms);
        pgProxy.restore();
        return "every PostgreSQL connection closed, new ones refused for " + ms + " ms";
      }
      case SAGE_503_STORM -> {
        sage.failNext("/sales_invoices", 503, 6);
        sage.failNext("/contacts", 503, 3);
        sage.failNext("/contact_payments", 503, 3);
        sage.failNext("/sales_credit_notes", 503, 2);
        sage.failNext("/contact_allocations", 503, 2);
        return "next 6 sales invoice, 3 contact, 3 contact payment, 2 credit note and 2"
            + " allocation requests answered 503";
      }
      case SAGE_429_STORM -> {
        sage.failNext("/sales_invoices", 429, 6);
        sage.failNext("/contacts", 429, 4);
        sage.failNext("/contact_payments", 429, 3);
        sage.failNext("/sales_credit_notes", 429, 2);
        return "next 6 sales invoice, 4 contact, 3 contact payment and 2 credit note requests"
            + " answered 429";
      }
      case SAGE_500_AFTER_COMMIT -> {
        sage.failNextAfterCommit("/sales_invoices", 3);
        sage.failNextAfterCommit("/contact_payments", 2);
        sage.failNextAfterCommit("/sales_credit_notes", 1);
        sage.failNextAfterCommit("/contact_allocations", 1);
        return "next 3 sales invoice, 2 contact payment, 1 credit note and 1 allocation creates"
            + " committed, then answered 500";
      }
      case SAGE_LATENCY_SPIKE -> {
        sage.setLatency(Duration.ofMillis(1000), Duration.ofMillis(2500));
        ChassisChildren.sleep(ms);
        sage.setLatency(Duration.ZERO, Duration.ZERO);
        return "every Sage request delayed 1000-2500 ms for " + ms + " ms";
      }
      case SAGE_TIMEOUT -> {
        sage.setLatency(Duration.ofSeconds(31), Duration.ofSeconds(31));
        ChassisChildren.sleep(ms);
        sage.setLatency(Duration.ZERO, Duration.ZERO);
        return "Sage requests arriving within "
            + ms
            + " ms delayed 31 s (read timeout 30 s),"
            + " then processed";
      }
      case STORE_UNAVAILABLE -> {
        shops.forEach(s -> s.store().setUnavailable(true));
        ChassisChildren.sleep(ms);
        shops.forEach(s -> s.store().setUnavailable(false));
        return "every store in maintenance mode (503) for " + ms + " ms";
      }
      case STORE_TIMEOUT -> {
        // Two windows: first only status pushes are held (while the workers are free to make
        // them), then only the canonical GETs (which hold every worker thread that meets one).
        shops.forEach(s -> s.store().setSyncStateLatency(Duration.ofSeconds(16)));
        ChassisChildren.sleep(ms);
        int held = shops.stream().mapToInt(s -> s.store().syncStateCallsInProgress()).sum();
        shops.forEach(
            s -> {
              s.store().setSyncStateLatency(Duration.ZERO);
              s.store().setCanonicalLatency(Duration.ofSeconds(16));
            });
        ChassisChildren.sleep(ms);
        shops.forEach(s -> s.store().setCanonicalLatency(Duration.ZERO));
        return "status pushes arriving within "
            + ms
            + " ms, then canonical invoice GETs arriving"
            + " within the next "
            + ms
            + " ms, delayed 16 s (read timeout 15 s; held pushes are"
            + " still applied); pushes held at the end of the first window "
            + held;
      }
      default -> throw new IllegalStateException("unknown fault " + f.kind());
    }
  }

  private String killAndReplaceWorker() {
    List<Role> alive = workers.stream().filter(w -> w.process().isAlive()).toList();
    if (alive.isEmpty()) {
      return "no live worker to kill";
    }
    Role victim = alive.get(random.nextInt(alive.size()));
    chassis.kill(victim);
    workers.remove(victim);
    String replacement = startWorker();
    return "SIGKILL "
        + victim.name()
        + " (pid "
        + victim.process().pid()
        + "), replaced by "
        + replacement;
  }

  /** Starts a worker, retrying while it cannot start (e.g. the database is cut). */
  private String startWorker() {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 5; attempt++) {
      Role r = chassis.spawn("worker");
      try {
        chassis.awaitReady(r);
        workers.add(r);
        workerRestarts++;
        return r.name()
            + " (pid "
            + r.process().pid()
            + ")"
            + (attempt > 1 ? " after " + (attempt - 1) + " failed start(s)" : "");
      } catch (RuntimeException e) {
        last = e;
        chassis.kill(r);
        ChassisChildren.sleep(1000);
      }
    }
    throw new IllegalStateException("cannot start a replacement worker", last);
  }

  private void restoreEverything() {
    redisProxy.restore();
    pgProxy.restore();
    sage.setLatency(Duration.ZERO, Duration.ZERO);
    for (Shop s : shops) {
      s.store().setUnavailable(false);
      s.store().setCanonicalLatency(Duration.ZERO);
      s.store().setSyncStateLatency(Duration.ZERO);
    }
    // A worker dead for another reason than a kill would be a finding; replace it so the run can
    // still settle, and say so.
    for (Role w : List.copyOf(workers)) {
      if (!w.process().isAlive()) {
        workers.remove(w);
        applied.add(
            new AppliedFault(
                Kind.WORKER_KILL,
                -1,
                offsetMs(),
                offsetMs(),
                "UNPLANNED: " + w.name() + " had exited by itself; replaced by " + startWorker()));
      }
    }
  }

  // ------------------------------------------------------------------------------------- settle

  private boolean settle() {
    long deadline = System.nanoTime() + options.settleTimeout().toNanos();
    long lastNote = 0;
    while (System.nanoTime() < deadline) {
      long open = raised.stream().filter(r -> !terminal(r)).count();
      long pending = pendingJobs();
      if (open == 0 && pending == 0) {
        return true;
      }
      if (System.nanoTime() - lastNote > TimeUnit.SECONDS.toNanos(15)) {
        lastNote = System.nanoTime();
        progress.accept(
            "  settling: " + open + " invoices not terminal, " + pending + " jobs pending");
      }
      ChassisChildren.sleep(250);
    }
    return false;
  }

  private long pendingJobs() {
    try {
      return chassis.count("SELECT count(*) FROM jobs WHERE status = 'pending'");
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private Optional<SyncState> state(Raised r) {
    return shops.get(r.business()).store().syncState("invoice", r.storeId());
  }

  private boolean terminal(Raised r) {
    boolean memoDone =
        r.memoId() == null
            || shops
                .get(r.business())
                .store()
                .syncState("creditmemo", r.memoId())
                .map(s -> !"pending".equals(s.syncStatus()))
                .orElse(false);
    return memoDone && state(r).map(s -> !"pending".equals(s.syncStatus())).orElse(false);
  }

  // ------------------------------------------------------------------------------------- checks

  private FaultsReport check(
      boolean settled, long setUpMs, long raiseMs, long settleMs, long totalMs) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<Long, List<Map<String, Object>>>> runs = new LinkedHashMap<>();
    for (Map<String, Object> row :
        chassis.query("SELECT tenant_id, event, store_entity_id, status FROM sync_runs")) {
      runs.computeIfAbsent((String) row.get("tenant_id"), k -> new LinkedHashMap<>())
          .computeIfAbsent(
              ((Number) row.get("store_entity_id")).longValue(), k -> new ArrayList<>())
          .add(row);
    }
    long accepted =
        runs.values().stream()
            .flatMap(m -> m.values().stream())
            .flatMap(List::stream)
            .filter(r -> "invoice.created".equals(r.get("event")))
            .count();
    List<Map<String, Object>> dead =
        chassis.query(
            "SELECT kind, tenant_id, attempts, last_error FROM jobs WHERE status = 'dead_lettered'");
    for (Map<String, Object> d : dead) {
      problems.add("dead-lettered job: " + d);
    }
    Map<String, Long> runStatuses =
        runs.values().stream()
            .flatMap(m -> m.values().stream())
            .flatMap(List::stream)
            .collect(
                Collectors.groupingBy(
                    r -> String.valueOf(r.get("status")),
                    java.util.TreeMap::new,
                    Collectors.counting()));

    long synced = 0;
    long skipped = 0;
    long failed = 0;
    long notTerminal = 0;
    long unexpected = 0;
    long lost = 0;
    long sageDuplicates = 0;
    long contactDuplicates = 0;
    long runDuplicates = 0;
    long conflicting = 0;
    long pushes = 0;
    long repeats = 0;
    long sageInvoicesTotal = 0;
    List<BusinessCounts> perBusiness = new ArrayList<>();
    for (Shop shop : shops) {
      List<JsonNode> sageInvoices = sage.salesInvoices(shop.businessId());
      sageInvoicesTotal += sageInvoices.size();
      Map<String, Long> byReference =
          sageInvoices.stream()
              .collect(
                  Collectors.groupingBy(i -> i.path("reference").asText(), Collectors.counting()));
      Map<String, Long> contacts =
          sage.contacts(shop.businessId()).stream()
              .collect(
                  Collectors.groupingBy(c -> c.path("reference").asText(), Collectors.counting()));
      for (Map.Entry<String, Long> c : contacts.entrySet()) {
        if (c.getValue() > 1) {
          contactDuplicates += c.getValue() - 1;
          problems.add(
              shop.tenant()
                  + ": Sage contact "
                  + c.getKey()
                  + " created "
                  + c.getValue()
                  + " times");
        }
      }
      Map<Long, List<JsonNode>> pushesByInvoice = shop.store().acceptedInvoicePushes();
      Map<Long, List<Map<String, Object>>> tenantRuns = runs.getOrDefault(shop.tenant(), Map.of());
      long bRaised = 0;
      long bSynced = 0;
      long bSkipped = 0;
      for (Raised r : raised) {
        if (r.business() != shop.index()) {
          continue;
        }
        bRaised++;
        String what = shop.tenant() + " invoice " + r.storeId() + " (" + r.label() + ")";
        Optional<SyncState> st = shop.store().syncState("invoice", r.storeId());
        String status = st.map(SyncState::syncStatus).orElse("none");
        List<Map<String, Object>> invoiceRuns =
            tenantRuns.getOrDefault(r.storeId(), List.of()).stream()
                .filter(x -> "invoice.created".equals(x.get("event")))
                .toList();
        boolean isLost = false;
        if (invoiceRuns.isEmpty() || shop.store().syncRunId(r.storeId()).isEmpty()) {
          isLost = true;
          problems.add(what + ": no accepted run");
        }
        if (invoiceRuns.size() > 1) {
          runDuplicates += invoiceRuns.size() - 1;
          problems.add(what + ": " + invoiceRuns.size() + " runs");
        }
        switch (status) {
          case "synced" -> {
            synced++;
            bSynced++;
          }
          case "skipped" -> {
            skipped++;
            bSkipped++;
          }
          case "failed" -> failed++;
          default -> {
            notTerminal++;
            isLost = true;
            problems.add(what + ": no terminal status (" + status + ")");
          }
        }
        if (!status.equals("none")
            && !status.equals("pending")
            && !status.equals(r.expectedStatus())) {
          unexpected++;
          problems.add(
              what
                  + ": ended "
                  + status
                  + ", expected "
                  + r.expectedStatus()
                  + st.map(s -> " (error " + s.errorCode() + ", skip " + s.skipReason() + ")")
                      .orElse(""));
        }
        if ("synced".equals(status)) {
          SyncState s = st.orElseThrow();
          Optional<JsonNode> inv =
              sageInvoices.stream()
                  .filter(i -> i.path("id").asText().equals(s.providerEntityId()))
                  .findFirst();
          if (inv.isEmpty()) {
            isLost = true;
            problems.add(what + ": synced, but no Sage invoice " + s.providerEntityId());
          } else {
            long n = byReference.getOrDefault(inv.get().path("reference").asText(), 0L);
            if (n > 1) {
              problems.add(
                  what
                      + ": "
                      + n
                      + " Sage invoices with reference "
                      + inv.get().path("reference").asText());
            }
          }
        }
        List<JsonNode> calls = pushesByInvoice.getOrDefault(r.storeId(), List.of());
        pushes += calls.size();
        repeats += Math.max(0, calls.size() - 1);
        long distinct = calls.stream().distinct().count();
        if (distinct > 1) {
          conflicting++;
          problems.add(what + ": " + distinct + " different status pushes " + calls);
        }
        if (isLost) {
          lost++;
        }
      }
      // Every Sage invoice beyond one per synced store invoice is a duplicate (or an orphan).
      long extra = Math.max(countReferenceDuplicates(byReference), sageInvoices.size() - bSynced);
      if (extra > 0) {
        sageDuplicates += extra;
        problems.add(
            shop.tenant()
                + ": "
                + sageInvoices.size()
                + " Sage invoices for "
                + bSynced
                + " synced invoices");
      }
      perBusiness.add(
          new BusinessCounts(
              shop.tenant(),
              shop.businessId(),
              bRaised,
              bSynced,
              bSkipped,
              sageInvoices.size(),
              contacts.size(),
              shop.store().unavailableRefusals()));
    }
    FaultsReport.MoneyCounts money = checkMoney(problems);
    lost += money.unsettled();
    long duplicates = sageDuplicates + contactDuplicates + runDuplicates + money.duplicates();
    boolean passed =
        settled
            && duplicates == 0
            && lost == 0
            && unexpected == 0
            && conflicting == 0
            && money.receipts() == money.paidInvoices()
            && money.creditNotes() == money.creditMemos()
            && money.allocations() + money.refunds() == money.creditMemos()
            && dead.isEmpty()
            && raised.size() == options.invoices();
    Map<String, Long> jobStatuses = new java.util.TreeMap<>();
    for (Map<String, Object> row :
        chassis.query("SELECT kind || ':' || status AS k, count(*) AS n FROM jobs GROUP BY 1")) {
      jobStatuses.put(String.valueOf(row.get("k")), ((Number) row.get("n")).longValue());
    }
    return new FaultsReport(
        passed,
        settled,
        options.invoices(),
        options.businesses(),
        options.workers(),
        options.ratePerSecond(),
        options.schedule().name(),
        options.seed(),
        setUpMs,
        raiseMs,
        settleMs,
        totalMs,
        raised.size(),
        accepted,
        synced,
        skipped,
        failed,
        notTerminal,
        dead.size(),
        duplicates,
        sageDuplicates,
        contactDuplicates,
        runDuplicates,
        conflicting,
        lost,
        unexpected,
        pushes,
        repeats,
        sageInvoicesTotal,
        sage.postCount("/sales_invoices"),
        sage.postCount("/contacts"),
        workerRestarts,
        runStatuses,
        jobStatuses,
        perBusiness,
        money,
        List.copyOf(applied),
        problems.size() > 200 ? problems.subList(0, 200) : problems,
        problems.size(),
        chassis.logDir().toString());
  }

  /**
   * Payments and credit notes: every paid invoice has exactly one receipt allocated to its Sage
   * invoice and nothing outstanding; every refunded invoice has exactly one credit note (by the
   * memo's reference) that is fully settled by exactly one allocation or refund; the Sage invoice
   * of a refunded invoice has nothing outstanding either.
   */
  private FaultsReport.MoneyCounts checkMoney(List<String> problems) {
    long paidInvoices = 0;
    long receipts = 0;
    long receiptDuplicates = 0;
    long creditMemos = 0;
    long creditNotes = 0;
    long creditNoteDuplicates = 0;
    long allocations = 0;
    long refunds = 0;
    long settlementDuplicates = 0;
    long unsettled = 0;
    for (Shop shop : shops) {
      String business = shop.businessId();
      List<JsonNode> payments = sage.contactPayments(business);
      List<JsonNode> notes = sage.salesCreditNotes(business);
      List<JsonNode> allocs = sage.contactAllocations(business);
      creditNotes += notes.size();
      allocations += allocs.size();
      for (Raised r : raised) {
        if (r.business() != shop.index() || !"synced".equals(r.expectedStatus())) {
          continue;
        }
        String what = shop.tenant() + " invoice " + r.storeId();
        String invoiceId = state(r).map(SyncState::providerEntityId).orElse(null);
        JsonNode invoice =
            invoiceId == null ? null : sage.salesInvoice(business, invoiceId).orElse(null);
        if (r.paid()) {
          paidInvoices++;
          long n = countAllocatedTo(payments, "CUSTOMER_RECEIPT", invoiceId);
          receipts += n;
          receiptDuplicates += Math.max(0, n - 1);
          if (n != 1) {
            problems.add(what + ": " + n + " receipts");
          }
        }
        if ((r.paid() || r.memoId() != null)
            && (invoice == null || decimal(invoice, "outstanding_amount").signum() != 0)) {
          unsettled++;
          problems.add(what + ": paid or refunded, but Sage still has it outstanding: " + invoice);
        }
        if (r.memoId() == null) {
          continue;
        }
        creditMemos++;
        String reference =
            shop.store().creditMemo(r.memoId()).map(m -> m.incrementId()).orElse("?");
        List<JsonNode> mine =
            notes.stream().filter(c -> reference.equals(c.path("reference").asText())).toList();
        creditNoteDuplicates += Math.max(0, mine.size() - 1);
        Optional<SyncState> memoState = shop.store().syncState("creditmemo", r.memoId());
        if (mine.size() != 1 || memoState.map(s -> !"synced".equals(s.syncStatus())).orElse(true)) {
          unsettled++;
          problems.add(
              what
                  + " memo "
                  + r.memoId()
                  + ": "
                  + mine.size()
                  + " credit notes, store "
                  + memoState);
          continue;
        }
        String noteId = mine.get(0).path("id").asText();
        long byAllocation =
            allocs.stream()
                .filter(a -> a.path("allocated_artefacts").toString().contains(noteId))
                .count();
        long byRefund = countAllocatedTo(payments, "CUSTOMER_REFUND", noteId);
        refunds += byRefund;
        if (byAllocation + byRefund != 1) {
          settlementDuplicates += Math.max(0, byAllocation + byRefund - 1);
          problems.add(
              what
                  + " memo "
                  + r.memoId()
                  + ": "
                  + byAllocation
                  + " allocations, "
                  + byRefund
                  + " refunds");
        }
        if (decimal(mine.get(0), "outstanding_amount").signum() != 0) {
          unsettled++;
          problems.add(what + " memo " + r.memoId() + ": credit note not settled " + mine.get(0));
        }
      }
    }
    return new FaultsReport.MoneyCounts(
        paidInvoices,
        receipts,
        receiptDuplicates,
        creditMemos,
        creditNotes,
        creditNoteDuplicates,
        allocations,
        refunds,
        settlementDuplicates,
        unsettled,
        sage.postCount("/contact_payments"),
        sage.postCount("/sales_credit_notes"),
        sage.postCount("/contact_allocations"));
  }

  private static long countAllocatedTo(List<JsonNode> payments, String type, String documentId) {
    if (documentId == null) {
      return 0;
    }
    return payments.stream()
        .filter(p -> type.equals(p.path("transaction_type").path("id").asText()))
        .filter(p -> p.path("allocated_artefacts").toString().contains(documentId))
        .count();
  }

  private static java.math.BigDecimal decimal(JsonNode node, String field) {
    return new java.math.BigDecimal(node.path(field).asText("0"));
  }

  private static long countReferenceDuplicates(Map<String, Long> byReference) {
    return byReference.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
  }
}
