package io.ledgerbridge.adapter.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest: a fresh random 12-byte nonce per value, 128-bit tag, stored as
 * base64 of {@code nonce || ciphertext}. The associated data names the row and column, so a
 * ciphertext copied to another row does not decrypt. Never logs or echoes a value.
 */
final class SecretCipher {
  static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  SecretCipher(byte[] masterKey) {
    if (masterKey == null || masterKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("the secret key must be exactly 32 bytes");
    }
    this.key = new SecretKeySpec(Arrays.copyOf(masterKey, KEY_BYTES), "AES");
    this.random = new SecureRandom();
  }

  String encrypt(String plaintext, String associatedData) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt a secret: " + e.getClass().getSimpleName());
    }
  }

  String decrypt(String stored, String associatedData) {
    byte[] all;
    try {
      all = Base64.getDecoder().decode(stored);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("a stored secret is not valid base64");
    }
    if (all.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("a stored secret is too short");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] pt = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(pt, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot decrypt a stored secret ("
              + associatedData
              + "): wrong secret key or tampered data");
    }
  }
}
