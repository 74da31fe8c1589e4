package io.ledgerbridge.sandbox.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin Disconnect button: {@code Controller/Adminhtml/Connection/Disconnect} with {@code
 * ByteClient::disconnect} (WIRE §1B L4, §7.4). When connected it POSTs {@code {}} to {@code
 * {base}/v1/tenant/disconnect} with a fresh outbound JWT and {@code Idempotency-Key:
 * disconnect:<sha1hex(tenant)>}, once and synchronously (connect 5 s, total 15 s, no redirects);
 * 2xx is an acknowledgement, anything else is logged; then the local credentials and pending
 * pairing code are deleted either way. The ledger base URL stays.
 */
final class StoreDisconnect {

  static final String PATH = "/v1/tenant/disconnect";
  private static final Logger LOG = LoggerFactory.getLogger(StoreDisconnect.class);

  private final StoreConnection connection;
  private final Clock clock;
  private final HttpClient http = StoreOutbox.curlLikeClient();
  private final List<DisconnectCall> calls = new CopyOnWriteArrayList<>();

  StoreDisconnect(StoreConnection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  List<DisconnectCall> calls() {
    return List.copyOf(calls);
  }

  /** Presses the button. Presses are serialised, as admin requests on one config row would be. */
  synchronized Disconnection press() {
    StoreConnection.Credentials c = connection.credentials();
    if (!c.connected()) {
      return new Disconnection.AlreadyDisconnected();
    }
    DisconnectCall call = notifyLedger(c);
    calls.add(call);
    if (!call.acknowledged()) {
      LOG.warn(
          "sandbox store: disconnect call to ledger failed (continuing anyway): {}",
          call.failure());
    }
    connection.disconnect();
    return call.acknowledged()
        ? new Disconnection.Acknowledged(call)
        : new Disconnection.DisconnectedLocally(call);
  }

  /** {@code ByteClient::disconnect} for a connected store. */
  private DisconnectCall notifyLedger(StoreConnection.Credentials c) {
    Instant now = clock.instant();
    if (c.baseUrl() == null) {
      return new DisconnectCall(
          now, null, Map.of(), "", null, "", "Byte8 client base_url is not configured.");
    }
    String url = c.baseUrl() + PATH;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Authorization",
        "Bearer "
            + StoreCrypto.outboundToken(
                c.apiKey(), c.tenantId(), now.getEpochSecond(), UUID.randomUUID().toString()));
    headers.put("Content-Type", "application/json");
    headers.put("Idempotency-Key", "disconnect:" + StoreCrypto.sha1Hex(c.tenantId()));
    headers.put("Accept", "*/*");
    String body = "{}";
    int status;
    String responseBody;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(15))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      headers.forEach(request::header);
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      status = response.statusCode();
      responseBody = response.body() == null ? "" : response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DisconnectCall(
          now, url, headers, body, null, "", networkError(url, "interrupted"));
    } catch (IOException | IllegalArgumentException e) {
      return new DisconnectCall(now, url, headers, body, null, "", networkError(url, e.toString()));
    }
    String failure = null;
    if (status >= 400 && status < 500) {
      failure = "Byte8 rejected request to " + url + " with HTTP " + status + ".";
    } else if (status < 200 || status >= 300) {
      failure = "Byte8 returned HTTP " + status + " from " + url + "; will retry.";
    }
    return new DisconnectCall(now, url, headers, body, status, responseBody, failure);
  }

  private static String networkError(String url, String error) {
    return "Network error publishing to Byte8 (" + url + "): " + error;
  }
}
