package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code POST /V1/byte8/setup/pair} service (WIRE §7.2, §7.3; {@code Model/Setup/Pair}). The
 * route is {@code anonymous}: the pairing code in the body is the credential. In order, first
 * failure answers:
 *
 * <ol>
 *   <li>framework: body not JSON, 400 {@code Decoding error.}; a parameter absent or null, 400
 *       {@code "%fieldName" is required...} (several: {@code One or more input exceptions...}); an
 *       array or object where a string is declared, 400 type invalid;
 *   <li>any value empty after PHP {@code trim} (the URL also loses trailing {@code /}), 400 {@code
 *       pairing_code, tenant_id, byte8_api_key and ledger_base_url are all required.};
 *   <li>URL not matching {@code ^https?://[^/]+}, 400 {@code ledger_base_url must be an absolute
 *       http(s) URL.};
 *   <li>no code pending, expired, or a hash mismatch: 401 {@code Invalid or expired pairing code.}
 *       (the reason is only logged);
 *   <li>otherwise 200 {@code []}: tenant, key and base URL are stored and the code is consumed.
 * </ol>
 *
 * There is no format check on the code: anything that is not the pending code is a mismatch.
 */
final class SetupPair {

  static final String ALL_REQUIRED =
      "pairing_code, tenant_id, byte8_api_key and ledger_base_url are all required.";
  static final String BAD_URL = "ledger_base_url must be an absolute http(s) URL.";
  static final String INVALID_CODE = "Invalid or expired pairing code.";

  private static final Pattern ABSOLUTE_HTTP_URL = Pattern.compile("^https?://[^/]+");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Logger LOG = LoggerFactory.getLogger(SetupPair.class);

  private final StoreConnection connection;
  private final Runnable onPaired;
  private final List<PairCall> calls = new CopyOnWriteArrayList<>();

  /**
   * @param onPaired runs after a successful pairing (the store wakes its outbox so rows waiting
   *     while unconnected go out with the new credentials)
   */
  SetupPair(StoreConnection connection, Runnable onPaired) {
    this.connection = connection;
    this.onPaired = onPaired;
  }

  List<PairCall> calls() {
    return List.copyOf(calls);
  }

  /** Answers one request and records it; the returned call carries the status and body. */
  PairCall pair(String rawBody, Instant now) {
    Answer answer = answer(rawBody, now);
    PairCall call = new PairCall(now, rawBody, answer.status, answer.body, answer.logged);
    calls.add(call);
    if (call.accepted()) {
      onPaired.run();
    }
    return call;
  }

  private record Answer(int status, String body, String logged) {
    static Answer badRequest(String body) {
      return new Answer(400, body, null);
    }
  }

  private Answer answer(String rawBody, Instant now) {
    JsonNode body = parse(rawBody);
    if (body == null) {
      return Answer.badRequest(CanonicalJson.message("Decoding error."));
    }
    String missing =
        WebapiInput.missingRequired(
            body, "pairingCode", "tenantId", "byte8ApiKey", "ledgerBaseUrl");
    if (missing != null) {
      return Answer.badRequest(missing);
    }
    String[] values = new String[4];
    String[] names = {"pairingCode", "tenantId", "byte8ApiKey", "ledgerBaseUrl"};
    for (int i = 0; i < names.length; i++) {
      values[i] = WebapiInput.asString(WebapiInput.param(body, names[i]));
      if (values[i] == null) {
        return Answer.badRequest(WebapiInput.typeInvalid("array", "string"));
      }
    }
    String code = phpTrim(values[0]);
    String tenantId = phpTrim(values[1]);
    String apiKey = phpTrim(values[2]);
    String baseUrl = stripTrailingSlashes(phpTrim(values[3]));
    if (code.isEmpty() || tenantId.isEmpty() || apiKey.isEmpty() || baseUrl.isEmpty()) {
      return Answer.badRequest(CanonicalJson.message(ALL_REQUIRED));
    }
    if (!ABSOLUTE_HTTP_URL.matcher(baseUrl).lookingAt()) {
      return Answer.badRequest(CanonicalJson.message(BAD_URL));
    }
    StoreConnection.PairOutcome outcome = connection.pair(code, tenantId, apiKey, baseUrl, now);
    if (outcome != StoreConnection.PairOutcome.PAIRED) {
      LOG.warn("sandbox store: /setup/pair rejected — {}", outcome.logged());
      return new Answer(401, CanonicalJson.message(INVALID_CODE), outcome.logged());
    }
    LOG.info("sandbox store: paired successfully for tenant {}", tenantId);
    return new Answer(200, "[]", null);
  }

  /**
   * The REST request body as Magento 2.4 reads it: empty content is no parameters, text that is not
   * JSON is null ({@code Decoding error.}), and a JSON value that is not an object has no named
   * parameters.
   */
  private static JsonNode parse(String rawBody) {
    if (rawBody.isEmpty()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(rawBody);
      if (node == null || node.isMissingNode()) {
        return null;
      }
      return node.isObject() ? node : JSON.createObjectNode();
    } catch (IOException e) {
      return null;
    }
  }

  /** PHP {@code trim()}: strips space, tab, LF, CR, NUL and vertical tab from both ends. */
  static String phpTrim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPhpTrimmed(s.charAt(start))) {
      start++;
    }
    while (end > start && isPhpTrimmed(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isPhpTrimmed(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == 0x0B;
  }

  /** PHP {@code rtrim($s, '/')}. */
  private static String stripTrailingSlashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }
}
