package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Test helper for the code flow: the authorize page (redirects not followed, so that each answer
 * can be inspected), the token and revoke endpoints with any headers.
 */
final class SageOAuthHttp {

  static final String CALLBACK = "https://merchant.example/sage/callback";

  /** An answer of the authorize page. */
  record Page(int status, String location, String body, HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The decoded query parameters of the redirect, in order. */
    Map<String, String> locationParams() {
      Map<String, String> m = new LinkedHashMap<>();
      String q = URI.create(location).getRawQuery();
      for (String pair : q.split("&")) {
        int eq = pair.indexOf('=');
        m.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return m;
    }
  }

  private final SandboxSage sage;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  SageOAuthHttp(SandboxSage sage) {
    this.sage = sage;
  }

  /** {@code GET authorizeUrl()?<query>} with the parameters in the given order. */
  Page authorize(Map<String, String> params) {
    return authorizeRaw(form(params));
  }

  Page authorizeRaw(String rawQuery) {
    return page(
        HttpRequest.newBuilder(URI.create(sage.authorizeUrl() + "?" + rawQuery)).GET().build());
  }

  /** The consent form's POST. */
  Page postConsent(String consentId, String decision) {
    return page(
        HttpRequest.newBuilder(URI.create(sage.authorizeUrl()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    form(Map.of("consent", consentId, "decision", decision))))
            .build());
  }

  /** The usual authorize parameters for the test client and {@link #CALLBACK}. */
  static Map<String, String> params(String state) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("filter", "apiv3.1");
    p.put("response_type", "code");
    p.put("client_id", SageHttp.CLIENT_ID);
    p.put("redirect_uri", CALLBACK);
    p.put("scope", "full_access");
    if (state != null) {
      p.put("state", state);
    }
    return p;
  }

  /** Authorizes with the ALLOW decision and returns the code of the redirect. */
  String code(Map<String, String> params) {
    Page p = authorize(params);
    if (p.status() != 302) {
      throw new IllegalStateException("authorize answered " + p.status() + ": " + p.body());
    }
    return p.locationParams().get("code");
  }

  /** The code exchange with form credentials of the test client. */
  SageHttp.Resp exchange(String code, String redirectUri) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("client_id", SageHttp.CLIENT_ID);
    f.put("client_secret", SageHttp.CLIENT_SECRET);
    f.put("code", code);
    f.put("redirect_uri", redirectUri);
    return post(sage.tokenUrl(), f, null);
  }

  SageHttp.Resp token(Map<String, String> form, String authorization) {
    return post(sage.tokenUrl(), form, authorization);
  }

  SageHttp.Resp revoke(Map<String, String> form) {
    return post(sage.revokeUrl(), form, null);
  }

  static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
  }

  SageHttp.Resp post(String url, Map<String, String> form, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  SageHttp.Resp send(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = r.body().length == 0 ? null : SageHttp.JSON.readTree(r.body());
      return new SageHttp.Resp(r.statusCode(), body, r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Page page(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Page(
          r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body(), r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
