package io.ledgerbridge.core.contact;

import io.ledgerbridge.core.canonical.CanonicalContact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How a store customer in one currency is keyed (PRODUCT §3; ADR 0019). Sage's contact {@code
 * reference} is at most 10 chars and ends with the currency's suffix ({@link CurrencySuffix}): one
 * letter, the initial, for the one currency that holds it ({@code GBP → G}, {@code EUR → E}, {@code
 * USD → U}, {@code CAD → C}), two letters for every other currency ({@code CHF → CH}, {@code NZD →
 * NZ}), so that one customer's contacts in CAD and CHF never share a reference:
 *
 * <ul>
 *   <li><b>registered</b> customer {@code id}: store key {@code M{id}}; reference {@code
 *       M{id}{suffix}}, e.g. {@code M5E}, {@code M5CH}. Ids too long for the room left use base 36
 *       (upper case) under a prefix that also says the suffix's length: {@code
 *       N{base36(id)}{letter}} (id 123456789 → {@code N21I3V9G}) or {@code P{base36(id)}{two
 *       letters}} ({@code P21I3V9CH}); any 32-bit id fits, and neither collides with a decimal
 *       {@code M} reference.
 *   <li><b>guest</b> ({@code magento_id} 0): {@code h} = lower-case hex SHA-256 of the trimmed,
 *       lower-cased email. Reference {@code G} + the first 8 hex chars of {@code h} + a one-letter
 *       suffix, or {@code H} + the first 7 + a two-letter suffix. The store key is {@code G} + the
 *       first 16 hex chars of {@code h}: longer than the reference on purpose, so two guests whose
 *       references collide never share a cross-reference and cannot be posted to each other's
 *       contact; a reference collision surfaces as a Sage duplicate-reference error instead.
 * </ul>
 *
 * <p>References made before ADR 0019 gave every currency its initial. Those of the currencies that
 * keep their initial are unchanged; a contact made then in another currency (its reference ending
 * in the initial alone) keeps being found through its cross-reference, which every contact the
 * chassis creates or finds gets.
 */
public final class ContactKeying {

  /** Sage's {@code maxLength} for {@code contact.reference}. */
  public static final int MAX_REFERENCE = 10;

  private ContactKeying() {}

  /**
   * The key of {@code customer} in {@code currency}.
   *
   * @throws IllegalArgumentException for a guest without an email (nothing to key on), a blank
   *     currency, or a customer id too long for the reference (beyond 8 base-36 digits with a
   *     one-letter suffix, 7 with two: above 78 364 164 095; Magento ids are 32-bit, so this never
   *     happens with a real store)
   */
  public static ContactKey keyFor(CanonicalContact customer, String currency) {
    Objects.requireNonNull(customer, "customer");
    String cur = normaliseCurrency(currency);
    String suffix = CurrencySuffix.of(cur);
    int room = MAX_REFERENCE - suffix.length();
    if (!customer.isGuest()) {
      long id = customer.magentoId();
      String storeKey = "M" + id;
      // base 36 has letters, so its prefix says how long the suffix is: N one letter, P two
      String reference =
          storeKey.length() <= room
              ? storeKey + suffix
              : (suffix.length() == 1 ? "N" : "P")
                  + Long.toString(id, 36).toUpperCase(Locale.ROOT)
                  + suffix;
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
    // G with a one-letter suffix, H with two: references of either kind never read alike, even
    // compared without regard to case
    return new ContactKey(
        "G" + hash.substring(0, 16),
        cur,
        (suffix.length() == 1 ? "G" : "H") + hash.substring(0, room - 1) + suffix);
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
