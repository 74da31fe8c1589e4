package io.ledgerbridge.adapter.http.in;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Response writing, header rules and request decoding shared by every route. */
final class Exchanges {

  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String HTML_TYPE = "text/html; charset=utf-8";

  private Exchanges() {}

  static void sendJson(HttpCall ex, int status, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body);
    ex.setHeader("Content-Type", JSON_TYPE);
    ex.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    send(ex, status, bytes);
  }

  static void sendHtml(HttpCall ex, int status, String html) throws IOException {
    ex.setHeader("Content-Type", HTML_TYPE);
    ex.setHeader("Content-Security-Policy", Html.CONTENT_SECURITY_POLICY);
    ex.setHeader("X-Frame-Options", "DENY");
    if (!ex.hasResponseHeader("Referrer-Policy")) {
      ex.setHeader("Referrer-Policy", "no-referrer");
    }
    send(ex, status, html.getBytes(StandardCharsets.UTF_8));
  }

  static void redirect(HttpCall ex, String location) throws IOException {
    ex.setHeader("Location", location);
    send(ex, 302, new byte[0]);
  }

  /**
   * Answers with the connection marked for closing, then reads and discards what the client is
   * still sending, up to {@code drainLimit} bytes. Many clients (the JDK's, some curl builds) only
   * read the answer after they finished sending; closing on them mid-upload resets the connection
   * and they would see a network error instead of this status. Nothing read here is kept. A client
   * that asked {@code Expect: 100-continue} has sent nothing and gets no {@code 100}: it is not
   * drained.
   */
  static void sendErrorThenDrain(
      HttpCall ex, int status, String code, String message, long drainLimit) throws IOException {
    var body = Json.object().put("error", code).put("message", message);
    ex.setHeader("Content-Type", JSON_TYPE);
    ex.setHeader("Connection", "close");
    ex.setHeader("X-Content-Type-Options", "nosniff");
    ex.setHeader("Cache-Control", "no-store");
    ex.send(status, Json.write(body));
    if (expectsContinue(ex)) {
      return;
    }
    InputStream in = ex.body();
    byte[] sink = new byte[16 * 1024];
    long drained = 0;
    while (drained < drainLimit) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, drainLimit - drained));
      if (n < 0) {
        break;
      }
      drained += n;
    }
  }

  /** Whether the client waits for {@code 100 Continue} before sending its body. */
  static boolean expectsContinue(HttpCall ex) {
    return ex.headerValues("Expect").stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"));
  }

  /** A JSON error body {@code {"error": code, "message": message}}; message may be null. */
  static void sendError(HttpCall ex, int status, String code, String message) throws IOException {
    var body = Json.object().put("error", code);
    if (message != null) {
      body.put("message", message);
    }
    sendJson(ex, status, body);
  }

  /** 503 with Retry-After: the store retries 5xx on its own ladder. */
  static void sendUnavailable(HttpCall ex, String code, int retryAfterSeconds) throws IOException {
    ex.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
    sendError(ex, 503, code, null);
  }

  static void methodNotAllowed(HttpCall ex, String allow) throws IOException {
    ex.setHeader("Allow", allow);
    sendError(ex, 405, "method_not_allowed", null);
  }

  static void notFound(HttpCall ex) throws IOException {
    sendError(ex, 404, "not_found", null);
  }

  private static void send(HttpCall ex, int status, byte[] bytes) throws IOException {
    ex.setHeader("X-Content-Type-Options", "nosniff");
    ex.setHeader("Cache-Control", "no-store");
    ex.send(status, bytes);
  }

  /** All values of a request header (empty list when absent). */
  static List<String> headerValues(HttpCall ex, String name) {
    return ex.headerValues(name);
  }

  /** The single value of a header; empty when absent or sent more than once. */
  static Optional<String> singleHeader(HttpCall ex, String name) {
    List<String> values = headerValues(ex, name);
    return values.size() == 1 ? Optional.ofNullable(values.get(0)) : Optional.empty();
  }

  /**
   * Reads at most {@code max} bytes of the request body.
   *
   * @return the body, or empty if it is longer than {@code max} (only {@code max + 1} bytes are
   *     read; the server discards or abandons the rest)
   */
  static Optional<byte[]> readBody(HttpCall ex, int max) throws IOException {
    InputStream in = ex.body();
    ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.min(max, 8192) + 1);
    byte[] chunk = new byte[8192];
    long total = 0;
    while (true) {
      int want = (int) Math.min(chunk.length, (long) max + 1 - total);
      if (want <= 0) {
        return Optional.empty();
      }
      int n = in.read(chunk, 0, want);
      if (n < 0) {
        return Optional.of(buf.toByteArray());
      }
      buf.write(chunk, 0, n);
      total += n;
    }
  }

  /** Declared Content-Length, or -1 if absent or unreadable. */
  static long declaredLength(HttpCall ex) {
    Optional<String> value = singleHeader(ex, "Content-Length");
    if (value.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(value.get().trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Decodes one percent-encoded path segment strictly (RFC 3986 / PHP {@code rawurlencode}: {@code
   * +} stays literal) as UTF-8.
   *
   * @return empty if a {@code %} escape is malformed or the bytes are not UTF-8
   */
  static Optional<String> decodeSegment(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw);
    }
    byte[] rawBytes = raw.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(rawBytes.length);
    for (int i = 0; i < rawBytes.length; i++) {
      byte b = rawBytes[i];
      if (b == '%') {
        if (i + 2 >= rawBytes.length) {
          return Optional.empty();
        }
        int hi = Character.digit(rawBytes[i + 1], 16);
        int lo = Character.digit(rawBytes[i + 2], 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else {
        out.write(b);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(out.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a form-encoded query string; the first occurrence of a name wins.
   *
   * @throws IllegalArgumentException if an escape is malformed
   */
  static Map<String, String> query(HttpCall ex) {
    String raw = ex.rawQuery();
    return raw == null ? new LinkedHashMap<>() : form(raw);
  }

  /**
   * Parses {@code application/x-www-form-urlencoded} text (a query string or a form body); the
   * first occurrence of a name wins.
   *
   * @throws IllegalArgumentException if an escape is malformed
   */
  static Map<String, String> form(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(name, value);
    }
    return params;
  }
}
