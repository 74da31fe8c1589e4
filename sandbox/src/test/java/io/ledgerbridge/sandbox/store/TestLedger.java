package io.ledgerbridge.sandbox.store;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A scripted ledger on a loopback port that records every webhook POST it receives. */
final class TestLedger implements AutoCloseable {

  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  record Reply(int status, String body) {}

  private final HttpServer server;
  private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<Received> all = new CopyOnWriteArrayList<>();

  TestLedger() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Received r =
                new Received(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    Map.copyOf(ex.getRequestHeaders()),
                    body);
            Reply reply = script.poll();
            if (reply == null) {
              reply = new Reply(202, "{\"sync_run_id\":\"run-default\"}");
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
              try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
              }
            }
            all.add(r);
            inbox.add(r);
          }
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void enqueueReply(int status, String body) {
    script.add(new Reply(status, body));
  }

  Received take() throws InterruptedException {
    Received r = inbox.poll(20, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("ledger received nothing within the timeout");
    }
    return r;
  }

  List<Received> all() {
    return List.copyOf(all);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
