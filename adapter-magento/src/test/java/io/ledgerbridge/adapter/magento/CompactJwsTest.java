package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompactJwsTest {

  @Test
  void reproducesTheStoreSignerTestTokenByteForByte() {
    byte[] fakeKey = "fake-derived-32byte-subkey-aaaaa".getBytes(StandardCharsets.US_ASCII);
    String claims =
        "{\"iss\":\"magento\",\"sub\":\"tenant-42\",\"aud\":\"byte8-ledger\",\"iat\":1767225600,"
            + "\"nbf\":1767225600,\"exp\":1767225660,\"jti\":\"abc-jti\"}";

    assertThat(CompactJws.sign(fakeKey, CompactJws.HS256_HEADER_JSON, claims))
        .isEqualTo(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJtYWdlbnRvIiwic3ViIjoidGVuYW50LTQyIiwiYXVkIjoiYnl0ZTgtbGVkZ2VyIiwiaWF0IjoxNzY3MjI1NjAwLCJuYmYiOjE3NjcyMjU2MDAsImV4cCI6MTc2NzIyNTY2MCwianRpIjoiYWJjLWp0aSJ9.LLVCXxb-DAjsLxhIO0VwrbuFW5XWozam3kPTPZf1Rso");
  }

  @Test
  void reproducesTheEndToEndOutboundTokenFromTheMasterKey() {
    byte[] outbound = Hkdf.subkey("byte8_lk_raw_secret", Hkdf.OUTBOUND_INFO);

    String token =
        CompactJws.sign(
            outbound,
            CompactJws.HS256_HEADER_JSON,
            StoreTokens.claims(
                "tenant-123", 1_767_225_600L, "0b6c7f6e-2f4a-4c8e-9d3b-1a2b3c4d5e6f"));

    assertThat(token)
        .isEqualTo(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJtYWdlbnRvIiwic3ViIjoidGVuYW50LTEyMyIsImF1ZCI6ImJ5dGU4LWxlZGdlciIsImlhdCI6MTc2NzIyNTYwMCwibmJmIjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjU2NjAsImp0aSI6IjBiNmM3ZjZlLTJmNGEtNGM4ZS05ZDNiLTFhMmIzYzRkNWU2ZiJ9.Btijb4cfbiyV85QFcl-l09C6dnDDyovuclwxZMm59wc");
  }

  @Test
  void headerSegmentIsTheOneTheStoreEmits() {
    assertThat(CompactJws.encode(CompactJws.HS256_HEADER_JSON))
        .isEqualTo("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");
  }

  @Test
  void strictDecodingAcceptsOnlyCanonicalUnpaddedBase64Url() {
    assertThat(CompactJws.decodeStrict("eyJ9")).isPresent();
    assertThat(CompactJws.decodeStrict("YQ")).contains(new byte[] {'a'});

    assertThat(CompactJws.decodeStrict("YQ==")).isEmpty();
    assertThat(CompactJws.decodeStrict("YR")).isEmpty();
    assertThat(CompactJws.decodeStrict("Y")).isEmpty();
    assertThat(CompactJws.decodeStrict("a+b/")).isEmpty();
    assertThat(CompactJws.decodeStrict("ab cd")).isEmpty();
    assertThat(CompactJws.decodeStrict("")).isEmpty();
    assertThat(CompactJws.decodeStrict(null)).isEmpty();
  }
}
