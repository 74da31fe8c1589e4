package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.ports.out.SageAuthorization;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The authorization-code exchange, the businesses of the authorizing user and the revocation of a
 * refresh token (SAGE §1.3, §1.5, §1.6).
 */
final class SageAuthorizationClient implements SageAuthorization {
  private final SageHttp http;
  private final TokenEndpoint endpoint;
  private final ObjectMapper json;

  SageAuthorizationClient(SageHttp http, TokenEndpoint endpoint, ObjectMapper json) {
    this.http = Objects.requireNonNull(http, "http");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public SageTokens exchangeCode(SageClient client, String code, String redirectUri) {
    SageOperation op = SageOperation.EXCHANGE_CODE;
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", client.clientId());
    form.put("client_secret", client.clientSecret());
    form.put("code", Objects.requireNonNull(code, "code"));
    form.put("grant_type", "authorization_code");
    form.put("redirect_uri", Objects.requireNonNull(redirectUri, "redirectUri"));
    TokenEndpoint.Reply reply = endpoint.post(op, client.tokenUrl(), form);
    SageHttp.Answer answer = reply.answer();
    if (answer.isSuccess()) {
      return endpoint.tokens(op, reply, null);
    }
    String kept = TokenEndpoint.kept(answer, code, client.clientSecret());
    int status = answer.status();
    if ((status == 400 || status == 401)
        && "invalid_grant".equals(endpoint.oauthError(answer.body()))) {
      String description = endpoint.oauthDescription(answer.body());
      throw SageErrors.permanent(
          op,
          status,
          answer.requestId(),
          ErrorClass.AUTH,
          "Sage refused the authorization code (invalid_grant"
              + (description == null ? "" : ": " + description)
              + "): a code is valid once, for 60 seconds, with the redirect URI it was issued for",
          kept);
    }
    throw endpoint.failure(op, answer, kept, "token endpoint");
  }

  @Override
  public List<SageBusiness> businesses(String apiUrl, String accessToken) {
    SageOperation op = SageOperation.LIST_BUSINESSES;
    HttpUrl base = HttpUrl.parse(Objects.requireNonNull(apiUrl, "apiUrl"));
    if (base == null) {
      throw new IllegalArgumentException("Sage API URL is not an http(s) URL: " + apiUrl);
    }
    HttpUrl url = base.newBuilder().addPathSegment("businesses").build();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + Objects.requireNonNull(accessToken, "token"))
            .header("Accept", "application/json")
            .get()
            .build();
    SageHttp.Answer answer = http.execute(op, request);
    if (!answer.isSuccess()) {
      String kept = TokenEndpoint.kept(answer, accessToken);
      if (answer.status() == 401 || answer.status() == 403) {
        throw SageErrors.permanent(
            op,
            answer.status(),
            answer.requestId(),
            ErrorClass.AUTH,
            "Sage refused to list the user's businesses (HTTP " + answer.status() + ")",
            kept);
      }
      throw endpoint.failure(op, answer, kept, "businesses request");
    }
    JsonNode root;
    try {
      root = json.readTree(answer.body());
    } catch (IOException e) {
      throw SageErrors.unreadable(
          op, answer.status(), answer.requestId(), "not JSON", answer.body(), e);
    }
    JsonNode items = root == null ? null : root.get("$items");
    if (items == null || !items.isArray()) {
      throw SageErrors.unreadable(
          op, answer.status(), answer.requestId(), "no $items array", answer.body(), null);
    }
    List<SageBusiness> businesses = new ArrayList<>();
    for (JsonNode item : items) {
      String id = TokenEndpoint.text(item, "id");
      if (id == null) {
        throw SageErrors.unreadable(
            op, answer.status(), answer.requestId(), "a business has no id", answer.body(), null);
      }
      String name = TokenEndpoint.text(item, "displayed_as");
      if (name == null) {
        name = TokenEndpoint.text(item, "name");
      }
      businesses.add(new SageBusiness(id, name == null ? id : name));
    }
    return List.copyOf(businesses);
  }

  @Override
  public void revoke(SageClient client, String refreshToken) {
    SageOperation op = SageOperation.REVOKE_TOKEN;
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", client.clientId());
    form.put("client_secret", client.clientSecret());
    form.put("token", Objects.requireNonNull(refreshToken, "refreshToken"));
    TokenEndpoint.Reply reply = endpoint.post(op, client.revokeUrl(), form);
    SageHttp.Answer answer = reply.answer();
    if (!answer.isSuccess()) {
      throw endpoint.failure(
          op,
          answer,
          TokenEndpoint.kept(answer, refreshToken, client.clientSecret()),
          "revoke endpoint");
    }
  }
}
