package io.ledgerbridge.adapter.magento;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import io.ledgerbridge.core.syncrun.EntitySyncState;
import io.ledgerbridge.core.syncrun.StoreEntityType;
import io.ledgerbridge.ports.out.ExchangeLog;
import io.ledgerbridge.ports.out.StoreGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The store over HTTP (WIRE §1A): {@code GET /rest/V1/byte8/invoice/:id}, {@code
 * /payment/:invoiceId}, {@code /creditmemo/:id} and {@code POST /rest/V1/byte8/sync-state}, each
 * with a freshly minted inbound JWT.
 *
 * <p>Failures are classified here, once: I/O, timeouts and 3xx are transient {@code http}; 5xx
 * transient {@code provider}; 429 transient {@code rate_limited}; 401/403 permanent {@code auth};
 * 404 permanent {@code not_found}; other 4xx permanent {@code validation}; a 2xx body that is not
 * canonical JSON permanent {@code serde}. Both calls are safe to repeat (a GET, and an upsert that
 * overwrites the entity's whole row), so each is tried a second time at once after an I/O failure,
 * with a new token: that is how a stale pooled keep-alive connection fails. A status is never
 * retried here. The HTTP client must not follow redirects or retry on its own (the factory
 * configures that), since a silent resend would reuse a {@code jti}.
 */
final class MagentoStoreGateway implements StoreGateway {
  static final String SYSTEM = "magento";
  static final String FETCH_INVOICE = "fetch_invoice";
  static final String PUSH_SYNC_STATE = "push_sync_state";
  static final String FETCH_PAYMENT = "fetch_payment";
  static final String FETCH_CREDIT_MEMO = "fetch_credit_memo";
  static final String FETCH_CUSTOMER = "fetch_customer";
  static final String FETCH_PRODUCT = "fetch_product";
  static final String PAIR = "pair";
  static final int MAX_KEPT_BODY_BYTES = 8192;

  /** Most of an answer's body told to the exchange log (the log cuts it further). */
  static final long MAX_LOGGED_BODY_BYTES = 256L * 1024;

  /** The provider key of the Sage module in the store's sync-state mirror (WIRE §0). */
  static final String PROVIDER = "sage_accounting";

  private static final MediaType JSON_UTF8 = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter MYSQL_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final OkHttpClient http;
  private final InboundTokenMinter minter;
  private final Subkeys subkeys = new Subkeys();

  MagentoStoreGateway(OkHttpClient http, InboundTokenMinter minter) {
    this.http = Objects.requireNonNull(http, "http");
    this.minter = Objects.requireNonNull(minter, "minter");
  }

  @Override
  public CanonicalInvoice fetchInvoice(StoreEndpoint store, long invoiceId) {
    return fetch(store, FETCH_INVOICE, "invoice", invoiceId, CanonicalJson::invoice);
  }

  @Override
  public CanonicalPayment fetchPayment(StoreEndpoint store, long invoiceId) {
    return fetch(store, FETCH_PAYMENT, "payment", invoiceId, CanonicalJson::payment);
  }

  @Override
  public CanonicalCreditMemo fetchCreditMemo(StoreEndpoint store, long creditMemoId) {
    return fetch(store, FETCH_CREDIT_MEMO, "creditmemo", creditMemoId, CanonicalJson::creditMemo);
  }

  @Override
  public CanonicalContact fetchCustomer(StoreEndpoint store, long customerId) {
    return fetch(store, FETCH_CUSTOMER, "customer", customerId, CanonicalJson::customer);
  }

  @Override
  public CanonicalProduct fetchProduct(StoreEndpoint store, long productId) {
    return fetch(store, FETCH_PRODUCT, "product", productId, CanonicalJson::product);
  }

  /** {@code GET /rest/V1/byte8/{route}/{id}}, parsed by {@code parser}. */
  private <T> T fetch(
      StoreEndpoint store, String operation, String route, long id, Function<String, T> parser) {
    Objects.requireNonNull(store, "store");
    if (id <= 0) {
      throw permanent(operation, 0, null, ErrorClass.VALIDATION, route + " id must be positive");
    }
    HttpUrl url = url(store, operation, "rest/V1/byte8/" + route + "/" + id);
    String what = "GET /rest/V1/byte8/" + route + "/" + id;
    return call(
        store,
        operation,
        what,
        null,
        () -> authorised(store, operation).url(url).get().build(),
        response -> {
          requireSuccess(response, operation, what);
          return parse(response, operation, what, parser);
        });
  }

  @Override
  public void pushSyncState(StoreEndpoint store, EntitySyncState state) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(state, "state");
    HttpUrl url = url(store, PUSH_SYNC_STATE, "rest/V1/byte8/sync-state");
    String what = "POST /rest/V1/byte8/sync-state";
    byte[] body = syncStateBody(state);
    call(
        store,
        PUSH_SYNC_STATE,
        what,
        body,
        () ->
            authorised(store, PUSH_SYNC_STATE)
                .url(url)
                .post(RequestBody.create(body, JSON_UTF8))
                .build(),
        response -> {
          requireSuccess(response, PUSH_SYNC_STATE, what);
          return null;
        });
  }

  /**
   * {@code POST {store}/rest/V1/byte8/setup/pair} (WIRE §7.2), anonymous, on a fresh connection and
   * sent once: the code is single use, so a resend after a lost answer would be refused although
   * the first request paired the store. A 2xx pairs; 3xx and 4xx (429 aside) are the store's
   * refusal, with its message; 429, 5xx and I/O failures are transient.
   */
  @Override
  public PairingAnswer pair(String storeBaseUrl, PairingRequest request) {
    Objects.requireNonNull(request, "request");
    HttpUrl base = storeBaseUrl == null ? null : HttpUrl.parse(storeBaseUrl);
    if (base == null) {
      throw permanent(PAIR, 0, null, ErrorClass.VALIDATION, "store base URL is not an http(s) URL");
    }
    HttpUrl url = base.newBuilder().addPathSegments("rest/V1/byte8/setup/pair").build();
    ObjectNode body = JSON.createObjectNode();
    body.put("pairing_code", request.pairingCode());
    body.put("tenant_id", request.tenantId());
    body.put("byte8_api_key", request.apiKey());
    body.put("ledger_base_url", request.ledgerBaseUrl());
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the pairing body", e);
    }
    Request post =
        new Request.Builder()
            .url(url)
            .header("Accept", "application/json")
            .post(RequestBody.create(bytes, JSON_UTF8))
            .build();
    String what = "POST /rest/V1/byte8/setup/pair";
    OkHttpClient once =
        http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    try (Response response = once.newCall(post).execute()) {
      int status = response.code();
      if (status >= 200 && status < 300) {
        return new Paired();
      }
      byte[] answer =
          response.body() == null
              ? new byte[0]
              : response.peekBody(MAX_KEPT_BODY_BYTES + 1L).bytes();
      if (status == 429 || status >= 500) {
        throw new TransientGatewayException(
            SYSTEM,
            PAIR,
            status,
            requestId(response),
            classify(status),
            SYSTEM + " " + PAIR + ": " + what + " answered HTTP " + status,
            truncate(answer),
            null);
      }
      if (status >= 300 && status < 400) {
        String location = response.header("Location");
        return new PairingRefused(
            status,
            "the store redirected the pairing request (HTTP "
                + status
                + (location == null ? "" : " to " + LogSafeText.of(location))
                + "): use the store's exact base URL (https, with or without www)");
      }
      if (status == 404) {
        return new PairingRefused(
            status,
            "the store has no pairing route ("
                + what
                + " answered 404): is the Byte8 Sage"
                + " Accounting module installed and enabled, and is the URL the store's base URL?");
      }
      String message = magentoMessage(answer);
      return new PairingRefused(
          status, message == null ? "the store answered HTTP " + status : message);
    } catch (IOException e) {
      throw ioFailure(PAIR, what, e);
    }
  }

  /**
   * The {@code message} of a Magento error body, its {@code %name} placeholders filled from {@code
   * parameters}; null when the body is not such an object.
   */
  static String magentoMessage(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject() || !root.path("message").isTextual()) {
        return null;
      }
      String message = root.get("message").asText();
      JsonNode parameters = root.get("parameters");
      if (parameters != null && parameters.isObject()) {
        for (var it = parameters.fields(); it.hasNext(); ) {
          var e = it.next();
          message = message.replace("%" + e.getKey(), e.getValue().asText());
        }
      } else if (parameters != null && parameters.isArray()) {
        for (int i = 0; i < parameters.size(); i++) {
          message = message.replace("%" + (i + 1), parameters.get(i).asText());
        }
      }
      return LogSafeText.of(message);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Sends a request built afresh for each try (a new token, so a new {@code jti}), trying a second
   * time at once if the first fails on the connection: a pooled keep-alive connection the store
   * closed meanwhile fails that way, and both calls are safe to repeat (a GET, an upsert of the
   * whole row). A second I/O failure is a transient {@code http} failure.
   */
  private <T> T call(
      StoreEndpoint store,
      String operation,
      String what,
      byte[] sent,
      Supplier<Request> request,
      ResponseReader<T> reader) {
    for (int attempt = 1; ; attempt++) {
      Request r = request.get();
      long start = System.nanoTime();
      boolean told = false;
      try (Response response = http.newCall(r).execute()) {
        tell(store, operation, r, sent, response.code(), start, answer(response));
        told = true;
        return reader.read(response);
      } catch (IOException e) {
        if (!told) {
          tell(store, operation, r, sent, null, start, null);
        }
        if (attempt >= 2) {
          throw ioFailure(operation, what, e);
        }
      }
    }
  }

  /** The start of an answer's body for the exchange log (the reader still gets all of it). */
  private static String answer(Response response) throws IOException {
    if (response.body() == null) {
      return null;
    }
    byte[] bytes = response.peekBody(MAX_LOGGED_BODY_BYTES).bytes();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Tells the endpoint's {@link ExchangeLog} of one exchange: method, URL (no user info), status,
   * bodies, duration. Never a header: the bearer token stays here.
   */
  private static void tell(
      StoreEndpoint store,
      String operation,
      Request request,
      byte[] sent,
      Integer status,
      long startNanos,
      String answer) {
    try {
      store
          .exchanges()
          .record(
              new ExchangeLog.Exchange(
                  ExchangeLog.STORE,
                  operation,
                  request.method(),
                  request.url().newBuilder().username("").password("").build().toString(),
                  status,
                  (System.nanoTime() - startNanos) / 1_000_000L,
                  sent == null ? null : new String(sent, StandardCharsets.UTF_8),
                  answer));
    } catch (RuntimeException e) {
      // the log is for people; a failure to keep an entry never fails the call
    }
  }

  @FunctionalInterface
  private interface ResponseReader<T> {
    T read(Response response) throws IOException;
  }

  private Request.Builder authorised(StoreEndpoint store, String operation) {
    return new Request.Builder()
        .header("Authorization", "Bearer " + token(store, operation))
        .header("Accept", "application/json");
  }

  /**
   * The WIRE §4 body of a sync state: the store's entity type words, the provider key {@value
   * #PROVIDER}, the status words {@code synced | skipped | failed}. Every key is always sent
   * (absent values as JSON null, which the store treats as "clear"); {@code last_sync_at} is {@code
   * YYYY-MM-DD HH:MM:SS} UTC.
   */
  static byte[] syncStateBody(EntitySyncState state) {
    ObjectNode body = JSON.createObjectNode();
    body.put("entity_type", entityType(state.entityType()));
    body.put("magento_entity_id", state.storeEntityId());
    body.put("provider", PROVIDER);
    body.put("sync_status", syncStatus(state.status()));
    body.put("provider_entity_id", state.sageId());
    body.put("provider_reference", state.sageReference());
    body.put("skip_reason", state.skipReason() == null ? null : state.skipReason().code());
    body.put("error_code", state.errorClass() == null ? null : state.errorClass().code());
    body.put("last_sync_at", MYSQL_UTC.format(state.at()));
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise sync-state body", e);
    }
  }

  /** The store's {@code entity_type} word (WIRE §4: invoice, creditmemo, customer, product). */
  static String entityType(StoreEntityType type) {
    return switch (type) {
      case INVOICE -> "invoice";
      case CREDITMEMO -> "creditmemo";
      case CUSTOMER -> "customer";
      case PRODUCT -> "product";
    };
  }

  /** The store's {@code sync_status} word; {@code pending} is the store's own and never sent. */
  static String syncStatus(EntitySyncState.Status status) {
    return switch (status) {
      case SYNCED -> "synced";
      case SKIPPED -> "skipped";
      case FAILED -> "failed";
    };
  }

  private String token(StoreEndpoint store, String operation) {
    if (store.apiKey() == null || store.apiKey().isEmpty() || store.tenantId() == null) {
      throw permanent(
          operation, 0, null, ErrorClass.AUTH, "store endpoint lacks tenant or api key");
    }
    byte[] key = subkeys.inbound(store.apiKey());
    try {
      return minter.mint(store.tenantId(), key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static HttpUrl url(StoreEndpoint store, String operation, String path) {
    HttpUrl base = store.baseUrl() == null ? null : HttpUrl.parse(store.baseUrl());
    if (base == null) {
      throw permanent(
          operation, 0, null, ErrorClass.VALIDATION, "store base URL is not an http(s) URL");
    }
    return base.newBuilder().addPathSegments(path).build();
  }

  private static <T> T parse(
      Response response, String operation, String what, Function<String, T> parser)
      throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = body == null ? new byte[0] : body.bytes();
    try {
      return parser.apply(new String(bytes, StandardCharsets.UTF_8));
    } catch (CanonicalJson.CanonicalJsonException e) {
      throw new PermanentGatewayException(
          SYSTEM,
          operation,
          response.code(),
          requestId(response),
          ErrorClass.SERDE,
          SYSTEM
              + " "
              + operation
              + ": "
              + what
              + " returned non-canonical JSON: "
              + e.getMessage(),
          truncate(bytes),
          null);
    }
  }

  /** Returns normally for 2xx; otherwise throws the classified gateway exception. */
  private static void requireSuccess(Response response, String operation, String what)
      throws IOException {
    int status = response.code();
    if (status >= 200 && status < 300) {
      return;
    }
    String body =
        response.body() == null
            ? null
            : truncate(response.peekBody(MAX_KEPT_BODY_BYTES + 1L).bytes());
    String message = SYSTEM + " " + operation + ": " + what + " answered HTTP " + status;
    String requestId = requestId(response);
    ErrorClass errorClass = classify(status);
    if (isTransient(status)) {
      throw new TransientGatewayException(
          SYSTEM, operation, status, requestId, errorClass, message, body, null);
    }
    throw new PermanentGatewayException(
        SYSTEM, operation, status, requestId, errorClass, message, body, null);
  }

  static ErrorClass classify(int status) {
    if (status == 401 || status == 403) {
      return ErrorClass.AUTH;
    }
    if (status == 404) {
      return ErrorClass.NOT_FOUND;
    }
    if (status == 429) {
      return ErrorClass.RATE_LIMITED;
    }
    if (status >= 400 && status < 500) {
      return ErrorClass.VALIDATION;
    }
    if (status >= 500 && status < 600) {
      return ErrorClass.PROVIDER;
    }
    return ErrorClass.HTTP;
  }

  static boolean isTransient(int status) {
    return status == 429 || status < 400 || status >= 500;
  }

  private static GatewayException ioFailure(String operation, String what, IOException e) {
    return new TransientGatewayException(
        SYSTEM,
        operation,
        0,
        null,
        ErrorClass.HTTP,
        SYSTEM + " " + operation + ": " + what + " failed: " + e.getClass().getSimpleName(),
        null,
        e);
  }

  private static PermanentGatewayException permanent(
      String operation, int status, String requestId, ErrorClass errorClass, String detail) {
    return new PermanentGatewayException(
        SYSTEM,
        operation,
        status,
        requestId,
        errorClass,
        SYSTEM + " " + operation + ": " + detail,
        null,
        null);
  }

  private static String requestId(Response response) {
    return response.header("X-Request-Id");
  }

  /** At most 8 KB of a response body, marked when cut. */
  static String truncate(byte[] bytes) {
    if (bytes.length <= MAX_KEPT_BODY_BYTES) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return new String(bytes, 0, MAX_KEPT_BODY_BYTES, StandardCharsets.UTF_8) + "…[truncated]";
  }
}
