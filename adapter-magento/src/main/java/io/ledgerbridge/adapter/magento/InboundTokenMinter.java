package io.ledgerbridge.adapter.magento;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Mints the HS256 token we send to the store (WIRE §2.5): header exactly {@code
 * {"alg":"HS256","typ":"JWT"}}, claims in the store's own order {@code iss, sub, aud, iat, nbf,
 * exp, jti}, {@code aud} a plain string, integer times, a fresh {@code jti} per call.
 *
 * <p>{@code iat = nbf = now - 60 s} absorbs a store clock up to a minute behind ours (the store
 * allows no skew on {@code nbf}); {@code exp = iat + 300}, the store's ceiling, so a store clock up
 * to 240 s ahead still sees the token as valid. Together: a store between 60 s behind and 239 s
 * ahead verifies it.
 */
final class InboundTokenMinter {
  static final String ISSUER = "byte8-ledger";
  static final String AUDIENCE = "magento";
  static final long BACKDATE_SECONDS = 60;
  static final long LIFETIME_SECONDS = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final Supplier<UUID> jtis;

  InboundTokenMinter(Clock clock, Supplier<UUID> jtis) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jtis = Objects.requireNonNull(jtis, "jtis");
  }

  /** A compact JWS for {@code tenantId}, signed with the 32-byte inbound subkey. */
  String mint(String tenantId, byte[] inboundKey) {
    Objects.requireNonNull(tenantId, "tenantId");
    long iat = clock.instant().getEpochSecond() - BACKDATE_SECONDS;
    UUID jti = Objects.requireNonNull(jtis.get(), "jti");
    return CompactJws.sign(inboundKey, CompactJws.HS256_HEADER_JSON, payload(tenantId, iat, jti));
  }

  static String payload(String tenantId, long iat, UUID jti) {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", ISSUER);
    claims.put("sub", tenantId);
    claims.put("aud", AUDIENCE);
    claims.put("iat", iat);
    claims.put("nbf", iat);
    claims.put("exp", iat + LIFETIME_SECONDS);
    claims.put("jti", jti.toString());
    try {
      return JSON.writeValueAsString(claims);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JWT claims", e);
    }
  }
}
