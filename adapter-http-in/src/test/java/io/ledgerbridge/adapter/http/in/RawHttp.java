package io.ledgerbridge.adapter.http.in;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare socket client for requests {@code java.net.http.HttpClient} refuses to send (a lying
 * Content-Length, raw control bytes). Reads the status line and headers of the answer.
 */
final class RawHttp {

  private RawHttp() {}

  record Response(int status, String head) {}

  /**
   * Writes {@code head} (request line and headers, CRLF-terminated, ending with an empty line) and
   * then {@code body}, and reads the response head.
   */
  static Response exchange(int port, String head, byte[] body) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        buf.write(b);
        String text = buf.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r\n\r\n")) {
          break;
        }
      }
      String text = buf.toString(StandardCharsets.ISO_8859_1);
      String statusLine = text.lines().findFirst().orElse("");
      String[] parts = statusLine.split(" ");
      return new Response(parts.length > 1 ? Integer.parseInt(parts[1]) : -1, text);
    }
  }
}
