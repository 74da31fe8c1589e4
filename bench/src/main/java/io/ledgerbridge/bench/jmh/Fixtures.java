package io.ledgerbridge.bench.jmh;

import io.ledgerbridge.bench.load.InvoiceFixture;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.ports.out.TokenVault;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Inputs and in-memory fakes shared by the benchmarks. */
final class Fixtures {
  static final String TENANT = "bench-store";
  static final String API_KEY =
      "lb_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String LEDGER_ACCOUNT = "9a994b92267a11e797950a57719b2edb";

  /** The load drivers' invoice (WIRE §3.1). */
  static final String INVOICE_JSON = InvoiceFixture.JSON;

  private Fixtures() {}

  static SyncPolicy policy() {
    return SyncPolicy.of(
        true,
        true,
        null,
        null,
        null,
        "GB_STANDARD",
        LEDGER_ACCOUNT,
        Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER", "0.00", "GB_ZERO"),
        "GB_ZERO",
        "",
        "Company",
        "GOODS");
  }

  static Binding binding() {
    return new Binding(
        TENANT,
        "http://127.0.0.1:1",
        "http://127.0.0.1:2/v3.1",
        "http://127.0.0.1:2/oauth/token",
        "0d40342d0287cd6b13555c54afca6c90",
        "GB",
        "GBP",
        BindingStatus.ACTIVE,
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** One binding, read-only. */
  static BindingRepository bindings() {
    Binding binding = binding();
    BindingSecrets secrets = new BindingSecrets(API_KEY, "bench-client", "bench-secret");
    return new BindingRepository() {
      @Override
      public void add(Binding b, BindingSecrets s) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<Binding> find(String tenantId) {
        return TENANT.equals(tenantId) ? Optional.of(binding) : Optional.empty();
      }

      @Override
      public Optional<BindingSecrets> secrets(String tenantId) {
        return TENANT.equals(tenantId) ? Optional.of(secrets) : Optional.empty();
      }

      @Override
      public List<Binding> list() {
        return List.of(binding);
      }

      @Override
      public boolean changeStatus(String tenantId, BindingStatus status) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean changeStatus(String tenantId, BindingStatus expected, BindingStatus next) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean update(Binding b, BindingSecrets s) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean remove(String tenantId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<java.time.Instant> statusChangedAt(String tenantId) {
        return Optional.empty();
      }

      @Override
      public List<String> inStatusSince(BindingStatus status, java.time.Instant before) {
        return List.of();
      }
    };
  }

  /** Accepts every jti: measures verification, not a replay store. */
  static final ReplayGuard NEVER_REPLAYED = (scope, jti, expiresAt) -> true;

  /** Holds nothing; rendering never asks for a token. */
  static final TokenVault EMPTY_VAULT =
      new TokenVault() {
        @Override
        public Optional<SageTokens> tokens(String tenantId) {
          return Optional.empty();
        }

        @Override
        public void initialise(String tenantId, String refreshToken) {}

        @Override
        public boolean rotate(String tenantId, String expected, SageTokens next) {
          return false;
        }

        @Override
        public void replace(String tenantId, SageTokens tokens) {}

        @Override
        public void clear(String tenantId) {}

        @Override
        public boolean claimRefresh(String tenantId, String holder, java.time.Instant until) {
          return false;
        }

        @Override
        public void releaseRefresh(String tenantId, String holder) {}

        @Override
        public List<String> refreshedBefore(java.time.Instant before) {
          return List.of();
        }
      };

  // ---- store token minting (WIRE §2.2 to §2.4), independent of the adapter under test

  static String outboundToken(String apiKey, String tenant, long iat, String jti) {
    byte[] prk = hmac(new byte[32], apiKey.getBytes(StandardCharsets.UTF_8));
    byte[] info = "byte8-magento-outbound-v1\u0001".getBytes(StandardCharsets.US_ASCII);
    byte[] subkey = hmac(prk, info);
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        "{\"iss\":\"magento\",\"sub\":\""
            + tenant
            + "\",\"aud\":\"byte8-ledger\",\"iat\":"
            + iat
            + ",\"nbf\":"
            + iat
            + ",\"exp\":"
            + (iat + 60)
            + ",\"jti\":\""
            + jti
            + "\"}";
    String input = header + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
    return input + "." + b64(hmac(subkey, input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
