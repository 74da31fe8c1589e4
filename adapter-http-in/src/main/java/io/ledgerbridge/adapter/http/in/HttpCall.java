package io.ledgerbridge.adapter.http.in;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One request and its response, as the route handlers see them: the request line and headers, a
 * blocking body stream, response headers, and one blocking {@link #send}. Handlers run on the
 * server's request threads, so blocking here is what they expect.
 */
final class HttpCall {
  private final Request request;
  private final Response response;
  private final Scheduler scheduler;
  private final Duration bodyTimeout;
  private InputStream body;
  private Scheduler.Task bodyDeadline;
  private volatile boolean bodyTimedOut;
  private boolean sent;

  /**
   * @param bodyTimeout how long the whole request body may take to arrive, from the first read;
   *     past it the connection is closed, which frees this thread (a client trickling its body
   *     cannot hold it)
   */
  HttpCall(Request request, Response response, Scheduler scheduler, Duration bodyTimeout) {
    this.request = request;
    this.response = response;
    this.scheduler = scheduler;
    this.bodyTimeout = bodyTimeout;
  }

  String method() {
    return request.getMethod();
  }

  /** The path as sent, percent-escapes kept (routes decode their segments strictly). */
  String rawPath() {
    return request.getHttpURI().getPath();
  }

  /** The query as sent, or null. */
  String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  /** All values of a request header, in the order sent (empty when absent). */
  List<String> headerValues(String name) {
    return request.getHeaders().getFields(name).stream().map(HttpField::getValue).toList();
  }

  int headerCount() {
    return request.getHeaders().size();
  }

  /**
   * The request body; reading it is what lets a client waiting on {@code 100-continue} send. The
   * body deadline starts with the first call.
   */
  InputStream body() {
    if (body == null) {
      bodyDeadline =
          scheduler.schedule(this::abortSlowBody, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      body = new DeadlineStream(Content.Source.asInputStream(request));
    }
    return body;
  }

  /**
   * Reads the whole body without holding a thread while it arrives, then calls {@code then} on a
   * request thread (it may block) with the bytes, or with the failure: a body longer than {@code
   * max}, the body deadline (see {@link #bodyTimedOut}), or a client that went away.
   */
  void bodyAsync(int max, BiConsumer<byte[], Throwable> then) {
    bodyDeadline =
        scheduler.schedule(this::abortSlowBody, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    Content.Source.asByteArrayAsync(
        request,
        max,
        Promise.Invocable.from(
            Invocable.InvocationType.BLOCKING,
            (byte[] bytes, Throwable failure) -> {
              endBodyDeadline();
              then.accept(bytes, failure);
            }));
  }

  /** Whether the body deadline passed and the connection was closed. */
  boolean bodyTimedOut() {
    return bodyTimedOut;
  }

  private void abortSlowBody() {
    bodyTimedOut = true;
    request
        .getConnectionMetaData()
        .getConnection()
        .getEndPoint()
        .close(new TimeoutException("request body not received within " + bodyTimeout));
  }

  private void endBodyDeadline() {
    if (bodyDeadline != null) {
      bodyDeadline.cancel();
    }
  }

  /** Ends the body deadline when the body is read to its end. */
  private final class DeadlineStream extends FilterInputStream {
    DeadlineStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        endBodyDeadline();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n < 0) {
        endBodyDeadline();
      }
      return n;
    }
  }

  void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /** Whether the response already has a header field of this name. */
  boolean hasResponseHeader(String name) {
    return response.getHeaders().contains(name);
  }

  /** Adds a header field beside any of the same name (e.g. a second {@code Set-Cookie}). */
  void addHeader(String name, String value) {
    response.getHeaders().add(name, value);
  }

  /** The client's IP address as the connection shows it (a proxy's, behind one). */
  String remoteAddress() {
    java.net.SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
    if (a instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return "unknown";
  }

  /** The host and port the client addressed ({@code Host}), e.g. {@code 127.0.0.1:8081}. */
  String authority() {
    org.eclipse.jetty.http.HttpURI uri = request.getHttpURI();
    if (uri == null || uri.getHost() == null) {
      return null;
    }
    return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
  }

  /** The local port the request arrived on (which listener). */
  int localPort() {
    java.net.SocketAddress a = request.getConnectionMetaData().getLocalSocketAddress();
    return a instanceof java.net.InetSocketAddress inet ? inet.getPort() : -1;
  }

  boolean sent() {
    return sent;
  }

  /** Writes the whole response and waits until it is written (or the client is gone). */
  void send(int status, byte[] bytes) throws IOException {
    endBodyDeadline();
    sent = true;
    response.setStatus(status);
    response.getHeaders().put("Content-Length", Long.toString(bytes.length));
    try (Blocker.Callback done = Blocker.callback()) {
      response.write(true, ByteBuffer.wrap(bytes), done);
      done.block();
    }
  }

  /** The request, for the server's own bookkeeping. */
  Request request() {
    return request;
  }
}
