package io.ledgerbridge.adapter.magento;

import java.util.HexFormat;

/**
 * Test-only store side: signs tokens the way the Magento module's Signer does (WIRE §2.4), plus
 * arbitrary header/payload combinations for negative tests. Values from WIRE §8.
 */
final class StoreTokens {
  static final String MASTER_KEY = "byte8_lk_raw_secret";
  static final String TENANT = "tenant-123";
  static final long IAT = 1_767_225_600L;
  static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  static final byte[] OUTBOUND_SUBKEY =
      HexFormat.of().parseHex("7d9da2d0582fd50518b2439628a4099d76728839d045b54dbb964e930c2fc872");
  static final byte[] INBOUND_SUBKEY =
      HexFormat.of().parseHex("d17842b7e7dd30e2bd0c52048b18745582596de1aae88d501d6b0adde3fc4021");

  private StoreTokens() {}

  /** Claims JSON in the store's order, exp = iat + 60. */
  static String claims(String tenant, long iat, String jti) {
    return "{\"iss\":\"magento\",\"sub\":\""
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
  }

  /** A token exactly as the store's Signer mints it for {@link #MASTER_KEY}. */
  static String outbound(String tenant, long iat, String jti) {
    return signed(HEADER, claims(tenant, iat, jti));
  }

  /** Any header and payload, signed with the outbound subkey of {@link #MASTER_KEY}. */
  static String signed(String header, String payload) {
    return CompactJws.sign(OUTBOUND_SUBKEY, header, payload);
  }

  static String signedWith(byte[] key, String header, String payload) {
    return CompactJws.sign(key, header, payload);
  }
}
