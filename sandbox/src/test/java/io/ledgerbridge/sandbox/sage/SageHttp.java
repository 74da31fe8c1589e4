package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helper: talks to a {@link SandboxSage} over real HTTP with java.net.http. */
final class SageHttp {

  /** A POST or PUT this helper sent to the API, with the status it got. */
  record Sent(String method, String path, String body, int status) {}

  record Resp(int status, JsonNode body, HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CLIENT_ID = "test-client";
  static final String CLIENT_SECRET = "test-secret";

  private final SandboxSage sage;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  String accessToken;
  String business;

  /** Every API POST and PUT sent through {@link #post} and {@link #put}, in order. */
  final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

  SageHttp(SandboxSage sage) {
    this.sage = sage;
  }

  /** Registers the test client and obtains an access token through the token endpoint. */
  SageHttp authorised() {
    sage.registerClient(CLIENT_ID, CLIENT_SECRET);
    Resp r =
        token(
            Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                CLIENT_ID,
                "client_secret",
                CLIENT_SECRET,
                "refresh_token",
                sage.issueRefreshToken(CLIENT_ID)));
    if (r.status() != 200) {
      throw new IllegalStateException("token endpoint answered " + r.status());
    }
    accessToken = r.body().get("access_token").asText();
    return this;
  }

  Resp token(Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(sage.tokenUrl()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Resp get(String pathAndQuery) {
    return send(api(pathAndQuery).GET().build());
  }

  Resp post(String path, String json) {
    Resp r =
        send(
            api(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    sent.add(new Sent("POST", path, json, r.status()));
    return r;
  }

  Resp post(String path, JsonNode json) {
    return post(path, json.toString());
  }

  Resp put(String path, String json) {
    Resp r =
        send(
            api(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    sent.add(new Sent("PUT", path, json, r.status()));
    return r;
  }

  Resp put(String path, JsonNode json) {
    return put(path, json.toString());
  }

  private HttpRequest.Builder api(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sage.apiBaseUrl() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json");
    if (accessToken != null) {
      b.header("Authorization", "Bearer " + accessToken);
    }
    if (business != null) {
      b.header("X-Business", business);
    }
    return b;
  }

  private Resp send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = r.body().length == 0 ? null : JSON.readTree(r.body());
      return new Resp(r.statusCode(), body, r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
