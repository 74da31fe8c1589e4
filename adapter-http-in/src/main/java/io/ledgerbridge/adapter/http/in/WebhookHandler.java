package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptResult;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.AcceptWebhookCommand;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.Accepted;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.NoBinding;
import io.ledgerbridge.ports.in.AcceptWebhookUseCase.UnknownEvent;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.ChassisMetrics.WebhookRejection;
import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/magento/{tenant}/{event}} (WIRE §1B L1, §5, §10 item 2).
 *
 * <p>Checks run in this order, the first failure answers: method (405), path shape (404),
 * authentication (401, generic body, nothing stored), Idempotency-Key (400), Content-Type (415),
 * body size (413), JSON syntax and depth (400), envelope (422), then the use case. The store
 * dead-letters every 4xx, so only deterministic problems get a 4xx; anything that may succeed on a
 * retry (database down, a binding removed meanwhile, an exception from the use case) answers 503
 * with Retry-After.
 */
final class WebhookHandler {

  static final String PREFIX = "/webhooks/magento/";
  static final int MAX_TENANT_LENGTH = 128;
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
  static final int RETRY_AFTER_SECONDS = 30;
  static final int INACTIVE_RETRY_AFTER_SECONDS = 300;
  static final int CLOCK_SKEW_RETRY_AFTER_SECONDS = 60;

  /** After a 413, how much more of an oversized upload is read and discarded (see below). */
  static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  private final AcceptWebhookUseCase accept;
  private final WebhookAuthenticator authenticator;
  private final int maxBodyBytes;
  private final RejectionLog rejections;
  private final ChassisMetrics metrics;

  WebhookHandler(
      AcceptWebhookUseCase accept,
      WebhookAuthenticator authenticator,
      int maxBodyBytes,
      RejectionLog rejections,
      ChassisMetrics metrics) {
    this.metrics = metrics;
    this.accept = accept;
    this.authenticator = authenticator;
    this.maxBodyBytes = maxBodyBytes;
    this.rejections = rejections;
  }

  /** A webhook whose line and headers passed every check; its body is read next. */
  record Pending(String tenant, String event, String key) {}

  /**
   * The checks that need no body, in order: method, path shape, authentication, Idempotency-Key,
   * Content-Type, declared length. Answers and returns null when one fails, so a client waiting on
   * {@code 100-continue} gets the final status first and never sends its body.
   */
  Pending precheck(HttpCall ex, String rawPath) throws IOException {
    if (!"POST".equals(ex.method())) {
      Exchanges.methodNotAllowed(ex, "POST");
      return null;
    }
    Optional<String[]> segments = segments(rawPath);
    if (segments.isEmpty()) {
      Exchanges.notFound(ex);
      return null;
    }
    String tenant = segments.get()[0];
    String event = segments.get()[1];

    Verdict verdict;
    try {
      verdict = authenticated(ex, tenant);
    } catch (AuthenticatorUnavailable e) {
      LOG.error(
          "webhook authenticator failed, answering 503: tenant={}",
          LogSafe.of(tenant),
          e.getCause());
      metrics.webhookRejected(WebhookRejection.AUTHENTICATOR_UNAVAILABLE);
      Exchanges.sendUnavailable(ex, "temporarily_unavailable", RETRY_AFTER_SECONDS);
      return null;
    }
    if (verdict == Verdict.CLOCK_SKEWED) {
      metrics.webhookRejected(WebhookRejection.CLOCK_SKEW);
      Exchanges.sendUnavailable(ex, "clock_skew", CLOCK_SKEW_RETRY_AFTER_SECONDS);
      return null;
    }
    if (verdict == Verdict.REJECTED) {
      metrics.webhookRejected(WebhookRejection.UNAUTHORIZED);
      ex.setHeader("WWW-Authenticate", "Bearer");
      Exchanges.sendError(ex, 401, "unauthorized", null);
      return null;
    }

    List<String> keys = Exchanges.headerValues(ex, "Idempotency-Key");
    String keyProblem = idempotencyKeyProblem(keys);
    if (keyProblem != null) {
      metrics.webhookRejected(WebhookRejection.INVALID_IDEMPOTENCY_KEY);
      Exchanges.sendError(ex, 400, "invalid_idempotency_key", keyProblem);
      return null;
    }

    if (!isJsonContentType(Exchanges.headerValues(ex, "Content-Type"))) {
      metrics.webhookRejected(WebhookRejection.UNSUPPORTED_MEDIA_TYPE);
      Exchanges.sendError(
          ex, 415, "unsupported_media_type", "Content-Type must be application/json");
      return null;
    }
    if (Exchanges.declaredLength(ex) > maxBodyBytes) {
      tooLarge(ex);
      return null;
    }
    return new Pending(tenant, event, keys.get(0));
  }

