package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest extends HttpInHarness {

  @Test
  void bindsAnEphemeralPortWhenConfiguredWithZero() {
    assertThat(adapter.port()).isPositive();
    assertThat(adapter.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void closeLetsAnInFlightRequestFinishThenStopsListening() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    accept.block(entered, release);
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            webhook("invoice.created", "invoice.created:42", VALID_BODY).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing = CompletableFuture.runAsync(adapter::close);
    release.countDown();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    closing.get(10, TimeUnit.SECONDS);
    int port = adapter.port();
    assertThatThrownBy(
            () ->
                client.send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void closeIsIdempotent() {
    adapter.close();
    adapter.close();
  }

  @Test
  void rejectsInvalidConfiguration() {
    assertThatThrownBy(() -> new HttpInConfig("127.0.0.1", 70000, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpInConfig(" ", 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpInConfig("127.0.0.1", 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HttpInConfig.of("0.0.0.0", 8080).maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(HttpInConfig.of("0.0.0.0", 8080).threads()).isEqualTo(32);
  }
}
