package io.ledgerbridge.core.product;

import io.ledgerbridge.core.invoice.SageText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Sage item codes from store SKUs. A SKU that fits is the item code as it is. A longer one (Sage
 * stock items take 30 characters, Magento SKUs up to 64) gets a deterministic short code: its first
 * characters, {@code ~}, and 8 hex characters of SHA-256 of the whole SKU, so the same SKU always
 * gets the same code and two long SKUs sharing their first characters still differ. The whole SKU
 * then goes to the item's notes as {@value #NOTES_PREFIX}{@code <sku>}, from which {@link #skuOf}
 * reads it back. Whether Sage already has the code for another item is checked when Sage answers
 * (item codes are unique per business).
 */
public final class ItemCodes {
  /** How the full SKU of a shortened item code is written in the item's notes. */
  public static final String NOTES_PREFIX = "Magento SKU: ";

  /** Hex characters of the SKU's digest in a short code. */
  private static final int HASH_CHARS = 8;

  private ItemCodes() {}

  /**
   * The item code of {@code sku} for an item code of at most {@code max} characters: the SKU when
   * it fits, else its first {@code max - 9} characters, {@code ~} and 8 hex characters of
   * SHA-256(sku) (for 30: 21 + 1 + 8). A surrogate pair is never split.
   */
  public static String forSku(String sku, int max) {
    Objects.requireNonNull(sku, "sku");
    if (max <= HASH_CHARS + 1) {
      throw new IllegalArgumentException("an item code of " + max + " characters is too short");
    }
    if (sku.length() <= max) {
      return sku;
    }
    String head = SageText.truncate(sku, max - HASH_CHARS - 1);
    return head + "~" + sha256Hex(sku).substring(0, HASH_CHARS);
  }

  /** The notes of an item whose code is {@code itemCode}: the full SKU when it was shortened. */
  public static String notesFor(String sku, String itemCode) {
    return sku.equals(itemCode) ? null : NOTES_PREFIX + sku;
  }

  /**
   * The store SKU an existing Sage item stands for: the SKU in its notes when they name one, else
   * its item code.
   */
  public static Optional<String> skuOf(String itemCode, String notes) {
    if (notes != null && notes.startsWith(NOTES_PREFIX)) {
      return Optional.of(notes.substring(NOTES_PREFIX.length()));
    }
    return Optional.ofNullable(itemCode);
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
