package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Independent re-implementation of the store's inbound verifier rules (WIRE §2.5 steps 2-10) for
 * tests: plain JDK HMAC with the WIRE §8.2 inbound subkey, no production helpers.
 */
final class MagentoRulesTokenCheck {
  private MagentoRulesTokenCheck() {}

  /**
   * Asserts the header value carries a token the store would accept at {@code now}; returns the
   * jti.
   */
  static String assertAcceptedByStore(String authorization, String tenant, long now)
      throws Exception {
    assertThat(authorization).startsWith("Bearer ");
    String token = authorization.substring("Bearer ".length());
    String[] parts = token.split("\\.", -1);
    assertThat(parts).hasSize(3);

    Base64.Decoder url = Base64.getUrlDecoder();
    assertThat(new String(url.decode(parts[0]), StandardCharsets.UTF_8))
        .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(StoreTokens.INBOUND_SUBKEY, "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(MessageDigest.isEqual(expected, url.decode(parts[2]))).as("signature").isTrue();

    JsonNode claims = new ObjectMapper().readTree(url.decode(parts[1]));
    assertThat(claims.isObject()).isTrue();
    assertThat(claims.get("iss").isTextual()).isTrue();
    assertThat(claims.get("iss").textValue()).isEqualTo("byte8-ledger");
    assertThat(claims.get("aud").isTextual()).isTrue();
    assertThat(claims.get("aud").textValue()).isEqualTo("magento");
    assertThat(claims.get("sub").textValue()).isEqualTo(tenant);
    for (String name : new String[] {"iat", "nbf", "exp"}) {
      assertThat(claims.get(name).isIntegralNumber()).as(name + " is an integer").isTrue();
    }
    long iat = claims.get("iat").longValue();
    long nbf = claims.get("nbf").longValue();
    long exp = claims.get("exp").longValue();
    assertThat(iat).isLessThanOrEqualTo(now + 30);
    assertThat(nbf).isLessThanOrEqualTo(now);
    assertThat(exp).isGreaterThan(now);
    assertThat(exp - iat).isLessThanOrEqualTo(300);
    assertThat(claims.get("jti").isTextual()).isTrue();
    assertThat(claims.get("jti").textValue()).isNotEmpty();
    return claims.get("jti").textValue();
  }
}
