package io.ledgerbridge.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The load driver's lean HTTP/1.1 client for closed-loop runs: one blocking keep-alive socket per
 * driver thread, each request written in one go and its answer read to the end of its body. It
 * costs the driver a write and a read per request, so a saturated run measures the chassis rather
 * than the client (the JDK's HttpClient spent about a quarter of the shared CPU). It speaks only
 * what the chassis answers: a status line, headers, and a Content-Length or chunked body; a closed
 * connection is reopened for the next request.
 */
final class KeepAliveHttpClient implements Closeable {
  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveHttpClient(URI base, int timeoutMillis) {
    this.host = base.getHost();
    this.port = base.getPort();
    this.timeoutMillis = timeoutMillis;
  }

  /** Sends one request (head and body as given) and returns the answer's status code. */
  int post(String target, String headers, byte[] body) throws IOException {
    byte[] head =
        ("POST "
                + target
                + " HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\n"
                + headers
                + "Content-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    if (socket == null) {
      open();
    }
    try {
      out.write(request);
      out.flush();
      return readResponse();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void open() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeoutMillis);
    s.connect(new InetSocketAddress(host, port), timeoutMillis);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 8192);
    out = s.getOutputStream();
  }

  private int readResponse() throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equals("transfer-encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      } else if (name.equals("connection")) {
        closeAfter = value.equalsIgnoreCase("close");
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line().split(";", 2)[0].trim(), 16);
          size > 0;
          size = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
        skip(size);
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (length > 0) {
      skip(length);
    } else if (length < 0) {
      closeAfter = true; // body runs to the end of the connection
    }
    if (closeAfter) {
      close();
    }
    return code;
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int n = buf.size();
        byte[] bytes = buf.toByteArray();
        return new String(
            bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, StandardCharsets.ISO_8859_1);
      }
      buf.write(b);
    }
    throw new IOException("connection closed mid-answer");
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() == -1) {
          throw new IOException("connection closed mid-body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing to keep
      }
      socket = null;
      in = null;
      out = null;
    }
  }
}
