package io.ledgerbridge.adapter.http.in;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What the server answers for requests it refuses itself (a malformed request line, headers too
 * large, a URI it cannot parse): {@code {"error":"<status words>"}} and nothing else, never an
 * exception name, a message from the parser or a stack.
 */
final class TerseErrorHandler extends ErrorHandler {

  static byte[] body(int status) {
    String words = HttpStatus.getMessage(status);
    String code =
        words == null
            ? "error"
            : words.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    return ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    byte[] bytes = body(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Exchanges.JSON_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(bytes.length));
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
