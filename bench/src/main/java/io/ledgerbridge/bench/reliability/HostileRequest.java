package io.ledgerbridge.bench.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request exactly as it goes on the wire: method, raw request target (path and query,
 * already percent-encoded), headers in order (a name may repeat), body bytes or null. {@link
 * Transport#RAW} sends it over a plain socket as HTTP/1.1, for what the JDK client refuses to send
 * (duplicate or empty headers, invalid bytes, malformed escapes, chunked uploads); header values
 * are written as ISO-8859-1, so a char up to U+00FF becomes that single byte.
 */
public record HostileRequest(
    String method,
    String target,
    List<Header> headers,
    byte[] body,
    Transport transport,
    boolean chunked) {

  public enum Transport {
    JDK,
    RAW
  }

  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public HostileRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(transport, "transport");
    headers = List.copyOf(headers);
  }

  public static HostileRequest post(String target) {
    return new HostileRequest("POST", target, List.of(), null, Transport.JDK, false);
  }

  public HostileRequest method(String newMethod) {
    return new HostileRequest(newMethod, target, headers, body, transport, chunked);
  }

  public HostileRequest target(String newTarget) {
    return new HostileRequest(method, newTarget, headers, body, transport, chunked);
  }

  /** Replaces every header of that name (case-insensitive) with one. */
  public HostileRequest header(String name, String value) {
    return without(name).addHeader(name, value);
  }

  /** Appends a header, keeping any of the same name. */
  public HostileRequest addHeader(String name, String value) {
    List<Header> next = new ArrayList<>(headers);
    next.add(new Header(name, value));
    return new HostileRequest(method, target, next, body, transport, chunked);
  }

  public HostileRequest without(String name) {
    List<Header> next = new ArrayList<>(headers);
    next.removeIf(h -> h.name().equalsIgnoreCase(name));
    return new HostileRequest(method, target, next, body, transport, chunked);
  }

  public HostileRequest body(String utf8) {
    return body(utf8 == null ? null : utf8.getBytes(StandardCharsets.UTF_8));
  }

  public HostileRequest body(byte[] bytes) {
    return new HostileRequest(method, target, headers, bytes, transport, chunked);
  }

  /** Over a plain socket. */
  public HostileRequest raw() {
    return new HostileRequest(method, target, headers, body, Transport.RAW, chunked);
  }

  /** Over a plain socket with {@code Transfer-Encoding: chunked} instead of a Content-Length. */
  public HostileRequest chunkedUpload() {
    return new HostileRequest(method, target, headers, body, Transport.RAW, true);
  }

  public Optional<String> firstHeader(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst();
  }

  /** Bearer tokens this request carries (for the leak check). */
  public List<String> bearerTokens() {
    List<String> tokens = new ArrayList<>();
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase("Authorization")) {
        String v = h.value().strip();
        int space = v.indexOf(' ');
        String t = space < 0 ? v : v.substring(space + 1).strip();
        if (!t.isEmpty() && !v.toLowerCase(Locale.ROOT).startsWith("basic")) {
          tokens.add(t);
        }
      }
    }
    return tokens;
  }

  @Override
  public String toString() {
    return method
        + " "
        + target
        + " ("
        + headers.size()
        + " headers, "
        + (body == null ? "no body" : body.length + " bytes")
        + ", "
        + transport
        + (chunked ? ", chunked" : "")
        + ")";
  }
}
