package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.canonical.StoreTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reader of {@code occurred_at} gives exactly what java.time gives for what it
 * reads, and leaves everything else to java.time, so the accepted timestamps are unchanged.
 */
class EnvelopeInstantTest {

  private static void sameAsJavaTime(String text) {
    Instant expected = Envelope.javaTimeInstant(text);
    Instant plain = StoreTimestamps.plain(text);
    if (plain != null) {
      assertThat(plain).as(text).isEqualTo(expected);
    }
    assertThat(Envelope.parseInstant(text)).as(text).isEqualTo(expected);
  }

  @Test
  void readsTheStoresShapesByHand() {
    assertThat(StoreTimestamps.plain("2026-04-29T10:11:12Z"))
        .isEqualTo(Instant.parse("2026-04-29T10:11:12Z"));
    assertThat(StoreTimestamps.plain("2026-04-29T10:11:12+00:00"))
        .isEqualTo(Instant.parse("2026-04-29T10:11:12Z"));
    assertThat(StoreTimestamps.plain("2026-04-29T10:11:12.5-02:30"))
        .isEqualTo(Instant.parse("2026-04-29T12:41:12.500Z"));
    assertThat(StoreTimestamps.plain("2026-04-29T10:11:12.123456789Z"))
        .isEqualTo(Instant.parse("2026-04-29T10:11:12.123456789Z"));
  }

  @Test
  void givesWhatJavaTimeGivesForEdgesAndNonsense() {
    for (String t :
        List.of(
            "2026-04-29T10:11:12Z",
            "2026-04-29t10:11:12Z",
            "2026-04-29T10:11:12z",
            "2024-02-29T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-04-29T24:00:00Z",
            "2026-04-29T23:60:00Z",
            "2026-04-29T23:59:60Z",
            "2026-04-29T10:11:12.Z",
            "2026-04-29T10:11:12.1234567891Z",
            "2026-04-29T10:11:12+18:00",
            "2026-04-29T10:11:12+18:01",
            "2026-04-29T10:11:12-19:00",
            "2026-04-29T10:11:12+01:00:30",
            "2026-04-29T10:11:12+0100",
            "2026-04-29T10:11:12",
            "2026-04-29 10:11:12Z",
            "+2026-04-29T10:11:12Z",
            "12026-04-29T10:11:12Z",
            "2026-4-29T10:11:12Z",
            "２０２６-04-29T10:11:12Z",
            "2026-04-29T10:11:12Z ",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999-18:00")) {
      sameAsJavaTime(t);
    }
  }

  @Test
  void agreesWithJavaTimeOnRandomTimestampsAndMutations() {
    Random random = new Random(15);
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      Instant at =
          Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
      String z = at.toString();
      cases.add(z);
      int offsetMinutes = (random.nextInt(37) - 18) * 60 + (random.nextBoolean() ? 30 : 0);
      cases.add(
          at.atOffset(
                  java.time.ZoneOffset.ofTotalSeconds(
                      Math.max(-64800, Math.min(64800, offsetMinutes * 60))))
              .toString());
      char[] mutated = z.toCharArray();
      mutated[random.nextInt(mutated.length)] = "0123456789-:T.Z+x".charAt(random.nextInt(17));
      cases.add(new String(mutated));
    }
    cases.forEach(EnvelopeInstantTest::sameAsJavaTime);
  }
}
