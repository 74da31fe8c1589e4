package io.ledgerbridge.core.contact;

import io.ledgerbridge.core.canonical.CanonicalContact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How a store customer in one currency is keyed (PRODUCT §3). Sage's contact {@code reference} is
 * at most 10 chars and one char is reserved for the currency initial ({@code GBP → G}, {@code EUR →
 * E}, {@code USD → U}):
 *
 * <ul>
 *   <li><b>registered</b> customer {@code id}: store key {@code M{id}}; reference {@code M{id}{C}},
 *       e.g. {@code M5E}. Ids of more than 8 digits do not fit, so they use {@code
 *       N{base36(id)}{C}} (upper case, e.g. id 123456789 → {@code N21I3V9G}; any 32-bit id fits);
 *       the distinct {@code N} keeps them from colliding with a decimal {@code M} reference.
 *   <li><b>guest</b> ({@code magento_id} 0): {@code h} = lower-case hex SHA-256 of the trimmed,
 *       lower-cased email. Reference {@code G} + the first 8 hex chars of {@code h} + {@code C} (10
 *       chars; PRODUCT's "9 hex chars" would leave no room for the currency initial). The store key
 *       is {@code G} + the first 16 hex chars of {@code h}: it is longer than the reference on
 *       purpose, so two guests whose references collide (32 bits) never share a cross-reference and
 *       cannot be posted to each other's contact; a reference collision surfaces as a Sage
 *       duplicate-reference error instead.
 * </ul>
 *
 * Known limit: two currencies with the same initial (CAD and CHF) for the same customer produce the
 * same reference, which Sage refuses as a duplicate.
 */
public final class ContactKeying {

  /** Sage's {@code maxLength} for {@code contact.reference}. */
  public static final int MAX_REFERENCE = 10;

  private static final long MAX_DECIMAL_ID = 99_999_999L;

  private ContactKeying() {}

  /**
   * The key of {@code customer} in {@code currency}.
   *
   * @throws IllegalArgumentException for a guest without an email (nothing to key on), a blank
   *     currency, or a customer id beyond 8 base-36 digits (above 2 821 109 907 455; Magento ids
   *     are 32-bit, so this never happens with a real store)
   */
  public static ContactKey keyFor(CanonicalContact customer, String currency) {
    Objects.requireNonNull(customer, "customer");
    String cur = normaliseCurrency(currency);
    char initial = cur.charAt(0);
    if (!customer.isGuest()) {
      long id = customer.magentoId();
      String storeKey = "M" + id;
      String reference =
          id <= MAX_DECIMAL_ID
              ? storeKey + initial
              : "N" + Long.toString(id, 36).toUpperCase(Locale.ROOT) + initial;
      if (reference.length() > MAX_REFERENCE) {
        throw new IllegalArgumentException(
            "customer id " + id + " does not fit a 10-char Sage contact reference");
      }
      return new ContactKey(storeKey, cur, reference);
    }
    String email = customer.email().trim().toLowerCase(Locale.ROOT);
    if (email.isEmpty()) {
      throw new IllegalArgumentException("guest customer has no email to key a contact on");
    }
    String hash = sha256Hex(email);
    return new ContactKey("G" + hash.substring(0, 16), cur, "G" + hash.substring(0, 8) + initial);
  }

  /** The currency code upper-cased and trimmed. */
  static String normaliseCurrency(String currency) {
    Objects.requireNonNull(currency, "currency");
    String cur = currency.trim().toUpperCase(Locale.ROOT);
    if (cur.isEmpty()) {
      throw new IllegalArgumentException("currency is blank");
    }
    return cur;
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
