package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void extractsThePrkOfWireVectorWithThirtyTwoZeroSalt() {
    byte[] prk = Hkdf.extract(null, "byte8_lk_raw_secret".getBytes(StandardCharsets.UTF_8));

    assertThat(HEX.formatHex(prk))
        .isEqualTo("6c72f6782176cbc633af44176705be2c84b0757d1d57f029bf7a67aa0f9ffd2b");
    assertThat(Hkdf.extract(new byte[32], "byte8_lk_raw_secret".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(prk);
  }

  @Test
  void derivesTheOutboundSubkeyOfWireVector() {
    assertThat(HEX.formatHex(Hkdf.subkey("byte8_lk_raw_secret", Hkdf.OUTBOUND_INFO)))
        .isEqualTo("7d9da2d0582fd50518b2439628a4099d76728839d045b54dbb964e930c2fc872");
  }

  @Test
  void derivesTheInboundSubkeyOfWireVector() {
    assertThat(HEX.formatHex(Hkdf.subkey("byte8_lk_raw_secret", Hkdf.INBOUND_INFO)))
        .isEqualTo("d17842b7e7dd30e2bd0c52048b18745582596de1aae88d501d6b0adde3fc4021");
  }

  @Test
  void matchesRfc5869TestCaseOneIncludingMultiBlockExpand() {
    byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
    byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

    byte[] prk = Hkdf.extract(salt, ikm);
    byte[] okm = Hkdf.expand(prk, info, 42);

    assertThat(HEX.formatHex(prk))
        .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void cachesSubkeysPerApiKeyAndHandsOutCopies() {
    Subkeys subkeys = new Subkeys();

    byte[] first = subkeys.outbound("byte8_lk_raw_secret");
    first[0] ^= 0x7f;

    assertThat(subkeys.outbound("byte8_lk_raw_secret")).isEqualTo(StoreTokens.OUTBOUND_SUBKEY);
    assertThat(subkeys.inbound("byte8_lk_raw_secret")).isEqualTo(StoreTokens.INBOUND_SUBKEY);
    assertThat(subkeys.outbound("another-key")).isNotEqualTo(StoreTokens.OUTBOUND_SUBKEY);
  }
}
