package io.ledgerbridge.core.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretScrubberTest {
  /** Shaped like a Sage refresh token or client secret: Base64 characters and a few others. */
  private static final String SECRET = "rT/9x+Q=k\"é 42\\end";

  private final SecretScrubber scrubber = SecretScrubber.of("client-secret-value", SECRET);

  @Test
  void masksTheRawValue() {
    assertThat(scrubber.scrub("before " + SECRET + " after")).isEqualTo("before [redacted] after");
  }

  @Test
  void masksTheUrlEncodedValueAsAFormBodyCarriesIt() {
    String form =
        "grant_type=refresh_token&refresh_token="
            + URLEncoder.encode(SECRET, StandardCharsets.UTF_8)
            + "&client_secret=client-secret-value";
    assertThat(scrubber.scrub(form))
        .isEqualTo("grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]")
        .doesNotContain("rT");
  }

  @Test
  void masksOtherPercentEncodingsLowerCaseHexAndPercentTwentyForSpace() {
    String lower =
        java.util.regex.Pattern.compile("%[0-9A-F]{2}")
            .matcher(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
            .replaceAll(m -> m.group().toLowerCase(java.util.Locale.ROOT));
    assertThat(lower).contains("%2f");
    String everything = percentEncodeEveryByte(SECRET);
    String spaces = URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20");
    assertThat(scrubber.scrub("a=" + lower)).isEqualTo("a=[redacted]");
    assertThat(scrubber.scrub("a=" + everything)).isEqualTo("a=[redacted]");
    assertThat(scrubber.scrub("a=" + spaces)).isEqualTo("a=[redacted]");
  }

  @Test
  void masksTheJsonEscapedValue() {
    // as a JSON writer escapes it: \/ for the slash, \" and \\, and é as a unicode escape
    String json = "{\"echo\":\"rT\\/9x+Q=k\\\"\\u00e9 42\\\\end\"}";
    assertThat(scrubber.scrub(json)).isEqualTo("{\"echo\":\"[redacted]\"}");
    String upper = "{\"echo\":\"rT/9x+Q=k\\\"\\u00E9 42\\\\end\"}";
    assertThat(scrubber.scrub(upper)).isEqualTo("{\"echo\":\"[redacted]\"}");
  }

  @Test
  void masksTheBase64OfTheWholeValue() {
    byte[] utf8 = SECRET.getBytes(StandardCharsets.UTF_8);
    String std = Base64.getEncoder().encodeToString(utf8);
    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8);
    assertThat(scrubber.scrub("Basic " + std)).doesNotContain(std.replace("=", ""));
    assertThat(scrubber.scrub("x=" + url)).isEqualTo("x=[redacted]");
  }

  @Test
  void leavesOtherTextAloneAndNullStaysNull() {
    assertThat(scrubber.scrub("{\"$message\":\"Contact is invalid\"}"))
        .isEqualTo("{\"$message\":\"Contact is invalid\"}");
    assertThat(scrubber.scrub(null)).isNull();
    assertThat(SecretScrubber.NONE.scrub(SECRET)).isEqualTo(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "short", "1234567"})
  void ignoresValuesTooShortToMaskSafely(String tiny) {
    SecretScrubber s = SecretScrubber.of(tiny);
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.scrub("a short word")).isEqualTo("a short word");
  }

  @Test
  void masksTheLongerOfTwoOverlappingSecretsWhole() {
    SecretScrubber s = SecretScrubber.of("abcdefgh", "abcdefghijklmnop");
    assertThat(s.scrub("abcdefghijklmnop")).isEqualTo("[redacted]");
  }

  @Test
  void neverRevealsItsSecretsInToString() {
    assertThat(scrubber.toString()).doesNotContain("client-secret-value").doesNotContain("rT/");
  }

  private static String percentEncodeEveryByte(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format("%%%02X", b & 0xff));
    }
    return out.toString();
  }
}
