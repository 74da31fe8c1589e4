package io.ledgerbridge.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.app.config.AppConfig;
import io.ledgerbridge.bench.demo.DemoEnvironment;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.sandbox.store.SandboxStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Shared by the connect-flow end-to-end tests: configuration, HTTP calls, waiting. */
final class ConnectE2e {
  static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ConnectE2e() {}

  static AppConfig config(Path dataDir) {
    return AppConfig.from(
            Map.of(
                "LEDGER_HTTP_PORT", "0",
                "LEDGER_SWEEP_MS", "100",
                "LEDGER_HELD_RECHECK_SECONDS", "1",
                "LEDGER_ADMIN_TOKEN", ADMIN_TOKEN))
        .withDataDir(dataDir);
  }

  /** An HTTP answer: status and body. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** {@code POST /v1/magento/connect} as the operator. */
  static Answer connect(DemoEnvironment env, String magentoUrl, String code) {
    var body = JSON.createObjectNode();
    if (magentoUrl != null) {
      body.put("magento_base_url", magentoUrl);
    }
    if (code != null) {
      body.put("pairing_code", code);
    }
    return send(
        HttpRequest.newBuilder(URI.create(env.chassisUrl() + "/v1/magento/connect"))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** A store route (tile, status) called as the store calls it: a fresh outbound JWT. */
  static Answer storeGet(DemoEnvironment env, String path, String apiKey) {
    return send(
        HttpRequest.newBuilder(URI.create(env.chassisUrl() + path))
            .header("Authorization", "Bearer " + storeToken(env.tenant(), apiKey))
            .header("Accept", "application/json")
            .GET());
  }

  static String storeToken(String tenant, String apiKey) {
    return SandboxStore.outboundToken(
        apiKey, tenant, Instant.now().getEpochSecond(), UUID.randomUUID().toString());
  }

  static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Binding binding(DemoEnvironment env, String tenant) {
    return env.chassis().registration().list().stream()
        .filter(b -> b.tenantId().equals(tenant))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no binding " + tenant));
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }
}
