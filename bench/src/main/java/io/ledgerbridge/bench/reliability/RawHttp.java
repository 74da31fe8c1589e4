package io.ledgerbridge.bench.reliability;

import io.ledgerbridge.bench.reliability.HostileInputRunner.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK client will not send. Writes the request bytes
 * as given (request line and headers as ISO-8859-1), always with {@code Connection: close}, and
 * reads the response to end of stream. The upload runs on its own thread so a server that answers
 * before the body is complete (413) is read, not deadlocked on.
 */
final class RawHttp {
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  private RawHttp() {}

  static Response send(URI base, HostileRequest request, Duration timeout) {
    int port = base.getPort() < 0 ? 80 : base.getPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      byte[] head = head(base.getHost() + ":" + port, request);
      AtomicReference<IOException> writeFailure = new AtomicReference<>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  OutputStream out = socket.getOutputStream();
                  out.write(head);
                  writeBody(out, request);
                  out.flush();
                } catch (IOException e) {
                  writeFailure.set(e);
                }
              },
              "hostile-raw-writer");
      writer.setDaemon(true);
      writer.start();
      byte[] raw = readAll(socket.getInputStream());
      writer.join(timeout.toMillis());
      if (raw.length == 0) {
        IOException w = writeFailure.get();
        return Response.failed(
            "connection closed without a response"
                + (w == null ? "" : " (" + w.getClass().getSimpleName() + ")"));
      }
      return parse(raw);
    } catch (IOException e) {
      return Response.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Response.failed("interrupted");
    }
  }

  private static byte[] head(String host, HostileRequest r) {
    StringBuilder b = new StringBuilder();
    b.append(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n");
    boolean hasHost = false;
    boolean hasLength = false;
    for (HostileRequest.Header h : r.headers()) {
      hasHost |= h.name().equalsIgnoreCase("Host");
      hasLength |= h.name().equalsIgnoreCase("Content-Length");
      b.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    if (!hasHost) {
      b.append("Host: ").append(host).append("\r\n");
    }
    if (r.chunked()) {
      b.append("Transfer-Encoding: chunked\r\n");
    } else if (!hasLength && r.body() != null) {
      b.append("Content-Length: ").append(r.body().length).append("\r\n");
    } else if (!hasLength && r.method().equals("POST")) {
      b.append("Content-Length: 0\r\n");
    }
    b.append("Connection: close\r\n\r\n");
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void writeBody(OutputStream out, HostileRequest r) throws IOException {
    byte[] body = r.body();
    if (!r.chunked()) {
      if (body != null) {
        out.write(body);
      }
      return;
    }
    int chunk = 64 * 1024;
    if (body != null) {
      for (int off = 0; off < body.length; off += chunk) {
        int n = Math.min(chunk, body.length - off);
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, off, n);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while (buf.size() < MAX_RESPONSE_BYTES && (n = in.read(chunk)) >= 0) {
      buf.write(chunk, 0, n);
    }
    return buf.toByteArray();
  }

  /** Status line, headers, and the body (de-chunked if needed). */
  static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String headText = end < 0 ? text : text.substring(0, end);
    String[] lines = headText.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    int code;
    try {
      code = status.length >= 2 && status[0].startsWith("HTTP/") ? Integer.parseInt(status[1]) : -1;
    } catch (NumberFormatException e) {
      code = -1;
    }
    if (code < 0) {
      return Response.failed("not an HTTP response: " + HostileInputRunner.excerpt(raw, 80));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = new byte[0];
    if (end >= 0) {
      int start = end + 4;
      body = java.util.Arrays.copyOfRange(raw, start, raw.length);
      List<String> te = headers.getOrDefault("transfer-encoding", List.of());
      if (te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
        body = dechunk(body);
      }
    }
    return new Response(code, headers, body, null);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < body.length) {
      int lineEnd = indexOf(body, pos);
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      int semi = sizeText.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      int n = Math.min(size, body.length - start);
      out.write(body, start, n);
      pos = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
