package io.ledgerbridge.bench.reliability;

import io.ledgerbridge.bench.reliability.WebhookTokens.Claims;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The hostile webhook catalogue (issue 5). Each case breaks one thing in an otherwise valid
 * delivery and expects the answer WIRE calls for:
 *
 * <ul>
 *   <li>202 and one stored run for what the store may legitimately send (controls);
 *   <li>401 for anything wrong with the token or the tenant (§2.4; generic body, nothing stored,
 *       checked before anything else);
 *   <li>400 for a missing or unusable Idempotency-Key and for bytes that are not JSON;
 *   <li>415 for a non-JSON Content-Type, 413 over the body limit, 422 for a JSON envelope of the
 *       wrong shape (§5.1), 404 for an unknown event or a path of the wrong shape, 405 for another
 *       method;
 *   <li>never a 5xx: the store retries a 5xx for days (§6.3), and bad input does not get better.
 *       Every 4xx here is deterministic: the store re-sends the same bytes, so it would fail again.
 * </ul>
 */
public final class HostileWebhookCases {
  public static final String JWT = "jwt";
  public static final String AUTH_HEADER = "authorization-header";
  public static final String IDEMPOTENCY = "idempotency-key";
  public static final String CONTENT_TYPE = "content-type";
  public static final String JSON_SYNTAX = "json-syntax";
  public static final String ENVELOPE = "envelope";
  public static final String SIZE = "size";
  public static final String ENCODING = "encoding";
  public static final String HOSTILE_STRINGS = "hostile-strings";
  public static final String ROUTING = "routing";
  public static final String PROTOCOL = "http-protocol";

  private static final String BAD_TOKEN =
      "401: token check (WIRE §2.4), generic body, nothing stored";
  private static final String OK = "202: what the store may send (control)";
  private static final String MALFORMED = "400: not JSON; the same bytes fail on every retry";
  private static final String SHAPE = "422: JSON of the wrong envelope shape (WIRE §5.1)";
  private static final String KEY =
      "400: Idempotency-Key must be sent once, 1..128 printable ASCII";
  private static final String MEDIA = "415: Content-Type must be application/json";
  private static final String UNKNOWN_EVENT = "404: not one of the five events (WIRE §5.2)";

  private HostileWebhookCases() {}

  /** The whole catalogue, {@link HostileCase#id()}s unique, in run order. */
  public static List<HostileCase> all() {
    List<HostileCase> cases = new ArrayList<>();
    jwt(cases);
    authorizationHeader(cases);
    idempotencyKey(cases);
    contentType(cases);
    jsonSyntax(cases);
    envelope(cases);
    size(cases);
    encoding(cases);
    hostileStrings(cases);
    routing(cases);
    protocol(cases);
    Set<String> names = new HashSet<>();
    for (HostileCase c : cases) {
      if (!names.add(c.id())) {
        throw new IllegalStateException("duplicate case " + c.id());
      }
    }
    return Collections.unmodifiableList(cases);
  }

