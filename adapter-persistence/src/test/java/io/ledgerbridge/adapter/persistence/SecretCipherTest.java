package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  private final SecretCipher cipher = new SecretCipher(TestDatabase.KEY);

  @Test
  void decryptsWhatItEncrypted() {
    String stored = cipher.encrypt("s3cr3t \u2603", "row/a");

    assertThat(cipher.decrypt(stored, "row/a")).isEqualTo("s3cr3t \u2603");
  }

  @Test
  void storesNonceCiphertextAndTagAsBase64WithAFreshNoncePerValue() {
    String a = cipher.encrypt("same", "row/a");
    String b = cipher.encrypt("same", "row/a");

    assertThat(a).isNotEqualTo(b).doesNotContain("same");
    assertThat(Base64.getDecoder().decode(a)).hasSize(12 + 4 + 16);
  }

  @Test
  void refusesACiphertextMovedToAnotherRow() {
    String stored = cipher.encrypt("secret", "row/a");

    assertThatThrownBy(() -> cipher.decrypt(stored, "row/b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("secret\"");
  }

  @Test
  void refusesToDecryptUnderAnotherKey() {
    String stored = cipher.encrypt("secret", "row/a");
    byte[] other = TestDatabase.KEY.clone();
    other[0] ^= 1;

    assertThatThrownBy(() -> new SecretCipher(other).decrypt(stored, "row/a"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void requiresA32ByteKey() {
    assertThatThrownBy(() -> new SecretCipher(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
