package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.SageAuthorization;
import io.ledgerbridge.ports.out.TokenVault;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/** The factory of the Sage adapter: the only public type of this module. */
public final class SageAdapter {
  /** Connect timeout of the default client. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Read (and write) timeout of the default client. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private SageAdapter() {}

  /**
   * A Sage gateway with its own HTTP client (connect 5 s, read 30 s, no redirects).
   *
   * @param vault where each tenant's OAuth tokens live; rotations are compare-and-set
   * @param clock decides when a stored access token is too close to expiry
   */
  public static AccountingGateway accountingGateway(TokenVault vault, Clock clock) {
    return accountingGateway(vault, clock, defaultHttpClient());
  }

  /**
   * A Sage gateway on the caller's HTTP client, used as given (its timeouts, pool and
   * interceptors); interceptors must not log the {@code Authorization} header or token bodies.
   */
  public static AccountingGateway accountingGateway(
      TokenVault vault, Clock clock, OkHttpClient httpClient) {
    Objects.requireNonNull(vault, "vault");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(httpClient, "httpClient");
    ObjectMapper json = objectMapper();
    SageHttp http = new SageHttp(httpClient);
    return new SageAccountingGateway(
        http, new SageTokenManager(vault, http, clock, json), new SageRequestBodies(json), json);
  }

  /**
   * Sage's authorization-code flow (code exchange, the user's businesses, revocation) with its own
   * HTTP client (connect 5 s, read 30 s, no redirects).
   */
  public static SageAuthorization authorization(Clock clock) {
    return authorization(clock, defaultHttpClient());
  }

  /** Sage's authorization-code flow on the caller's HTTP client. */
  public static SageAuthorization authorization(Clock clock, OkHttpClient httpClient) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(httpClient, "httpClient");
    ObjectMapper json = objectMapper();
    SageHttp http = new SageHttp(httpClient);
    return new SageAuthorizationClient(http, new TokenEndpoint(http, clock, json), json);
  }

  static OkHttpClient defaultHttpClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(READ_TIMEOUT)
        .followRedirects(false)
        .build();
  }

  static ObjectMapper objectMapper() {
    return JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
  }

  /**
   * The figures of a sales invoice or credit note body as this adapter sends it (for the console's
   * "store said / Sage received" view), computed as Sage computes them.
   *
   * @throws IllegalArgumentException when the body is no such document
   */
  public static io.ledgerbridge.core.invoice.DocumentFigures sentFigures(String requestBody) {
    return SentDocuments.figures(requestBody);
  }
}