  /** Case count per category, in catalogue order. */
  public static Map<String, Integer> countByCategory(List<HostileCase> cases) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    cases.forEach(c -> counts.merge(c.category(), 1, Integer::sum));
    return counts;
  }

  // ------------------------------------------------------------------ JWT

  private static void jwt(List<HostileCase> cases) {
    cases.add(HostileCase.of(JWT, "valid-token-control", 202, OK, CaseContext::valid));
    cases.add(
        HostileCase.of(
            JWT,
            "other-tenant-valid-on-its-own-path-control",
            202,
            OK + "; the second binding is live",
            c ->
                c.valid()
                    .target(CaseContext.path(c.otherTenant(), CaseContext.EVENT))
                    .header("Authorization", bearer(otherTenantToken(c)))));
    cases.add(
        token(
            "wrong-key",
            401,
            c ->
                WebhookTokens.sign(
                    WebhookTokens.STORE_HEADER,
                    c.claims().toJson(),
                    WebhookTokens.outboundKey("not-the-" + c.apiKey()))));
    cases.add(
        token(
            "other-tenants-key-with-our-sub",
            401,
            c ->
                WebhookTokens.sign(
                    WebhookTokens.STORE_HEADER,
                    c.claims().toJson(),
                    WebhookTokens.outboundKey(c.otherApiKey()))));
    cases.add(token("other-tenants-token-on-our-path", 401, HostileWebhookCases::otherTenantToken));
    cases.add(
        HostileCase.of(
            JWT,
            "our-token-on-other-tenants-path",
            401,
            BAD_TOKEN + "; sub must equal the path tenant",
            c -> c.valid().target(CaseContext.path(c.otherTenant(), CaseContext.EVENT))));
    cases.add(
        token(
            "inbound-subkey-instead-of-outbound",
            401,
            c ->
                WebhookTokens.sign(
                    WebhookTokens.STORE_HEADER,
                    c.claims().toJson(),
                    WebhookTokens.inboundKey(c.apiKey()))));
    cases.add(
        token(
            "master-key-used-directly",
            401,
            c ->
                WebhookTokens.sign(
                    WebhookTokens.STORE_HEADER,
                    c.claims().toJson(),
                    c.apiKey().getBytes(StandardCharsets.UTF_8))));
    cases.add(
        token(
            "alg-none-empty-signature",
            401,
            c ->
                WebhookTokens.segment("{\"alg\":\"none\",\"typ\":\"JWT\"}")
                    + "."
                    + WebhookTokens.segment(c.claims().toJson())
                    + "."));
    cases.add(
        token(
            "alg-none-with-valid-hs256-signature",
            401,
            c -> c.token("{\"alg\":\"none\",\"typ\":\"JWT\"}", c.claims())));
    cases.add(
        token(
            "alg-rs256-header",
            401,
            c -> c.token("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", c.claims())));
    cases.add(
        token(
            "alg-hs512-honestly-signed",
            401,
            c ->
                WebhookTokens.sign(
                    "{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
                    c.claims().toJson(),
                    WebhookTokens.outboundKey(c.apiKey()),
                    "HmacSHA512")));
    cases.add(
        token(
            "alg-lowercase-hs256",
            401,
            c -> c.token("{\"alg\":\"hs256\",\"typ\":\"JWT\"}", c.claims())));
    cases.add(token("alg-missing", 401, c -> c.token("{\"typ\":\"JWT\"}", c.claims())));
    cases.add(
        HostileCase.of(
            JWT,
            "typ-missing-accepted",
            202,
            OK + "; the verifier requires typ only if present",
            c -> withToken(c, c.token("{\"alg\":\"HS256\"}", c.claims()))));
    cases.add(
        token(
            "typ-lowercase-jwt",
            401,
            c -> c.token("{\"alg\":\"HS256\",\"typ\":\"jwt\"}", c.claims())));
    cases.add(
        token(
            "crit-header",
            401,
            c ->
                c.token(
                    "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"crit\":[\"b64\"],\"b64\":false}",
                    c.claims())));
    cases.add(
        token(
            "header-not-json",
            401,
            c -> {
              String t = c.token();
              return WebhookTokens.segment("alg=HS256") + t.substring(t.indexOf('.'));
            }));
    cases.add(
        token(
            "header-json-array",
            401,
            c ->
                WebhookTokens.sign(
                    "[\"HS256\"]", c.claims().toJson(), WebhookTokens.outboundKey(c.apiKey()))));

    for (String claim : List.of("iat", "nbf", "exp")) {
      cases.add(claim(claim + "-missing", cl -> cl.remove(claim)));
      cases.add(
          claim(claim + "-numeric-string", cl -> cl.raw(claim, "\"" + 1_900_000_000L + "\"")));
    }
    cases.add(claim("iat-float-exponent", cl -> cl.raw("iat", "1.7e9")));
    cases.add(claimAt("iat-float-with-zero-fraction", (c, cl) -> cl.raw("iat", c.now() + ".0")));
    cases.add(claim("iat-boolean", cl -> cl.raw("iat", "true")));
    cases.add(claim("iat-null", cl -> cl.raw("iat", "null")));
    cases.add(claimAt("exp-float", (c, cl) -> cl.raw("exp", (c.now() + 60) + ".5")));
    cases.add(claim("iat-beyond-64-bits", cl -> cl.raw("iat", "92233720368547758070")));
    for (String claim : List.of("iss", "aud", "sub", "jti")) {
      cases.add(claim(claim + "-missing", cl -> cl.remove(claim)));
    }
    cases.add(claim("iss-wrong", cl -> cl.text("iss", "Magento")));
    cases.add(claim("iss-ledger-direction", cl -> cl.text("iss", "byte8-ledger")));
    cases.add(claim("aud-wrong", cl -> cl.text("aud", "magento")));
    cases.add(claim("aud-as-array", cl -> cl.raw("aud", "[\"byte8-ledger\"]")));
    cases.add(claimAt("sub-other-tenant", (c, cl) -> cl.text("sub", c.otherTenant())));
    cases.add(claim("sub-number", cl -> cl.raw("sub", "1")));
    cases.add(claim("jti-empty", cl -> cl.text("jti", "")));
    cases.add(claim("jti-number", cl -> cl.raw("jti", "12345")));
    cases.add(
        claimAt(
            "duplicate-sub-claim",
            (c, cl) ->
                cl.raw(
                    "sub",
                    WebhookTokens.quote(c.tenant())
                        + ",\"sub\":"
                        + WebhookTokens.quote(c.otherTenant()))));
    cases.add(
        clockSkewAt(
            "expired",
            (c, cl) ->
                cl.number("iat", c.now() - 250)
                    .number("nbf", c.now() - 250)
                    .number("exp", c.now() - 190)));
    cases.add(
        HostileCase.of(
            JWT,
            "expired-within-skew-accepted",
            202,
            OK + "; exp 30 s ago is inside the 60 s skew",
            c ->
                withToken(
                    c,
                    c.token(
                        c.claims()
                            .number("iat", c.now() - 90)
                            .number("nbf", c.now() - 90)
                            .number("exp", c.now() - 30)))));
    cases.add(
        clockSkewAt(
            "iat-in-future-beyond-skew",
            (c, cl) ->
                cl.number("iat", c.now() + 600)
                    .number("nbf", c.now() + 600)
                    .number("exp", c.now() + 660)));
    cases.add(
        clockSkewAt(
            "nbf-in-future-beyond-skew",
            (c, cl) -> cl.number("nbf", c.now() + 200).number("exp", c.now() + 260)));
    cases.add(
        HostileCase.of(
            JWT,
            "iat-in-future-within-skew-accepted",
            202,
            OK + "; a store clock 20 s ahead is inside the 60 s skew",
            c ->
                withToken(
                    c,
                    c.token(
                        c.claims()
                            .number("iat", c.now() + 20)
                            .number("nbf", c.now() + 20)
                            .number("exp", c.now() + 80)))));
    cases.add(claimAt("lifetime-301-seconds", (c, cl) -> cl.number("exp", c.now() + 301)));
    cases.add(
        HostileCase.of(
            JWT,
            "lifetime-300-seconds-accepted",
            202,
            OK + "; exactly the 300 s ceiling",
            c -> withToken(c, c.token(c.claims().number("exp", c.now() + 300)))));
    cases.add(claimAt("exp-before-iat", (c, cl) -> cl.number("exp", c.now() - 3600)));
    cases.add(
        new HostileCase(
            "replayed-jti-after-rejected-delivery",
            JWT,
            401,
            0,
            BAD_TOKEN
                + "; a verified jti is burnt even if a later check (here the missing key) fails",
            c -> {
              String token = c.token();
              HostileRequest first = withToken(c, token).without("Idempotency-Key");
              return List.of(first, withToken(c, token));
            }));
    cases.add(
        new HostileCase(
            "replayed-jti-after-accepted-delivery",
            JWT,
            401,
            1,
            BAD_TOKEN + "; the set-up delivery stores the only run",
            c -> {
              String token = c.token();
              return List.of(withToken(c, token), withToken(c, token));
            }));
    cases.add(
        new HostileCase(
            "same-idempotency-key-fresh-token-is-a-duplicate",
            JWT,
            202,
            1,
            "202 with the first run id: the store re-sends with a new jti (WIRE §2.4, §6.3)",
            c -> {
              String key = c.idempotencyKey();
              String body = c.validBody();
              return List.of(
                  c.valid().header("Idempotency-Key", key).body(body),
                  c.valid().header("Idempotency-Key", key).body(body));
            }));
    cases.add(
        token(
            "truncated-signature",
            401,
            c -> {
              String t = c.token();
              return t.substring(0, t.length() - 1);
            }));
    cases.add(
        token(
            "truncated-payload-segment",
            401,
            c -> {
              String[] p = c.token().split("\\.");
              return p[0] + "." + p[1].substring(0, p[1].length() - 3) + "." + p[2];
            }));
    cases.add(token("signature-padded-with-equals", 401, c -> c.token() + "="));
    cases.add(
        token(
            "payload-padded-with-equals",
            401,
            c -> {
              String[] p = c.token().split("\\.");
              return p[0] + "." + p[1] + "==." + p[2];
            }));
    cases.add(
        token(
            "signature-non-canonical-trailing-bits",
            401,
            c -> {
              String t = c.token();
              return t.substring(0, t.length() - 1) + flipLowBit(t.charAt(t.length() - 1));
            }));
    cases.add(
        token(
            "signature-bit-flipped",
            401,
            c -> {
              String t = c.token();
              int i = t.lastIndexOf('.') + 5;
              return t.substring(0, i) + (t.charAt(i) == 'A' ? 'B' : 'A') + t.substring(i + 1);
            }));
    cases.add(
        token(
            "payload-swapped-signature-kept",
            401,
            c -> {
              String[] p = c.token().split("\\.");
              String forged =
                  WebhookTokens.segment(c.claims().number("exp", c.now() + 300).toJson());
              return p[0] + "." + forged + "." + p[2];
            }));
    cases.add(
        token("extra-fourth-segment", 401, c -> c.token() + "." + WebhookTokens.segment("{}")));
    cases.add(
        token(
            "two-segments",
            401,
            c -> {
              String t = c.token();
              return t.substring(0, t.lastIndexOf('.'));
            }));
    cases.add(
        token(
            "standard-base64-alphabet",
            401,
            c -> {
              String t = c.token();
              int i = t.lastIndexOf('.') + 3;
              return t.substring(0, i) + "+/" + t.substring(i + 2);
            }));
    cases.add(
        token(
            "non-base64-characters",
            401,
            c -> {
              String t = c.token();
              int i = t.indexOf('.') + 2;
              return t.substring(0, i) + "!$" + t.substring(i + 2);
            }));
    cases.add(
        HostileCase.of(
            JWT,
            "huge-16kb-token-correctly-signed",
            431,
            "431: the request headers exceed the server's 8 KiB cap before any handler runs",
            c -> withToken(c, c.token(c.claims().text("pad", "x".repeat(12_000))))));
    cases.add(
        HostileCase.of(
            JWT, "token-is-empty-json-objects", 401, BAD_TOKEN, c -> withToken(c, "e30.e30.e30")));
  }

  private static String otherTenantToken(CaseContext c) {
    return WebhookTokens.sign(
        WebhookTokens.STORE_HEADER,
        Claims.store(c.otherTenant(), c.now(), c.jti()).toJson(),
        WebhookTokens.outboundKey(c.otherApiKey()));
  }

  private static char flipLowBit(char base64Url) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int v = alphabet.indexOf(base64Url);
    return alphabet.charAt(v ^ 1);
  }

  private static HostileCase token(String name, int status, Function<CaseContext, String> token) {
    return HostileCase.of(JWT, name, status, BAD_TOKEN, c -> withToken(c, token.apply(c)));
  }

  private static HostileCase claim(String name, java.util.function.UnaryOperator<Claims> change) {
    return HostileCase.of(
        JWT, name, 401, BAD_TOKEN, c -> withToken(c, c.token(change.apply(c.claims()))));
  }

  private static HostileCase claimAt(
      String name, java.util.function.BiFunction<CaseContext, Claims, Claims> change) {
    return HostileCase.of(
        JWT, name, 401, BAD_TOKEN, c -> withToken(c, c.token(change.apply(c, c.claims()))));
  }

  /**
   * A correctly signed token outside its time window: the clocks disagree, and the store signs
   * every retry afresh, so the answer is 503 (a 4xx would dead-letter the event forever).
   */
  private static HostileCase clockSkewAt(
      String name, java.util.function.BiFunction<CaseContext, Claims, Claims> change) {
    return HostileCase.of(
        JWT,
        name,
        503,
        "503: signed by the tenant's key but outside its time window; a clock problem a retry with"
            + " a fresh token can fix",
        c -> withToken(c, c.token(change.apply(c, c.claims()))));
  }

  private static HostileRequest withToken(CaseContext c, String token) {
    return c.valid().header("Authorization", bearer(token));
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  // ------------------------------------------------------- Authorization header

  private static void authorizationHeader(List<HostileCase> cases) {
    String bad = "401: no usable Bearer token";
    cases.add(
        HostileCase.of(AUTH_HEADER, "missing", 401, bad, c -> c.valid().without("Authorization")));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "scheme-missing",
            401,
            bad,
            c -> c.valid().header("Authorization", c.token())));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "scheme-lowercase-accepted",
            202,
            OK + "; auth schemes are case-insensitive (RFC 9110 §11.1)",
            c -> c.valid().header("Authorization", "bearer " + c.token())));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "scheme-uppercase-accepted",
            202,
            OK + "; auth schemes are case-insensitive (RFC 9110 §11.1)",
            c -> c.valid().header("Authorization", "BEARER " + c.token())));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "double-space-after-scheme",
            401,
            bad + "; the store sends exactly one space",
            c -> c.valid().header("Authorization", "Bearer  " + c.token())));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "tab-after-scheme-rejected",
            401,
            "401: the Bearer scheme is followed by exactly one SP (RFC 6750 §2.1); the server keeps"
                + " the HTAB, so this is not a Bearer credential",
            c -> c.valid().header("Authorization", "Bearer\t" + c.token()).raw()));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "scheme-only",
            401,
            bad,
            c -> c.valid().header("Authorization", "Bearer").raw()));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "empty-value",
            401,
            bad,
            c -> c.valid().header("Authorization", "").raw()));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "basic-with-tenant-and-api-key",
            401,
            bad + "; the api key in the request must not come back",
            c ->
                c.valid()
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString(
                                    (c.tenant() + ":" + c.apiKey())
                                        .getBytes(StandardCharsets.UTF_8)))));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "api-key-as-bearer",
            401,
            bad + "; the master key never signs or authenticates (WIRE §2.1)",
            c -> c.valid().header("Authorization", bearer(c.apiKey()))));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "duplicate-authorization-both-valid",
            401,
            bad + "; two Authorization headers are ambiguous",
            c -> c.valid().addHeader("Authorization", bearer(c.token())).raw()));
    cases.add(
        HostileCase.of(
            AUTH_HEADER,
            "token-with-embedded-space",
            401,
            bad,
            c -> {
              String t = c.token();
              return c.valid()
                  .header("Authorization", bearer(t.substring(0, 10) + " " + t.substring(10)));
            }));
  }

  // ------------------------------------------------------------ Idempotency-Key

  private static void idempotencyKey(List<HostileCase> cases) {
    cases.add(
        HostileCase.of(
            IDEMPOTENCY, "missing", 400, KEY, c -> c.valid().without("Idempotency-Key")));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY, "empty", 400, KEY, c -> c.valid().header("Idempotency-Key", "").raw()));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "whitespace-only",
            400,
            KEY,
            c -> c.valid().header("Idempotency-Key", "   ").raw()));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "duplicate-different-values",
            400,
            KEY,
            c -> c.valid().addHeader("Idempotency-Key", c.idempotencyKey()).raw()));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "duplicate-identical-values",
            400,
            KEY,
            c -> {
              HostileRequest r = c.valid();
              return r.addHeader("Idempotency-Key", r.firstHeader("Idempotency-Key").orElseThrow())
                  .raw();
            }));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "overlong-129-chars",
            400,
            KEY,
            c -> c.valid().header("Idempotency-Key", pad(c.idempotencyKey(), 129))));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "overlong-8k-chars",
            431,
            "431: the request headers exceed the server's 8 KiB cap before any handler runs",
            c -> c.valid().header("Idempotency-Key", pad(c.idempotencyKey(), 8192))));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "exactly-128-chars-accepted",
            202,
            OK + "; the outbox column holds 128 (WIRE §5.1)",
            c -> c.valid().header("Idempotency-Key", pad(c.idempotencyKey(), 128))));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "utf8-bytes",
            400,
            KEY,
            c -> c.valid().header("Idempotency-Key", latin1(c.idempotencyKey() + "-café")).raw()));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "tab-inside-rejected",
            400,
            "400: the server keeps the HTAB, and a key must be printable ASCII",
            c -> c.valid().header("Idempotency-Key", c.idempotencyKey() + "\tx").raw()));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "crlf-header-injection-splits-into-two-headers",
            202,
            "202: on the wire CRLF ends the header, so the key is the part before it and the"
                + " injected header is just another header; it must not be echoed",
            c ->
                c.valid()
                    .header("Idempotency-Key", c.idempotencyKey() + "\r\nX-Injected: hostile")
                    .raw()));
    cases.add(
        HostileCase.of(
            IDEMPOTENCY,
            "obs-fold-continuation-line-rejected",
            400,
            "400: RFC 9112 §5.2 lets a server reject obsolete line folding; the server does",
            c ->
                c.valid().header("Idempotency-Key", c.idempotencyKey() + "\r\n\tcontinued").raw()));
  }

  private static String pad(String key, int length) {
    return key + "-" + "k".repeat(Math.max(0, length - key.length() - 1));
  }

  /** UTF-8 bytes of {@code text} as ISO-8859-1 chars, so the raw transport writes those bytes. */
  private static String latin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  // ---------------------------------------------------------------- Content-Type

  private static void contentType(List<HostileCase> cases) {
    cases.add(
        HostileCase.of(
            CONTENT_TYPE,
            "text-plain",
            415,
            MEDIA,
            c -> c.valid().header("Content-Type", "text/plain")));
    cases.add(
        HostileCase.of(
            CONTENT_TYPE, "missing", 415, MEDIA, c -> c.valid().without("Content-Type")));
    cases.add(
        HostileCase.of(
            CONTENT_TYPE, "empty", 415, MEDIA, c -> c.valid().header("Content-Type", "").raw()));
    cases.add(
        HostileCase.of(
            CONTENT_TYPE,
            "form-urlencoded",
            415,
            MEDIA,
            c -> c.valid().header("Content-Type", "application/x-www-form-urlencoded")));
    cases.add(
        HostileCase.of(
            CONTENT_TYPE,
            "json-suffix-type",
            415,
            MEDIA,
            c -> c.valid().header("Content-Type", "application/merge-patch+json")));
    cases.add(
        HostileCase.of(
            CONTENT_TYPE,
            "duplicate-headers",
            415,
            MEDIA,
            c -> c.valid().addHeader("Content-Type", "application/json").raw()));
    cases.add(
        HostileCase.of(
            CONTENT_TYPE,
            "charset-parameter-accepted",
            202,
            OK + "; media type parameters are allowed",
            c -> c.valid().header("Content-Type", "application/json; charset=utf-8")));
    cases.add(
        HostileCase.of(
            CONTENT_TYPE,
            "uppercase-media-type-accepted",
            202,
            OK + "; media types are case-insensitive (RFC 9110 §8.3.1)",
            c -> c.valid().header("Content-Type", "APPLICATION/JSON")));
  }

  // ---------------------------------------------------------------- JSON syntax

  private static void jsonSyntax(List<HostileCase> cases) {
    cases.add(body(JSON_SYNTAX, "truncated-json", 400, MALFORMED, c -> "{\"magento_entity_id\":"));
    cases.add(body(JSON_SYNTAX, "empty-body", 400, MALFORMED, c -> ""));
    cases.add(body(JSON_SYNTAX, "whitespace-only-body", 400, MALFORMED, c -> " \r\n\t "));
    cases.add(body(JSON_SYNTAX, "trailing-garbage", 400, MALFORMED, c -> c.validBody() + " {}"));
    cases.add(
        body(
            JSON_SYNTAX,
            "duplicate-keys",
            400,
            MALFORMED + "; duplicate keys are ambiguous",
            c -> "{\"magento_entity_id\":1," + c.validBody().substring(1)));
    cases.add(
        body(JSON_SYNTAX, "single-quoted", 400, MALFORMED, c -> c.validBody().replace('"', '\'')));
    cases.add(body(JSON_SYNTAX, "with-comment", 400, MALFORMED, c -> "/* hi */" + c.validBody()));
    cases.add(
        body(
            JSON_SYNTAX,
            "nan-literal",
            400,
            MALFORMED,
            c -> c.validBody().replace("\"website_id\":1", "\"website_id\":NaN")));
    cases.add(
        body(
            JSON_SYNTAX,
            "raw-control-character-in-string",
            400,
            MALFORMED + "; JSON forbids unescaped control characters",
            c -> c.body(c.entityId(), "{\"increment_id\":\"A\u0001B\"}")));
    cases.add(
        body(
            JSON_SYNTAX,
            "raw-nul-in-string",
            400,
            MALFORMED,
            c -> c.body(c.entityId(), "{\"increment_id\":\"A\u0000B\"}")));
    cases.add(
        body(
            JSON_SYNTAX,
            "number-with-200-digits",
            400,
            MALFORMED + "; beyond the parser's number length limit",
            c ->
                c.validBody()
                    .replaceFirst(
                        "\"magento_entity_id\":\\d+", "\"magento_entity_id\":" + "9".repeat(200))));
    cases.add(
        body(
            JSON_SYNTAX,
            "nesting-1000-levels-in-payload",
            400,
            MALFORMED + "; beyond the nesting limit",
            c -> c.body(c.entityId(), "[".repeat(1000) + "]".repeat(1000))));
    cases.add(
        body(
            JSON_SYNTAX,
            "nesting-100000-levels-at-root",
            400,
            MALFORMED + "; beyond the nesting limit, no stack overflow",
            c -> "[".repeat(100_000) + "]".repeat(100_000)));
    cases.add(
        body(
            JSON_SYNTAX,
            "nesting-40-levels-accepted",
            202,
            OK + "; payload is opaque and within the nesting limit",
            c -> c.body(c.entityId(), "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}")));
  }

  // ------------------------------------------------------------------ envelope

  private static void envelope(List<HostileCase> cases) {
    cases.add(body(ENVELOPE, "root-array", 422, SHAPE, c -> "[" + c.validBody() + "]"));
    cases.add(body(ENVELOPE, "root-empty-array", 422, SHAPE, c -> "[]"));
    cases.add(body(ENVELOPE, "root-string", 422, SHAPE, c -> "\"invoice\""));
    cases.add(body(ENVELOPE, "root-number", 422, SHAPE, c -> "42"));
    cases.add(body(ENVELOPE, "root-null", 422, SHAPE, c -> "null"));
    cases.add(body(ENVELOPE, "root-empty-object", 422, SHAPE, c -> "{}"));
    cases.add(entityId("entity-id-string", "\"42\""));
    cases.add(entityId("entity-id-float", "42.5"));
    cases.add(entityId("entity-id-float-zero-fraction", "42.0"));
    cases.add(entityId("entity-id-exponent", "4.2e1"));
    cases.add(entityId("entity-id-boolean", "true"));
    cases.add(entityId("entity-id-null", "null"));
    cases.add(entityId("entity-id-object", "{\"id\":42}"));
    cases.add(entityId("entity-id-negative", "-42"));
    cases.add(entityId("entity-id-zero", "0"));
    cases.add(entityId("entity-id-long-max-plus-one", "9223372036854775808"));
    cases.add(entityId("entity-id-huge", "1" + "0".repeat(60)));
    cases.add(
        body(
            ENVELOPE,
            "entity-id-long-max-accepted",
            202,
            OK + "; any positive 64-bit id",
            c ->
                envelope(
                    Long.toString(Long.MAX_VALUE), "1", "1", "\"2026-04-29T10:11:12Z\"", "{}")));
    for (String field :
        List.of("magento_entity_id", "website_id", "store_id", "occurred_at", "payload")) {
      cases.add(
          body(ENVELOPE, "missing-" + field.replace('_', '-'), 422, SHAPE, c -> without(c, field)));
    }
    cases.add(field("website-id-negative", "-1", "1", "\"2026-04-29T10:11:12Z\"", "{}"));
    cases.add(
        field("website-id-beyond-32-bits", "2147483648", "1", "\"2026-04-29T10:11:12Z\"", "{}"));
    cases.add(field("store-id-string", "1", "\"1\"", "\"2026-04-29T10:11:12Z\"", "{}"));
    cases.add(field("occurred-at-garbage", "1", "1", "\"yesterday-ish\"", "{}"));
    cases.add(field("occurred-at-number", "1", "1", "1777457472", "{}"));
    cases.add(field("occurred-at-empty", "1", "1", "\"\"", "{}"));
    cases.add(field("occurred-at-impossible-date", "1", "1", "\"2026-02-30T10:11:12Z\"", "{}"));
    cases.add(field("occurred-at-without-zone", "1", "1", "\"2026-04-29T10:11:12\"", "{}"));
    cases.add(
        field(
            "occurred-at-10k-chars",
            "1",
            "1",
            "\"2026-04-29T10:11:12Z" + "9".repeat(10_000) + "\"",
            "{}"));
    cases.add(
        body(
            ENVELOPE,
            "occurred-at-with-offset-accepted",
            202,
            OK + "; an explicit offset is an instant too",
            c ->
                envelope(
                    Long.toString(c.entityId()), "1", "1", "\"2026-04-29T12:11:12+02:00\"", "{}")));
    cases.add(field("payload-string", "1", "1", "\"2026-04-29T10:11:12Z\"", "\"x\""));
    cases.add(field("payload-null", "1", "1", "\"2026-04-29T10:11:12Z\"", "null"));
    cases.add(field("payload-non-empty-array", "1", "1", "\"2026-04-29T10:11:12Z\"", "[1]"));
    cases.add(
        HostileCase.of(
            ENVELOPE,
            "payload-empty-array-php-style-accepted",
            202,
            OK + "; PHP json_encode renders an empty payload as [] (customer.upserted, WIRE §5.2)",
            c ->
                c.valid()
                    .target(CaseContext.path(c.tenant(), "customer.upserted"))
                    .body(
                        envelope(
                            Long.toString(c.entityId()),
                            "1",
                            "0",
                            "\"2026-04-29T10:11:12Z\"",
                            "[]"))));
    cases.add(
        body(
            ENVELOPE,
            "unknown-top-level-fields-accepted",
            202,
            OK + "; unknown keys are ignored so a newer store module cannot break delivery",
            c -> "{\"schema\":2,\"extra\":{\"a\":[1,2]}," + c.validBody().substring(1)));
  }

  private static HostileCase entityId(String name, String literal) {
    return body(
        ENVELOPE,
        name,
        422,
        SHAPE + "; magento_entity_id must be a positive 64-bit integer",
        c -> envelope(literal, "1", "1", "\"2026-04-29T10:11:12Z\"", "{}"));
  }

  private static HostileCase field(
      String name, String website, String store, String occurredAt, String payload) {
    return body(
        ENVELOPE,
        name,
        422,
        SHAPE,
        c -> envelope(Long.toString(c.entityId()), website, store, occurredAt, payload));
  }

  private static String envelope(
      String entityId, String website, String store, String occurredAt, String payload) {
    return "{\"magento_entity_id\":"
        + entityId
        + ",\"website_id\":"
        + website
        + ",\"store_id\":"
        + store
        + ",\"occurred_at\":"
        + occurredAt
        + ",\"payload\":"
        + payload
        + "}";
  }

  private static String without(CaseContext c, String field) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("magento_entity_id", Long.toString(c.entityId()));
    parts.put("website_id", "1");
    parts.put("store_id", "1");
    parts.put("occurred_at", "\"2026-04-29T10:11:12Z\"");
    parts.put("payload", "{}");
    parts.remove(field);
    StringBuilder b = new StringBuilder("{");
    parts.forEach(
        (k, v) -> {
          if (b.length() > 1) {
            b.append(',');
          }
          b.append('"').append(k).append("\":").append(v);
        });
    return b.append('}').toString();
  }

  private static HostileCase body(
      String category, String name, int status, String why, Function<CaseContext, String> body) {
    return HostileCase.of(category, name, status, why, c -> c.valid().body(body.apply(c)));
  }

  private static HostileCase bytes(
      String category, String name, int status, String why, Function<CaseContext, byte[]> body) {
    return HostileCase.of(category, name, status, why, c -> c.valid().body(body.apply(c)));
  }

  // ---------------------------------------------------------------------- size

  private static void size(List<HostileCase> cases) {
    String tooLarge = "413: over the body limit; the same bytes are too large on every retry";
    cases.add(body(SIZE, "two-megabyte-body", 413, tooLarge, c -> bigBody(c, 2 * 1024 * 1024)));
    cases.add(body(SIZE, "ten-megabyte-body", 413, tooLarge, c -> bigBody(c, 10 * 1024 * 1024)));
    cases.add(
        HostileCase.of(
            SIZE,
            "ten-megabyte-body-chunked",
            413,
            tooLarge + "; no Content-Length to check up front",
            c -> c.valid().body(bigBody(c, 10 * 1024 * 1024)).chunkedUpload()));
    cases.add(
        body(
            SIZE,
            "one-byte-over-the-limit",
            413,
            tooLarge,
            c -> padTo(c.validBody(), c.maxBodyBytes() + 1)));
    cases.add(
        body(
            SIZE,
            "exactly-the-limit-accepted",
            202,
            OK + "; a body of exactly the limit",
            c -> padTo(c.validBody(), c.maxBodyBytes())));
    cases.add(
        HostileCase.of(
            SIZE,
            "small-body-chunked-accepted",
            202,
            OK + "; chunked transfer coding is HTTP/1.1",
            c -> c.valid().chunkedUpload()));
  }

  /** A valid envelope whose payload string makes the body about {@code size} bytes. */
  private static String bigBody(CaseContext c, int size) {
    return c.body(c.entityId(), "{\"increment_id\":\"" + "A".repeat(size) + "\"}");
  }

  /** Valid JSON of exactly {@code size} bytes: trailing whitespace is insignificant. */
  private static String padTo(String json, int size) {
    return json + " ".repeat(Math.max(0, size - json.getBytes(StandardCharsets.UTF_8).length));
  }

  // ------------------------------------------------------------------ encoding

  private static void encoding(List<HostileCase> cases) {
    cases.add(
        bytes(
            ENCODING,
            "invalid-utf8-byte-in-string",
            400,
            MALFORMED + "; the bytes are not UTF-8",
            c -> withRawBytes(c, new byte[] {(byte) 0xFF, (byte) 0xFE})));
    cases.add(
        bytes(
            ENCODING,
            "overlong-utf8-slash",
            400,
            MALFORMED + "; overlong encodings are not UTF-8",
            c -> withRawBytes(c, new byte[] {(byte) 0xC0, (byte) 0xAF})));
    cases.add(
        bytes(
            ENCODING,
            "truncated-utf8-sequence",
            400,
            MALFORMED,
            c -> withRawBytes(c, new byte[] {(byte) 0xE2, (byte) 0x82})));
    cases.add(
        bytes(
            ENCODING,
            "utf8-encoded-surrogate",
            400,
            MALFORMED + "; CESU-style surrogates are not UTF-8",
            c -> withRawBytes(c, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
    cases.add(
        body(
            ENCODING,
            "escaped-nul-and-controls-in-payload-accepted",
            202,
            OK + "; escaped, they are valid JSON and the payload is opaque",
            c -> c.body(c.entityId(), "{\"increment_id\":\"A\\u0000B\\u0001\\u001f\\u007f\"}")));
    cases.add(
        body(
            ENCODING,
            "escaped-lone-surrogate-in-payload-accepted",
            202,
            OK + "; valid JSON syntax, opaque payload",
            c -> c.body(c.entityId(), "{\"increment_id\":\"\\ud800\"}")));
    cases.add(
        body(
            ENCODING,
            "non-ascii-payload-accepted",
            202,
            OK + "; PHP escapes as \\uXXXX, raw UTF-8 is valid JSON too",
            c -> c.body(c.entityId(), "{\"increment_id\":\"Grüße-日本-😀\"}")));
    cases.add(
        field("escaped-nul-in-occurred-at", "1", "1", "\"2026-04-29T10:11:12Z\\u0000\"", "{}"));
  }

  /** A valid envelope whose payload string contains {@code raw} bytes verbatim. */
  private static byte[] withRawBytes(CaseContext c, byte[] raw) {
    String body = c.body(c.entityId(), "{\"increment_id\":\"A#B\"}");
    int at = body.indexOf('#');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = body.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = body.substring(at + 1).getBytes(StandardCharsets.UTF_8);
    out.write(head, 0, head.length);
    out.write(raw, 0, raw.length);
    out.write(tail, 0, tail.length);
    return out.toByteArray();
  }

  // ------------------------------------------------------------ hostile strings

  private static final List<String> NASTY =
      List.of(
          "<script>alert(1)</script>",
          "' OR '1'='1'; DROP TABLE sync_runs; --",
          "../../etc/passwd",
          "${jndi:ldap://127.0.0.1/a}");

  private static void hostileStrings(List<HostileCase> cases) {
    String[] slug = {"script-tag", "sql-injection", "path-traversal", "jndi-lookup"};
    for (int i = 0; i < NASTY.size(); i++) {
      String nasty = NASTY.get(i);
      cases.add(
          body(
              HOSTILE_STRINGS,
              "payload-" + slug[i] + "-accepted",
              202,
              OK + "; the payload is opaque data",
              c -> c.body(c.entityId(), "{\"increment_id\":" + WebhookTokens.quote(nasty) + "}")));
      cases.add(
          HostileCase.of(
              HOSTILE_STRINGS,
              "tenant-" + slug[i],
              401,
              "401: no such tenant; token signed for exactly that tenant",
              c -> asTenant(c, nasty)));
      cases.add(
          HostileCase.of(
              HOSTILE_STRINGS,
              "event-" + slug[i],
              404,
              UNKNOWN_EVENT,
              c -> c.valid().target(CaseContext.path(c.tenant(), nasty))));
    }
    cases.add(
        HostileCase.of(
            HOSTILE_STRINGS,
            "key-script-tag-accepted",
            202,
            OK + "; the key is opaque printable ASCII",
            c ->
                c.valid()
                    .header("Idempotency-Key", c.idempotencyKey() + "<script>alert(1)</script>")));
    cases.add(
        HostileCase.of(
            HOSTILE_STRINGS,
            "key-sql-injection-accepted",
            202,
            OK + "; the key is opaque printable ASCII",
            c -> c.valid().header("Idempotency-Key", c.idempotencyKey() + "' OR '1'='1'; --")));
    cases.add(
        HostileCase.of(
            HOSTILE_STRINGS,
            "tenant-encoded-nul",
            400,
            "400: the server refuses a NUL in the request target before any handler runs",
            c -> asTenant(c, c.tenant() + "\u0000")));
    cases.add(
        HostileCase.of(
            HOSTILE_STRINGS,
            "tenant-encoded-crlf",
            401,
            "401: no such tenant",
            c -> asTenant(c, c.tenant() + "\r\nX-Injected: hostile")));
    cases.add(
        HostileCase.of(
            HOSTILE_STRINGS,
            "tenant-129-chars",
            401,
            "401: longer than any tenant id",
            c -> asTenant(c, "t".repeat(129))));
    cases.add(
        HostileCase.of(
            HOSTILE_STRINGS,
            "tenant-case-variant",
            401,
            "401: tenant ids are compared exactly",
            c -> asTenant(c, c.tenant().toUpperCase(java.util.Locale.ROOT))));
  }

  /**
   * Posts to {@code tenant}'s path with a token whose sub is {@code tenant}, signed with our key.
   */
  private static HostileRequest asTenant(CaseContext c, String tenant) {
    String token =
        WebhookTokens.sign(
            WebhookTokens.STORE_HEADER,
            Claims.store(tenant, c.now(), c.jti()).toJson(),
            WebhookTokens.outboundKey(c.apiKey()));
    return c.valid()
        .target(CaseContext.path(tenant, CaseContext.EVENT))
        .header("Authorization", bearer(token));
  }

  // -------------------------------------------------------------- HTTP framing

  private static void protocol(List<HostileCase> cases) {
    String framing = "400: malformed HTTP framing (RFC 9112 §6)";
    cases.add(
        HostileCase.of(
            PROTOCOL,
            "content-length-not-a-number",
            400,
            framing,
            c -> serverLevel(c.valid()).header("Content-Length", "twelve")));
    cases.add(
        HostileCase.of(
            PROTOCOL,
            "content-length-negative",
            400,
            framing,
            c -> serverLevel(c.valid()).header("Content-Length", "-1")));
    cases.add(
        HostileCase.of(
            PROTOCOL,
            "content-length-conflicting-duplicates",
            400,
            framing + "; two different lengths are a smuggling vector",
            c ->
                serverLevel(c.valid())
                    .header("Content-Length", "0")
                    .addHeader("Content-Length", "5")));
    cases.add(
        HostileCase.of(
            PROTOCOL,
            "header-line-without-colon",
            400,
            framing,
            c -> serverLevel(c.valid()).header("X-Broken-Header-Without-Colon\r\nX-Probe", "1")));
    cases.add(
        HostileCase.of(
            PROTOCOL,
            "space-in-request-target",
            400,
            "400: a request line with a space in its target is malformed (RFC 9112 §3)",
            c ->
                serverLevel(
                    c.valid().target("/webhooks/magento/demo store/" + CaseContext.EVENT))));
    cases.add(
        HostileCase.of(
            PROTOCOL,
            "absolute-form-target-accepted",
            202,
            OK + "; servers must accept the absolute form (RFC 9112 §3.2.2)",
            c -> c.valid().target(c.baseUrl() + c.webhookPath()).raw()));
  }

  /**
   * Over the raw socket and without a body: the JDK server rejects these before reading any body
   * and closes at once, and unread body bytes would make the kernel reset the connection before the
   * client reads the answer.
   */
  private static HostileRequest serverLevel(HostileRequest r) {
    return r.body((byte[]) null).raw();
  }

  // ------------------------------------------------------------------- routing

  private static void routing(List<HostileCase> cases) {
    String notAllowed = "405: only POST";
    String shape = "404: not the route's path shape";
    cases.add(
        HostileCase.of(
            ROUTING,
            "unknown-tenant",
            401,
            "401: no binding, no key to verify with",
            c -> asTenant(c, "no-such-tenant")));
    cases.add(
        HostileCase.of(
            ROUTING,
            "unknown-event",
            404,
            UNKNOWN_EVENT,
            c -> c.valid().target(CaseContext.path(c.tenant(), "invoice.deleted"))));
    cases.add(
        HostileCase.of(
            ROUTING,
            "event-case-variant",
            404,
            UNKNOWN_EVENT + "; event names are exact",
            c -> c.valid().target(CaseContext.path(c.tenant(), "Invoice.Created"))));
    for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) {
      cases.add(
          HostileCase.of(
              ROUTING,
              "method-" + method.toLowerCase(java.util.Locale.ROOT),
              405,
              notAllowed,
              c -> {
                HostileRequest r = c.valid().method(method);
                return method.equals("GET") || method.equals("OPTIONS") || method.equals("DELETE")
                    ? r.body((byte[]) null).without("Content-Type")
                    : r;
              }));
    }
    cases.add(
        HostileCase.of(
            ROUTING,
            "method-head",
            405,
            notAllowed,
            c -> c.valid().method("HEAD").body((byte[]) null).without("Content-Type").raw()));
    cases.add(
        HostileCase.of(
            ROUTING,
            "method-lowercase-post",
            405,
            notAllowed + "; methods are case-sensitive (RFC 9110 §9.1)",
            c -> c.valid().method("post").raw()));
    cases.add(
        HostileCase.of(
            ROUTING, "trailing-slash", 404, shape, c -> c.valid().target(c.webhookPath() + "/")));
    cases.add(
        HostileCase.of(
            ROUTING,
            "missing-event-segment",
            404,
            shape,
            c -> c.valid().target("/webhooks/magento/" + CaseContext.encode(c.tenant()))));
    cases.add(
        HostileCase.of(
            ROUTING,
            "extra-segment",
            404,
            shape,
            c -> c.valid().target(c.webhookPath() + "/extra")));
    cases.add(
        HostileCase.of(
            ROUTING,
            "empty-tenant-segment",
            404,
            shape,
            c -> c.valid().target("/webhooks/magento//" + CaseContext.EVENT)));
    cases.add(
        HostileCase.of(
            ROUTING,
            "literal-dot-dot-traversal",
            404,
            shape,
            c ->
                c.valid().target("/webhooks/magento/../../etc/passwd/" + CaseContext.EVENT).raw()));
    cases.add(
        HostileCase.of(
            ROUTING,
            "encoded-dot-dot-tenant",
            401,
            "401: decoded, the tenant is '..', which does not exist",
            c -> asTenant(c, "..").target("/webhooks/magento/%2E%2E/" + CaseContext.EVENT)));
    cases.add(
        HostileCase.of(
            ROUTING,
            "malformed-percent-escape",
            400,
            "400: an invalid request-target (RFC 9112 §3.2); the JDK server answers before routing",
            c ->
                serverLevel(
                    c.valid().target("/webhooks/magento/demo%zzstore/" + CaseContext.EVENT))));
    cases.add(
        HostileCase.of(
            ROUTING,
            "percent-escape-of-invalid-utf8",
            404,
            shape + "; the segment does not decode to UTF-8",
            c -> c.valid().target("/webhooks/magento/%C0%AF/" + CaseContext.EVENT)));
    cases.add(
        HostileCase.of(
            ROUTING,
            "double-encoded-tenant",
            401,
            "401: decoded once, the tenant is not ours",
            c ->
                c.valid()
                    .target(
                        "/webhooks/magento/"
                            + CaseContext.encode(CaseContext.encode(c.tenant() + "/"))
                            + "/"
                            + CaseContext.EVENT)));
    cases.add(
        HostileCase.of(
            ROUTING,
            "query-string-ignored-accepted",
            202,
            OK + "; the query is not part of the route",
            c -> c.valid().target(c.webhookPath() + "?tenant=other&debug=true")));
  }
}
