package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener under clients that are slow, greedy or malformed: none of them holds a request
 * thread, so the store and the health probe are still answered. The JDK server this replaced froze
 * on 16 such sockets (issue 10, item 1).
 */
class SlowAndHostileClientsTest extends HttpInHarness {
  private final List<Socket> sockets = new ArrayList<>();

  @Override
  HttpInConfig config() {
    // four request threads, as a small deployment; short deadlines so the test is quick
    return new HttpInConfig("127.0.0.1", 0, maxBodyBytes(), 4).withTimeouts(30_000, 1_500, 1_500);
  }

  @AfterEach
  void closeSockets() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  private Socket open() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), adapter.port());
    s.setSoTimeout(20_000);
    sockets.add(s);
    return s;
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private String webhookHead(String authorization, int contentLength, String extraHeaders) {
    return "POST /webhooks/magento/"
        + TENANT
        + "/invoice.created HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n"
        + "Authorization: "
        + authorization
        + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Idempotency-Key: invoice.created:42\r\n"
        + "Content-Length: "
        + contentLength
        + "\r\n"
        + extraHeaders
        + "\r\n";
  }

  @Test
  void fiveHundredSlowClientsLeaveTheStoreAndTheHealthProbeAnswered() throws Exception {
    // deadlines well past the test, so every slow client is still pending when the store calls
    restartWith(config().withTimeouts(60_000, 30_000, 30_000));
    // 250 half-sent request lines, 250 signed webhooks announcing 60,000 bytes that never come
    for (int i = 0; i < 250; i++) {
      write(open(), "POST /webhooks/magento/" + TENANT + "/invoice.cre");
    }
    for (int i = 0; i < 250; i++) {
      Socket s = open();
      write(s, webhookHead(FakeWebhookAuthenticator.bearer(TENANT), 60_000, ""));
      write(s, "{\"magento_entity_id\":");
    }
    // the burst of 250 signed heads has been looked at, four at a time (a burst waits for a
    // thread rather than being refused); each now waits for its body without holding a thread
    awaitRouter(r -> r.inFlight() == 250 && r.active() == 0);

    HttpResponse<String> webhook =
        client.send(
            webhook("invoice.created", "invoice.created:7", VALID_BODY)
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(webhook.statusCode()).isEqualTo(202);
    assertThat(health.statusCode()).isEqualTo(200);
  }

  private void awaitRouter(java.util.function.Predicate<Router> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.test(adapter.router()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(condition.test(adapter.router())).as("router settled").isTrue();
  }

  @Test
  void aBodyThatTricklesInIsCutOffByTheBodyDeadline() throws Exception {
    Socket s = open();
    write(s, webhookHead(FakeWebhookAuthenticator.bearer(TENANT), 60_000, ""));
    long started = System.nanoTime();
    InputStream in = s.getInputStream();
    int read = 0;
    // one byte every 200 ms: an idle timeout alone (30 s here) would never fire
    while (read >= 0 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(15)) {
      try {
        write(s, "x");
        s.setSoTimeout(200);
        read = in.read();
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        read = -1;
      }
    }
    assertThat(read).as("the server closed the connection").isEqualTo(-1);
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void headersThatTrickleInAreCutOffByTheHeaderDeadline() throws Exception {
    Socket s = open();
    write(s, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    InputStream in = s.getInputStream();
    long started = System.nanoTime();
    int read = 0;
    while (read >= 0 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(15)) {
      try {
        write(s, "X");
        s.setSoTimeout(300);
        read = in.read();
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        read = -1;
      }
    }
    assertThat(read).as("the server closed the connection").isEqualTo(-1);
  }

  @Test
  void aBurstOfQuickRequestsWaitsForAThreadInsteadOfBeingRefused() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      burst.add(
          client.sendAsync(
              i % 2 == 0
                  ? HttpRequest.newBuilder(uri("/healthz")).build()
                  : webhook("invoice.created", "invoice.created:b" + i, VALID_BODY).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> f : burst) {
      assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isIn(200, 202);
    }
  }

  @Test
  void answers503WithRetryAfterWhenEveryRequestThreadIsBusy() throws Exception {
    CountDownLatch entered = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    accept.block(entered, release);
    List<CompletableFuture<HttpResponse<String>>> busy = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      busy.add(
          client.sendAsync(
              webhook("invoice.created", "invoice.created:" + i, VALID_BODY).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> overloaded = get("/healthz");

    release.countDown();
    assertThat(overloaded.statusCode()).isEqualTo(503);
    assertThat(overloaded.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(overloaded.body()).contains("overloaded");
    for (CompletableFuture<HttpResponse<String>> f : busy) {
      assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }
  }

  @Test
  void aBadTokenWithExpect100ContinueGetsItsFinalStatusAsTheFirstLine() throws Exception {
    Socket s = open();
    write(s, webhookHead("Bearer not-a-valid-token", 150, "Expect: 100-continue\r\n"));

    assertThat(firstLine(s)).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(accept.commands()).isEmpty();
  }

  @Test
  void anOversizedBodyWithExpect100ContinueGetsItsFinalStatusAsTheFirstLine() throws Exception {
    Socket s = open();
    write(
        s,
        webhookHead(
            FakeWebhookAuthenticator.bearer(TENANT),
            maxBodyBytes() + 1,
            "Expect: 100-continue\r\n"));

    assertThat(firstLine(s)).isEqualTo("HTTP/1.1 413 Payload Too Large");
  }

  @Test
  void aValidWebhookWithExpect100ContinueIsAccepted() throws Exception {
    Socket s = open();
    byte[] body = VALID_BODY.getBytes(StandardCharsets.UTF_8);
    write(
        s,
        webhookHead(
            FakeWebhookAuthenticator.bearer(TENANT), body.length, "Expect: 100-continue\r\n"));
    assertThat(firstLine(s)).isEqualTo("HTTP/1.1 100 Continue");
    s.getOutputStream().write(body);
    s.getOutputStream().flush();
    assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 202 Accepted");
  }

  @Test
  void requestsTheServerRefusesItselfGetAShortBodyWithoutExceptionNames() throws Exception {
    Socket badLine = open();
    write(badLine, "GARBAGE\r\n\r\n");
    String answer = readAll(badLine.getInputStream());
    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(answer).endsWith("{\"error\":\"bad_request\"}");

    Socket bigHeaders = open();
    write(
        bigHeaders,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(10_000) + "\r\n\r\n");
    String tooBig = readAll(bigHeaders.getInputStream());
    assertThat(tooBig).startsWith("HTTP/1.1 431 ");
    assertThat(tooBig)
        .doesNotContainIgnoringCase("exception")
        .doesNotContain("org.eclipse")
        .doesNotContain("Caused by");
  }

  @Test
  void tooManyHeaderFieldsGet431() throws Exception {
    StringBuilder head = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < HttpInConfig.DEFAULT_MAX_HEADER_COUNT + 1; i++) {
      head.append("X-H").append(i).append(": v\r\n");
    }
    Socket s = open();
    write(s, head.append("\r\n").toString());

    assertThat(firstLine(s)).startsWith("HTTP/1.1 431 ");
  }

  private static String firstLine(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    // the rest of an interim response's head
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      buf.write(b);
      String text = buf.toString(StandardCharsets.ISO_8859_1);
      if (text.endsWith("\r\n\r\n") && !text.trim().isEmpty()) {
        return text.trim();
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1).trim();
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }
}
