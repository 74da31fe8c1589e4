package io.ledgerbridge.sandbox.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Calls the sandbox store like the ledger would: a fresh inbound token per request. */
final class StoreClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final SandboxStore store;
  private final String apiKey;
  private final long iat;

  StoreClient(SandboxStore store, String apiKey, long iat) {
    this.store = store;
    this.apiKey = apiKey;
    this.iat = iat;
  }

  String token() {
    return SandboxStore.inboundToken(
        apiKey, store.tenantId(), iat, iat + 300, UUID.randomUUID().toString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return getWithBearer(path, token());
  }

  HttpResponse<String> getWithBearer(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(store.baseUrl() + path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> getAnonymous(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(store.baseUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(store.baseUrl() + path))
            .header("Authorization", "Bearer " + token())
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
