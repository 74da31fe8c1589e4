package io.ledgerbridge.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignedTokensTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** A clock the test moves by hand. */
  private static final class SettableClock extends Clock {
    private Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final SettableClock clock = new SettableClock(T0);
  private final SignedTokens tokens = new SignedTokens(SECRET, clock);

  @Test
  void aMintedTokenVerifiesWithItsFieldsNonceAndExpiry() {
    String token = tokens.mint("sage-state", Duration.ofMinutes(15), "tenant-1", "nonce-α.β");

    SignedTokens.Verified v = tokens.verify(token, "sage-state", 2).orElseThrow();

    assertThat(v.fields()).containsExactly("tenant-1", "nonce-α.β");
    assertThat(v.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertThat(v.nonce()).hasSize(22).matches("[A-Za-z0-9_-]+");
    // the format: purpose . fields . nonce . expiry . mac
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(6);
    assertThat(parts[3]).isEqualTo(v.nonce());
    assertThat(parts[4])
        .isEqualTo(String.valueOf(T0.plus(Duration.ofMinutes(15)).getEpochSecond()));
    assertThat(parts[5]).hasSize(43);
  }

  @Test
  void fieldsMayBeEmptyOrAbsent() {
    String none = tokens.mint("p", Duration.ofMinutes(1));
    String empty = tokens.mint("p", Duration.ofMinutes(1), "", "x");

    assertThat(tokens.verify(none, "p", 0).orElseThrow().fields()).isEmpty();
    assertThat(tokens.verify(empty, "p", 2).orElseThrow().fields()).containsExactly("", "x");
  }

  @Test
  void everyTokenHasItsOwnNonce() {
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String token = tokens.mint("p", Duration.ofMinutes(1), "same");
      nonces.add(tokens.verify(token, "p", 1).orElseThrow().nonce());
    }
    assertThat(nonces).hasSize(50);
  }

  @Test
  void aTokenMintedForOnePurposeIsRefusedForAnother() {
    String link = tokens.mint("sage-link", Duration.ofHours(24), "tenant-1");

    assertThat(tokens.verify(link, "sage-link", 1)).isPresent();
    assertThat(tokens.verify(link, "sage-choice", 1)).isEmpty();
    assertThat(tokens.verify(link, "sage-state-operator", 1)).isEmpty();
  }

  @Test
  void aTokenWithAnotherFieldCountIsRefused() {
    String token = tokens.mint("p", Duration.ofMinutes(5), "a", "b");

    assertThat(tokens.verify(token, "p", 2)).isPresent();
    assertThat(tokens.verify(token, "p", 1)).isEmpty();
    assertThat(tokens.verify(token, "p", 3)).isEmpty();
    assertThat(tokens.verify(token, "p", 0)).isEmpty();
  }

  @Test
  void aTokenSignedUnderAnotherSecretIsRefused() {
    SignedTokens other =
        new SignedTokens("another-installation-secret".getBytes(StandardCharsets.UTF_8), clock);
    String theirs = other.mint("p", Duration.ofMinutes(5), "tenant-1");

    assertThat(other.verify(theirs, "p", 1)).isPresent();
    assertThat(tokens.verify(theirs, "p", 1)).isEmpty();
  }

  @Test
  void expiresExactlyAtItsExpiry() {
    String token = tokens.mint("p", Duration.ofMinutes(15), "t");

    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertThat(tokens.verify(token, "p", 1)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.verify(token, "p", 1)).isEmpty();
    clock.advance(Duration.ofDays(400));
    assertThat(tokens.verify(token, "p", 1)).isEmpty();
  }

  @Test
  void aTamperedFieldWithItsMacKeptIsRefused() {
    String token = tokens.mint("p", Duration.ofMinutes(5), "tenant-1");
    String[] parts = token.split("\\.");
    parts[1] = b64("tenant-2");

    assertThat(tokens.verify(String.join(".", parts), "p", 1)).isEmpty();
  }

  @Test
  void aLaterExpiryWithItsMacKeptIsRefused() {
    String token = tokens.mint("p", Duration.ofMinutes(5), "tenant-1");
    String[] parts = token.split("\\.");
    parts[3] = String.valueOf(Long.parseLong(parts[3]) + 86_400);

    assertThat(tokens.verify(String.join(".", parts), "p", 1)).isEmpty();
  }

  @Test
  void theMacOfOneTokenDoesNotSignAnother() {
    String a = tokens.mint("p", Duration.ofMinutes(5), "tenant-1");
    String b = tokens.mint("p", Duration.ofMinutes(5), "tenant-2");
    String spliced = b.substring(0, b.lastIndexOf('.')) + a.substring(a.lastIndexOf('.'));

    assertThat(tokens.verify(spliced, "p", 1)).isEmpty();
  }

  @Test
  void aTruncatedOrExtendedMacIsRefused() {
    String token = tokens.mint("p", Duration.ofMinutes(5), "t");

    assertThat(tokens.verify(token.substring(0, token.length() - 1), "p", 1)).isEmpty();
    assertThat(tokens.verify(token + "A", "p", 1)).isEmpty();
    assertThat(tokens.verify(token + "=", "p", 1)).isEmpty();
    assertThat(tokens.verify(token.substring(0, token.lastIndexOf('.') + 1), "p", 1)).isEmpty();
  }

  /**
   * Every token that differs from a genuine one by one character is refused, wherever it is: the
   * MAC's last character too, although its two low bits carry no data (43 base64 characters hold
   * 258 bits for a 256-bit MAC) and a lenient decoder maps several characters to the same bytes.
   */
  @Test
  void anySingleCharacterChangeOfTheTokenIsRefused() {
    String token = tokens.mint("sage-state", Duration.ofMinutes(15), "tenant-1", "browser-nonce");
    assertThat(tokens.verify(token, "sage-state", 2)).isPresent();

    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < token.length(); i++) {
      for (char c : (ALPHABET + ".=").toCharArray()) {
        if (c == token.charAt(i)) {
          continue;
        }
        String changed = token.substring(0, i) + c + token.substring(i + 1);
        if (tokens.verify(changed, "sage-state", 2).isPresent()) {
          accepted.add("position " + i + ": '" + token.charAt(i) + "' -> '" + c + "'");
        }
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void aMacInStandardBase64OrWithPaddingIsRefused() {
    // find a token whose MAC contains a URL-safe character, then spell it the other way
    for (int i = 0; i < 200; i++) {
      String token = tokens.mint("p", Duration.ofMinutes(5), "t");
      String mac = token.substring(token.lastIndexOf('.') + 1);
      if (mac.indexOf('-') >= 0 || mac.indexOf('_') >= 0) {
        String standard = mac.replace('-', '+').replace('_', '/');
        String body = token.substring(0, token.lastIndexOf('.') + 1);
        assertThat(tokens.verify(body + standard, "p", 1)).isEmpty();
        assertThat(tokens.verify(token + "=", "p", 1)).isEmpty();
        return;
      }
    }
    throw new AssertionError("no MAC with a URL-safe character in 200 tokens");
  }

  @Test
  void garbageIsRefusedWithoutThrowing() {
    List<String> garbage =
        List.of(
            "",
            ".",
            "....",
            "a.b.c.d",
            "a.b.c.d.e",
            "%%%.***.!!!.???.###",
            "cA.dA.nonce.notanumber.mac",
            "\u0000\u0001.\u0002.\u0003.\u0004.\u0005",
            "Zm9v.YmFy.bm9uY2U.9999999999999999999999999.AAAA");
    for (String g : garbage) {
      assertThat(tokens.verify(g, "p", 1)).as(g).isEmpty();
    }
    assertThat(tokens.verify(null, "p", 1)).isEmpty();
  }

  @Test
  void anOversizedTokenIsRefusedBeforeAnyWork() {
    String big = "x".repeat(4000);
    String token = tokens.mint("p", Duration.ofMinutes(5), big, big, big);
    assertThat(token.length()).isGreaterThan(8192);

    assertThat(tokens.verify(token, "p", 3)).isEmpty();

    String fits = tokens.mint("p", Duration.ofMinutes(5), "x".repeat(5000));
    assertThat(fits.length()).isLessThanOrEqualTo(8192);
    assertThat(tokens.verify(fits, "p", 1)).isPresent();
  }

  @Test
  void refusesAShortSecretAndNullArguments() {
    assertThatThrownBy(() -> new SignedTokens(new byte[15], clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignedTokens(null, clock))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SignedTokens(SECRET, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> tokens.mint("p", Duration.ofMinutes(1), (String) null))
        .isInstanceOf(NullPointerException.class);
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
