package io.ledgerbridge.adapter.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboundTokenMinterTest {
  private static final String WIRE_INBOUND_TOKEN =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJieXRlOC1sZWRnZXIiLCJzdWIiOiJ0ZW5hbnQtMTIzIiwiYXVkIjoibWFnZW50byIsImlhdCI6MTc2NzIyNTYwMCwibmJmIjoxNzY3MjI1NjAwLCJleHAiOjE3NjcyMjU5MDAsImp0aSI6IjVmMGMxZDJlLTNhNGItNGM1ZC04ZTZmLTdhOGI5YzBkMWUyZiJ9.jbCNXHvIk2htN50D99DIIji27M-ztriIy1KxJWvMF0U";

  @Test
  void reproducesTheWireEndToEndInboundTokenByteForByte() {
    // iat is back-dated 60 s, so a clock at iat + 60 yields iat = 1767225600 exactly
    MutableClock clock = MutableClock.atEpochSecond(1_767_225_660L);
    UUID jti = UUID.fromString("5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f");
    InboundTokenMinter minter = new InboundTokenMinter(clock, () -> jti);

    String token = minter.mint("tenant-123", Hkdf.subkey("byte8_lk_raw_secret", Hkdf.INBOUND_INFO));

    assertThat(token).isEqualTo(WIRE_INBOUND_TOKEN);
  }

  @Test
  void isAcceptedByAStoreWhoseClockIsAMinuteBehindOrTwoHundredSecondsAhead() throws Exception {
    long now = 1_800_000_000L;
    InboundTokenMinter minter =
        new InboundTokenMinter(MutableClock.atEpochSecond(now), UUID::randomUUID);
    String bearer = "Bearer " + minter.mint(StoreTokens.TENANT, StoreTokens.INBOUND_SUBKEY);

    // the store's own rules (WIRE §2.5): iat <= now + 30, nbf <= now, exp > now, exp - iat <= 300
    MagentoRulesTokenCheck.assertAcceptedByStore(bearer, StoreTokens.TENANT, now - 60);
    MagentoRulesTokenCheck.assertAcceptedByStore(bearer, StoreTokens.TENANT, now + 200);
    MagentoRulesTokenCheck.assertAcceptedByStore(bearer, StoreTokens.TENANT, now + 239);
  }

  @Test
  void emitsExactHeaderStringAudienceAndIntegerTimesWithinTheCeiling() throws Exception {
    MutableClock clock = MutableClock.atEpochSecond(1_800_000_000L);
    InboundTokenMinter minter =
        new InboundTokenMinter(
            clock, () -> UUID.fromString("00000000-0000-4000-8000-000000000001"));

    String[] parts = minter.mint("tenant-\"q\"/x", StoreTokens.INBOUND_SUBKEY).split("\\.");

    assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    JsonNode claims = new ObjectMapper().readTree(decode(parts[1]));
    assertThat(claims.get("aud").isTextual()).isTrue();
    assertThat(claims.get("aud").textValue()).isEqualTo("magento");
    assertThat(claims.get("iss").textValue()).isEqualTo("byte8-ledger");
    assertThat(claims.get("sub").textValue()).isEqualTo("tenant-\"q\"/x");
    assertThat(claims.get("iat").isIntegralNumber()).isTrue();
    assertThat(claims.get("iat").longValue()).isEqualTo(1_800_000_000L - 60);
    assertThat(claims.get("nbf").longValue()).isEqualTo(claims.get("iat").longValue());
    assertThat(claims.get("exp").longValue() - claims.get("iat").longValue()).isEqualTo(300);
    List<String> names = iterableToList(claims.fieldNames());
    assertThat(names).containsExactly("iss", "sub", "aud", "iat", "nbf", "exp", "jti");
  }

  @Test
  void takesAFreshJtiForEveryToken() throws Exception {
    ArrayDeque<UUID> ids =
        new ArrayDeque<>(
            List.of(
                UUID.fromString("00000000-0000-4000-8000-000000000001"),
                UUID.fromString("00000000-0000-4000-8000-000000000002")));
    InboundTokenMinter minter =
        new InboundTokenMinter(MutableClock.atEpochSecond(1_800_000_000L), ids::removeFirst);

    String first = minter.mint("t", StoreTokens.INBOUND_SUBKEY);
    String second = minter.mint("t", StoreTokens.INBOUND_SUBKEY);

    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(decode(first.split("\\.")[1])).get("jti").textValue())
        .isEqualTo("00000000-0000-4000-8000-000000000001");
    assertThat(json.readTree(decode(second.split("\\.")[1])).get("jti").textValue())
        .isEqualTo("00000000-0000-4000-8000-000000000002");
  }

  private static String decode(String segment) {
    return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
  }

  private static List<String> iterableToList(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
