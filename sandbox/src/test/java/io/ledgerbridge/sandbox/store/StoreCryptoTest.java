package io.ledgerbridge.sandbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** WIRE §8.2 vectors against the hand-written HKDF / base64url / HS256. */
class StoreCryptoTest {

  private static final String MASTER = "byte8_lk_raw_secret";

  @Test
  void hkdfMatchesTheWireVectors() {
    assertThat(StoreCrypto.hex(StoreCrypto.hkdfPrk(MASTER)))
        .isEqualTo("6c72f6782176cbc633af44176705be2c84b0757d1d57f029bf7a67aa0f9ffd2b");
    assertThat(StoreCrypto.hex(SandboxStore.outboundSubkey(MASTER)))
        .isEqualTo("7d9da2d0582fd50518b2439628a4099d76728839d045b54dbb964e930c2fc872");
    assertThat(StoreCrypto.hex(SandboxStore.inboundSubkey(MASTER)))
        .isEqualTo("d17842b7e7dd30e2bd0c52048b18745582596de1aae88d501d6b0adde3fc4021");
  }

  @Test
  void signerTestTokenIsReproducedByteForByte() {
    byte[] fakeSubkey = "fake-derived-32byte-subkey-aaaaa".getBytes(StandardCharsets.US_ASCII);
    String claims = StoreCrypto.outboundClaims("tenant-42", 1767225600L, "abc-jti");
    assertThat(claims)
        .isEqualTo(
            "{\"iss\":\"magento\",\"sub\":\"tenant-42\",\"aud\":\"byte8-ledger\","
                + "\"iat\":1767225600,\"nbf\":1767225600,\"exp\":1767225660,\"jti\":\"abc-jti\"}");
    assertThat(StoreCrypto.sign(fakeSubkey, StoreCrypto.HEADER_JSON, claims))
        .isEqualTo(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJtYWdlbnRvIiwic3ViIjoidGVuYW50LTQyIiwi"
                + "YXVkIjoiYnl0ZTgtbGVkZ2VyIiwiaWF0IjoxNzY3MjI1NjAwLCJuYmYiOjE3NjcyMjU2MDAsImV4cCI6"
                + "MTc2NzIyNTY2MCwianRpIjoiYWJjLWp0aSJ9.LLVCXxb-DAjsLxhIO0VwrbuFW5XWozam3kPTPZf1Rso");
  }

  @Test
  void endToEndOutboundTokenMatchesTheWireVector() {
    assertThat(
            SandboxStore.outboundToken(
                MASTER, "tenant-123", 1767225600L, "0b6c7f6e-2f4a-4c8e-9d3b-1a2b3c4d5e6f"))
        .isEqualTo(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJtYWdlbnRvIiwic3ViIjoidGVuYW50LTEyMyIs"
                + "ImF1ZCI6ImJ5dGU4LWxlZGdlciIsImlhdCI6MTc2NzIyNTYwMCwibmJmIjoxNzY3MjI1NjAwLCJleHAi"
                + "OjE3NjcyMjU2NjAsImp0aSI6IjBiNmM3ZjZlLTJmNGEtNGM4ZS05ZDNiLTFhMmIzYzRkNWU2ZiJ9.Btij"
                + "b4cfbiyV85QFcl-l09C6dnDDyovuclwxZMm59wc");
  }

  @Test
  void inboundMinterReproducesTheLedgerVectorAndTheVerifierAcceptsIt() {
    String token =
        SandboxStore.inboundToken(
            MASTER, "tenant-123", 1767225600L, 1767225900L, "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f");
    assertThat(token).isEqualTo(WireVectors.INBOUND_TOKEN);
    assertThat(
            SandboxStore.verifyInbound(
                token, "tenant-123", MASTER, Instant.ofEpochSecond(1767225600L)))
        .isEqualTo(
            new InboundVerdict.Accepted(
                "tenant-123",
                "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
                1767225600L,
                1767225600L,
                1767225900L));
  }

  @Test
  void replayCacheKeyIsSha1HexOfTheJti() {
    assertThat(InboundVerifier.replayKey("abc-jti"))
        .isEqualTo("byte8_jti:944c36338bba0b57daf4871a1b503700bad5610d");
  }

  @Test
  void base64UrlDecodeAcceptsOptionalPaddingAndRejectsForeignAlphabet() {
    assertThat(StoreCrypto.base64UrlDecode("e30")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(StoreCrypto.base64UrlDecode("e30="))
        .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(StoreCrypto.base64UrlDecode("e3+")).isNull();
    assertThat(StoreCrypto.base64UrlDecode("e3/")).isNull();
  }

  @Test
  void rawUrlEncodeLeavesUnreservedCharactersAlone() {
    assertThat(StoreOutbox.rawUrlEncode("invoice.created")).isEqualTo("invoice.created");
    assertThat(StoreOutbox.rawUrlEncode("a b/c~_-é")).isEqualTo("a%20b%2Fc~_-%C3%A9");
  }
}
