package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls {@code POST /rest/V1/byte8/setup/pair} as the ledger would: anonymous JSON. */
final class PairRequests {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private PairRequests() {}

  static HttpResponse<String> post(SandboxStore store, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(store.baseUrl() + "/rest/V1/byte8/setup/pair"))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The WIRE §7.2 body with snake_case keys (a null value is JSON null). */
  static String body(String code, String tenantId, String apiKey, String ledgerBaseUrl) {
    return "{\"pairing_code\":"
        + quote(code)
        + ",\"tenant_id\":"
        + quote(tenantId)
        + ",\"byte8_api_key\":"
        + quote(apiKey)
        + ",\"ledger_base_url\":"
        + quote(ledgerBaseUrl)
        + "}";
  }

  /** Pairs the store with a fresh code and asserts the 200 {@code []}. */
  static void pair(SandboxStore store, String tenantId, String apiKey, String ledgerBaseUrl)
      throws Exception {
    HttpResponse<String> r =
        post(store, body(store.generatePairingCode(), tenantId, apiKey, ledgerBaseUrl));
    if (r.statusCode() != 200 || !r.body().equals("[]")) {
      throw new AssertionError("pairing failed: " + r.statusCode() + " " + r.body());
    }
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