  /** Answers 413; at most {@code maxBodyBytes + 1} bytes were ever buffered. */
  void tooLarge(HttpCall ex) throws IOException {
    metrics.webhookRejected(WebhookRejection.BODY_TOO_LARGE);
    Exchanges.sendErrorThenDrain(
        ex, 413, "body_too_large", "the body exceeds " + maxBodyBytes + " bytes", DRAIN_LIMIT);
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The rest, once the body arrived: JSON, envelope, then the use case. */
  void complete(HttpCall ex, Pending pending, byte[] body) throws IOException {
    String tenant = pending.tenant();
    String event = pending.event();
    String key = pending.key();
    JsonNode root;
    try {
      root = Json.read(body);
    } catch (StreamConstraintsException e) {
      metrics.webhookRejected(WebhookRejection.MALFORMED_JSON);
      Exchanges.sendError(
          ex,
          400,
          "malformed_json",
          "JSON exceeds the nesting or size limits (depth " + Json.MAX_NESTING_DEPTH + ")");
      return;
    } catch (IOException e) {
      // JsonProcessingException, or CharConversionException for undecodable bytes
      metrics.webhookRejected(WebhookRejection.MALFORMED_JSON);
      Exchanges.sendError(ex, 400, "malformed_json", "the body is not valid JSON");
      return;
    }
    if (root == null || root.isMissingNode()) {
      metrics.webhookRejected(WebhookRejection.MALFORMED_JSON);
      Exchanges.sendError(ex, 400, "malformed_json", "the body is empty");
      return;
    }

    Envelope.Parsed parsed = Envelope.parse(root);
    if (parsed instanceof Envelope.Invalid invalid) {
      metrics.webhookRejected(WebhookRejection.INVALID_ENVELOPE);
      var err =
          Json.object()
              .put("error", "invalid_envelope")
              .put("field", invalid.field())
              .put("message", invalid.message());
      Exchanges.sendJson(ex, 422, err);
      return;
    }
    Envelope envelope = ((Envelope.Valid) parsed).envelope();

    AcceptResult result;
    try {
      result =
          accept.accept(
              new AcceptWebhookCommand(
                  tenant,
                  event,
                  key,
                  envelope.magentoEntityId(),
                  envelope.websiteId(),
                  envelope.storeId(),
                  envelope.occurredAt()));
    } catch (RuntimeException e) {
      LOG.error(
          "webhook accept failed, answering 503: tenant={} event={} key={}",
          LogSafe.of(tenant),
          LogSafe.of(event),
          LogSafe.of(key),
          e);
      metrics.webhookRejected(WebhookRejection.ACCEPT_FAILED);
      Exchanges.sendUnavailable(ex, "temporarily_unavailable", RETRY_AFTER_SECONDS);
      return;
    }

    if (result instanceof Accepted accepted) {
      if (accepted.syncRunId() == null) {
        LOG.error("webhook accept returned no run id: tenant={}", LogSafe.of(tenant));
        metrics.webhookRejected(WebhookRejection.ACCEPT_FAILED);
        Exchanges.sendUnavailable(ex, "temporarily_unavailable", RETRY_AFTER_SECONDS);
        return;
      }
      LOG.debug(
          "webhook accepted: tenant={} event={} run={} duplicate={}",
          LogSafe.of(tenant),
          LogSafe.of(event),
          accepted.syncRunId(),
          accepted.duplicate());
      EventType.storeEvent(event)
          .ifPresent(type -> metrics.webhookAccepted(type, accepted.duplicate()));
      Exchanges.sendJson(
          ex, 202, Json.object().put("sync_run_id", accepted.syncRunId().toString()));
    } else if (result instanceof UnknownEvent) {
      LOG.warn(
          "webhook for unknown event: tenant={} event={}", LogSafe.of(tenant), LogSafe.of(event));
      metrics.webhookRejected(WebhookRejection.UNKNOWN_EVENT);
      Exchanges.sendError(ex, 404, "unknown_event", null);
    } else if (result instanceof NoBinding) {
      LOG.warn(
          "webhook for a binding removed meanwhile, answering 503: tenant={}", LogSafe.of(tenant));
      metrics.webhookRejected(WebhookRejection.BINDING_UNAVAILABLE);
      Exchanges.sendUnavailable(ex, "binding_unavailable", INACTIVE_RETRY_AFTER_SECONDS);
    } else {
      LOG.error("webhook accept returned an unexpected result: {}", result);
      metrics.webhookRejected(WebhookRejection.ACCEPT_FAILED);
      Exchanges.sendUnavailable(ex, "temporarily_unavailable", RETRY_AFTER_SECONDS);
    }
  }

  /** {@code [tenant, event]} decoded, or empty if the path is not exactly the route's shape. */
  static Optional<String[]> segments(String rawPath) {
    if (!rawPath.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.empty();
    }
    Optional<String> tenant = Exchanges.decodeSegment(parts[0]);
    Optional<String> event = Exchanges.decodeSegment(parts[1]);
    if (tenant.isEmpty() || event.isEmpty() || tenant.get().isEmpty() || event.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new String[] {tenant.get(), event.get()});
  }

  /**
   * Runs the authenticator. Rejections, and failures of the authenticator itself, are logged with
   * the sanitised tenant and reason; the Authorization header is never logged.
   *
   * @throws AuthenticatorUnavailable if the authenticator throws (e.g. its store is down)
   */
  /** What authentication concluded. */
  enum Verdict {
    OK,
    REJECTED,
    /** Signed by the tenant but outside its time window: the clocks disagree; 503. */
    CLOCK_SKEWED
  }

  private Verdict authenticated(HttpCall ex, String tenant) {
    List<String> headers = Exchanges.headerValues(ex, "Authorization");
    if (headers.size() != 1 || headers.get(0) == null || headers.get(0).isBlank()) {
      rejections.webhook(
          tenant,
          headers.isEmpty() ? "missing Authorization header" : "ambiguous Authorization header");
      return Verdict.REJECTED;
    }
    if (tenant.length() > MAX_TENANT_LENGTH) {
      rejections.webhook(tenant.substring(0, MAX_TENANT_LENGTH), "tenant id too long");
      return Verdict.REJECTED;
    }
    WebhookAuthenticator.AuthResult result;
    try {
      result = authenticator.authenticate(tenant, headers.get(0));
    } catch (RuntimeException e) {
      throw new AuthenticatorUnavailable(tenant, e);
    }
    if (result instanceof WebhookAuthenticator.Authenticated ok) {
      if (!tenant.equals(ok.tenantId())) {
        rejections.webhook(tenant, "authenticated tenant differs");
        return Verdict.REJECTED;
      }
      return Verdict.OK;
    }
    if (result instanceof WebhookAuthenticator.ClockSkewed skewed) {
      rejections.webhook(
          tenant,
          "correctly signed but "
              + skewed.reason()
              + ": the store's clock seems "
              + Math.abs(skewed.skewSeconds())
              + " s "
              + (skewed.skewSeconds() >= 0 ? "ahead of" : "behind")
              + " ours; answering 503 until the clocks agree");
      return Verdict.CLOCK_SKEWED;
    }
    String reason =
        result instanceof WebhookAuthenticator.Rejected r ? r.reason() : "no authentication result";
    rejections.webhook(tenant, reason);
    return Verdict.REJECTED;
  }

  /** Null when the key header is acceptable, else a constant explanation. */
  static String idempotencyKeyProblem(List<String> values) {
    if (values.isEmpty()) {
      return "Idempotency-Key header is required";
    }
    if (values.size() > 1) {
      return "Idempotency-Key header must be sent once";
    }
    String key = values.get(0);
    if (key == null || key.isBlank()) {
      return "Idempotency-Key header is blank";
    }
    if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return "Idempotency-Key is longer than " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return "Idempotency-Key must be printable ASCII";
      }
    }
    return null;
  }

  /** Exactly one Content-Type whose media type is application/json; parameters are allowed. */
  static boolean isJsonContentType(List<String> values) {
    if (values.size() != 1 || values.get(0) == null) {
      return false;
    }
    String value = values.get(0);
    int semi = value.indexOf(';');
    String mediaType =
        (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json");
  }

  /** The authenticator itself failed: a retryable condition, answered with 503. */
  static final class AuthenticatorUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthenticatorUnavailable(String tenant, RuntimeException cause) {
      super("authenticator failed for tenant " + LogSafe.of(tenant), cause);
    }
  }
}
