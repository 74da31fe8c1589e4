package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.ports.out.WebhookAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scripted authenticator: accepts {@code Bearer <token(tenant)>} for registered tenants and only on
 * the matching path tenant, like the real one checks {@code sub}. Records every call.
 */
final class FakeWebhookAuthenticator implements WebhookAuthenticator {

  private final Set<String> tenants = ConcurrentHashMap.newKeySet();
  private final List<String> calls = new ArrayList<>();
  private volatile RuntimeException failure;
  private volatile Long skewSeconds;

  FakeWebhookAuthenticator register(String tenant) {
    tenants.add(tenant);
    return this;
  }

  void failWith(RuntimeException e) {
    this.failure = e;
  }

  /** Correctly signed tokens now come out as outside their time window by {@code seconds}. */
  void clockSkewed(long seconds) {
    this.skewSeconds = seconds;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** A JWT-shaped token whose payload carries {@code sub}; the "signature" names the tenant. */
  static String token(String tenant) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"iss\":\"magento\",\"sub\":\"" + tenant + "\",\"aud\":\"byte8-ledger\"}")
                .getBytes(StandardCharsets.UTF_8));
    String sig = b64.encodeToString(("valid-for-" + tenant).getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + sig;
  }

  static String bearer(String tenant) {
    return "Bearer " + token(tenant);
  }

  @Override
  public AuthResult authenticate(String pathTenantId, String authorizationHeader) {
    synchronized (this) {
      calls.add(pathTenantId);
    }
    if (failure != null) {
      throw failure;
    }
    if (!tenants.contains(pathTenantId)) {
      return new Rejected("unknown tenant");
    }
    if (!bearer(pathTenantId).equals(authorizationHeader)) {
      return new Rejected("signature mismatch");
    }
    if (skewSeconds != null) {
      return new ClockSkewed("token expired", skewSeconds);
    }
    return new Authenticated(pathTenantId, "jti-1");
  }
}
