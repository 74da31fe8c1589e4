package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's outbox (WIRE §5, §6.1, §6.3): enqueue with "earlier row wins" dedupe, and a
 * single-thread drainer woken on every enqueue plus a retry timer. Each attempt POSTs the stored
 * body byte-for-byte with a freshly minted outbound JWT; 2xx succeeds, 4xx dead-letters, anything
 * else is transient on the backoff ladder (scaled by {@code backoffScale}), capped at 10 attempts.
 * Due-ness of a retry is measured on the monotonic clock so a fixed test {@link Clock} still
 * retries; the {@code nextAttemptAt} shown on rows uses the store clock.
 *
 * <p>Test faults: {@link #failNextDeliveries} makes the next attempts of an event fail as a network
 * error would (the ledger is not called), {@link #makePendingDue} ends every backoff early, {@link
 * #collectGarbage} is the GC cron (WIRE §6.4).
 */
final class StoreOutbox implements AutoCloseable {

  static final long[] BACKOFF_SECONDS = {60, 300, 1800, 7200, 21600, 43200, 86400};
  static final int MAX_TRANSIENT_ATTEMPTS = 10;
  static final Duration GC_HORIZON = Duration.ofDays(30);
  private static final int BATCH = 50;
  private static final int MAX_ERROR_BODY = 8192;
  private static final Logger LOG = LoggerFactory.getLogger(StoreOutbox.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where and as whom to deliver; null when the store is not connected. */
  record Target(String tenantId, String apiKey, String baseUrl) {}

  private static final class Row {
    final long id;
    final String key;
    final String event;
    final String payload;
    final Instant createdAt;
    OutboxRow.Status status = OutboxRow.Status.PENDING;
    int attempts;
    Integer lastStatusCode;
    Instant lastAttemptAt;
    Instant nextAttemptAt;
    Long dueAtNanos;
    String lastError = "";

    Row(long id, String key, String event, String payload, Instant createdAt) {
      this.id = id;
      this.key = key;
      this.event = event;
      this.payload = payload;
      this.createdAt = createdAt;
    }

    OutboxRow snapshot() {
      return new OutboxRow(
          id,
          key,
          event,
          payload,
          status,
          attempts,
          lastStatusCode,
          lastAttemptAt,
          nextAttemptAt,
          lastError,
          createdAt);
    }
  }

  private final Clock clock;
  private final double backoffScale;
  private final Supplier<Target> target;
  private final HttpClient http;
  private final ScheduledExecutorService drainer;
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, String> syncRunIds = new ConcurrentHashMap<>();
  private final Map<String, Integer> injectedFailures = new ConcurrentHashMap<>();
  private long nextId = 1;
  private ScheduledFuture<?> retryTimer;

  StoreOutbox(Clock clock, double backoffScale, Supplier<Target> target) {
    this.clock = clock;
    this.backoffScale = backoffScale;
    this.target = target;
    this.http = curlLikeClient();
    this.drainer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-store-outbox");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * An HTTP client configured as the module's Curl calls are: HTTP/1.1, 5 s connect timeout,
   * redirects not followed (each request sets the 15 s total timeout).
   */
  static HttpClient curlLikeClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Inserts a pending row unless the key already exists (any status); wakes the drainer. */
  boolean enqueue(String eventName, String body, String idempotencyKey) {
    synchronized (rows) {
      for (Row r : rows) {
        if (r.key.equals(idempotencyKey)) {
          return false;
        }
      }
      rows.add(new Row(nextId++, idempotencyKey, eventName, body, clock.instant()));
    }
    wake();
    return true;
  }

  /**
   * The next {@code count} delivery attempts of rows named {@code eventName} fail as a transient
   * network error without reaching the ledger (counted as attempts, backed off as usual). Adds to
   * any count still pending for that event.
   */
  void failNextDeliveries(String eventName, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0");
    }
    injectedFailures.merge(eventName, count, Integer::sum);
  }

  /** Consumes one injected failure for this event, if any is left. */
  private boolean takeInjectedFailure(String eventName) {
    boolean[] taken = {false};
    injectedFailures.computeIfPresent(
        eventName,
        (k, left) -> {
          if (left <= 0) {
            return null;
          }
          taken[0] = true;
          return left == 1 ? null : left - 1;
        });
    return taken[0];
  }

  /** Every pending row waiting on its backoff becomes due now (as if the wait had elapsed). */
  void makePendingDue() {
    long now = System.nanoTime();
    synchronized (rows) {
      for (Row r : rows) {
        if (r.status == OutboxRow.Status.PENDING && r.dueAtNanos != null) {
          r.dueAtNanos = now;
        }
      }
    }
  }

  /**
   * The GC cron: deletes succeeded rows whose {@code COALESCE(last_attempt_at, created_at)} is more
   * than 30 days before {@code now}. Pending and dead-lettered rows are never deleted.
   *
   * @return how many rows were deleted
   */
  int collectGarbage(Instant now) {
    Instant horizon = now.minus(GC_HORIZON);
    synchronized (rows) {
      int before = rows.size();
      rows.removeIf(
          r ->
              r.status == OutboxRow.Status.SUCCEEDED
                  && (r.lastAttemptAt != null ? r.lastAttemptAt : r.createdAt).isBefore(horizon));
      return before - rows.size();
    }
  }

  List<OutboxRow> snapshot() {
    synchronized (rows) {
      return rows.stream().map(Row::snapshot).toList();
    }
  }

  Optional<String> syncRunId(String idempotencyKey) {
    return Optional.ofNullable(syncRunIds.get(idempotencyKey));
  }

  /** Requests a drain pass on the drainer thread (no-op after close). */
  void wake() {
    if (!drainer.isShutdown()) {
      try {
        drainer.execute(this::drainPass);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  /** Runs one drain pass on the drainer thread and waits for it. */
  void drainNow(Duration timeout) {
    try {
      drainer.submit(this::drainPass).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("outbox drain did not complete", e);
    }
  }

  private void drainPass() {
    Target t = target.get();
    if (t == null) {
      return; // WIRE §6.3 step 1: not connected -> touch nothing.
    }
    List<Row> due = new ArrayList<>();
    long nowNanos = System.nanoTime();
    synchronized (rows) {
      for (Row r : rows) {
        if (r.status == OutboxRow.Status.PENDING
            && (r.dueAtNanos == null || r.dueAtNanos - nowNanos <= 0)) {
          due.add(r);
          if (due.size() == BATCH) {
            break;
          }
        }
      }
    }
    for (Row r : due) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      deliver(t, r);
    }
    scheduleRetryTimer();
  }

  private void deliver(Target t, Row row) {
    String url =
        t.baseUrl()
            + "/webhooks/magento/"
            + rawUrlEncode(t.tenantId())
            + "/"
            + rawUrlEncode(row.event);
    String token =
        StoreCrypto.outboundToken(
            t.apiKey(),
            t.tenantId(),
            clock.instant().getEpochSecond(),
            UUID.randomUUID().toString());
    Integer status = null;
    String body = "";
    String transientError;
    if (takeInjectedFailure(row.event)) {
      transientError =
          "Network error publishing to Byte8 ("
              + url
              + "): sandbox fault: this delivery of "
              + row.event
              + " was made to fail";
      record(row, null, body, transientError);
      return;
    }
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(15))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", row.key)
              .header("Accept", "*/*")
              .POST(HttpRequest.BodyPublishers.ofString(row.payload, StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      status = response.statusCode();
      body = response.body() == null ? "" : response.body();
      transientError = "Byte8 returned HTTP " + status + " from " + url + "; will retry.";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (IOException | IllegalArgumentException e) {
      transientError = "Network error publishing to Byte8 (" + url + "): " + e;
    }
    record(row, status, body, transientError);
  }

  /** Applies the outcome of one attempt to the row (WIRE §6.3 step 4). */
  private void record(Row row, Integer status, String body, String transientError) {
    Instant now = clock.instant();
    synchronized (rows) {
      row.lastAttemptAt = now;
      if (status != null && status >= 200 && status < 300) {
        row.status = OutboxRow.Status.SUCCEEDED;
        row.attempts += 1;
        row.lastStatusCode = status;
        row.nextAttemptAt = null;
        row.dueAtNanos = null;
        row.lastError = null;
        parseSyncRunId(body).ifPresent(id -> syncRunIds.put(row.key, id));
      } else if (status != null && status >= 400 && status < 500) {
        row.status = OutboxRow.Status.DEAD_LETTERED;
        row.attempts += 1;
        row.lastStatusCode = status;
        row.nextAttemptAt = null;
        row.dueAtNanos = null;
        row.lastError = "HTTP " + status + ": " + truncateBody(body);
        LOG.warn(
            "sandbox store outbox row {} ({}) dead-lettered: HTTP {}", row.id, row.event, status);
      } else {
        int n = row.attempts + 1;
        row.lastStatusCode = null;
        if (n >= MAX_TRANSIENT_ATTEMPTS) {
          row.status = OutboxRow.Status.DEAD_LETTERED;
          row.attempts = MAX_TRANSIENT_ATTEMPTS;
          row.nextAttemptAt = null;
          row.dueAtNanos = null;
          row.lastError =
              "transient_exhausted: retries capped at MAX_TRANSIENT_ATTEMPTS without success —"
                  + " last error: "
                  + transientError;
        } else {
          row.attempts = n;
          Duration delay = scaledBackoff(n);
          row.nextAttemptAt = now.plus(delay);
          row.dueAtNanos = System.nanoTime() + delay.toNanos();
          row.lastError = transientError;
        }
      }
    }
  }

  /** BACKOFF[min(n,7)-1] seconds times the configured scale. */
  Duration scaledBackoff(int failureNumber) {
    long seconds = BACKOFF_SECONDS[Math.min(failureNumber, BACKOFF_SECONDS.length) - 1];
    return Duration.ofNanos(Math.round(seconds * 1_000_000_000d * backoffScale));
  }

  private void scheduleRetryTimer() {
    Long earliest = null;
    synchronized (rows) {
      for (Row r : rows) {
        if (r.status == OutboxRow.Status.PENDING && r.dueAtNanos != null) {
          if (earliest == null || r.dueAtNanos - earliest < 0) {
            earliest = r.dueAtNanos;
          }
        }
      }
    }
    if (retryTimer != null) {
      retryTimer.cancel(false);
      retryTimer = null;
    }
    if (earliest != null && !drainer.isShutdown()) {
      long delay = Math.max(0, earliest - System.nanoTime());
      try {
        retryTimer = drainer.schedule(this::drainPass, delay, TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  private static Optional<String> parseSyncRunId(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        JsonNode id = node.get("sync_run_id");
        if (id != null && id.isValueNode() && !id.isNull()) {
          return Optional.of(id.asText());
        }
      }
    } catch (IOException e) {
      // a 2xx with a non-JSON body still succeeds
    }
    return Optional.empty();
  }

  private static String truncateBody(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_ERROR_BODY) {
      return body;
    }
    return new String(bytes, 0, MAX_ERROR_BODY, StandardCharsets.UTF_8) + "…[truncated]";
  }

  /** PHP rawurlencode: RFC 3986 unreserved characters pass, everything else %XX (upper hex). */
  static String rawUrlEncode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    drainer.shutdownNow();
    try {
      drainer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
