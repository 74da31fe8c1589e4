package io.ledgerbridge.adapter.magento;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ledgerbridge.core.canonical.CanonicalAddress;
import io.ledgerbridge.core.canonical.CanonicalContact;
import io.ledgerbridge.core.canonical.CanonicalCreditMemo;
import io.ledgerbridge.core.canonical.CanonicalInvoice;
import io.ledgerbridge.core.canonical.CanonicalLine;
import io.ledgerbridge.core.canonical.CanonicalPayment;
import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.canonical.InvoiceState;
import io.ledgerbridge.core.canonical.StoreTimestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the store's canonical JSON (WIRE §3.1-§3.7) onto {@code core.canonical} records. Floats are
 * read as exact {@link BigDecimal}s (integer literals accepted, trailing zeros kept as sent);
 * absent nullable keys become null; unknown keys are ignored; {@code ""} timestamps become null.
 * Anything that does not fit the wire raises {@link CanonicalJsonException}.
 */
final class CanonicalJson {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private CanonicalJson() {}

  static CanonicalInvoice invoice(String body) {
    JsonNode root = parseObject(body);
    try {
      return new CanonicalInvoice(
          requiredLong(root, "magento_id"),
          requiredText(root, "increment_id"),
          requiredLong(root, "order_id"),
          requiredText(root, "order_increment_id"),
          requiredInt(root, "website_id"),
          requiredInt(root, "store_id"),
          requiredText(root, "currency"),
          InvoiceState.fromWire(requiredText(root, "state")),
          contact(requiredObject(root, "customer")),
          lines(root.get("lines")),
          requiredDecimal(root, "subtotal"),
          requiredDecimal(root, "tax_amount"),
          requiredDecimal(root, "shipping_amount"),
          requiredDecimal(root, "shipping_tax_amount"),
          requiredDecimal(root, "discount_amount"),
          requiredDecimal(root, "grand_total"),
          instant(root, "created_at"),
          optionalText(root, "payment_method"),
          optionalAddress(root, "billing_address"),
          optionalAddress(root, "shipping_address"),
          optionalText(root, "po_number"),
          optionalDecimal(root, "base_to_order_rate"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CanonicalJsonException("invoice rejected by domain validation: " + e.getMessage());
    }
  }

  /** WIRE §3.6: the payment of an invoice ({@code magento_id} is the invoice id). */
  static CanonicalPayment payment(String body) {
    JsonNode root = parseObject(body);
    try {
      List<String> metadata = new ArrayList<>();
      for (JsonNode item : array(root.get("gateway_metadata"), "gateway_metadata")) {
        // scalars as sent; nested arrays arrive JSON-encoded as strings (WIRE §3.6)
        metadata.add(item.isTextual() ? item.textValue() : item.toString());
      }
      return new CanonicalPayment(
          requiredLong(root, "invoice_id"),
          requiredText(root, "invoice_increment_id"),
          requiredText(root, "method"),
          requiredText(root, "currency"),
          requiredDecimal(root, "amount"),
          instant(root, "captured_at"),
          emptyToNull(optionalText(root, "gateway_txn_id")),
          metadata);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CanonicalJsonException("payment rejected by domain validation: " + e.getMessage());
    }
  }

  /** WIRE §3.5: a credit memo; the invoice keys are absent for an offline refund. */
  static CanonicalCreditMemo creditMemo(String body) {
    JsonNode root = parseObject(body);
    try {
      JsonNode invoiceId = root.get("invoice_id");
      return new CanonicalCreditMemo(
          requiredLong(root, "magento_id"),
          requiredText(root, "increment_id"),
          invoiceId == null || invoiceId.isNull() ? null : requiredLong(root, "invoice_id"),
          optionalText(root, "invoice_increment_id"),
          requiredInt(root, "website_id"),
          requiredText(root, "currency"),
          contact(requiredObject(root, "customer")),
          lines(root.get("lines")),
          requiredDecimal(root, "adjustment_positive"),
          requiredDecimal(root, "adjustment_negative"),
          requiredDecimal(root, "grand_total"),
          requiredDecimal(root, "shipping_amount"),
          requiredDecimal(root, "shipping_tax_amount"),
          emptyToNull(optionalText(root, "reason")),
          instant(root, "created_at"),
          instant(root, "invoice_created_at"),
          optionalDecimal(root, "base_to_order_rate"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CanonicalJsonException(
          "credit memo rejected by domain validation: " + e.getMessage());
    }
  }

  /** WIRE §3.3: a registered customer as {@code GET /customer/:id} returns it. */
  static CanonicalContact customer(String body) {
    JsonNode root = parseObject(body);
    try {
      CanonicalContact c = contact(root);
      if (c.isGuest()) {
        throw new CanonicalJsonException("customer document has magento_id 0 (a guest)");
      }
      return c;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CanonicalJsonException("customer rejected by domain validation: " + e.getMessage());
    }
  }

  /**
   * WIRE §3.7: a catalogue product. {@code stock_qty}, the amounts and {@code tax_class} are
   * omitted when null; {@code manage_stock} and {@code website_ids} are always there.
   */
  static CanonicalProduct product(String body) {
    JsonNode root = parseObject(body);
    try {
      List<Integer> websites = new ArrayList<>();
      for (JsonNode item : array(present(root, "website_ids"), "website_ids")) {
        if (!item.isIntegralNumber() || !item.canConvertToInt()) {
          throw new CanonicalJsonException("website_ids[] must be integers");
        }
        websites.add(item.intValue());
      }
      return new CanonicalProduct(
          requiredLong(root, "magento_id"),
          requiredText(root, "sku"),
          requiredText(root, "name"),
          requiredText(root, "product_type"),
          optionalDecimal(root, "price"),
          optionalDecimal(root, "special_price"),
          optionalDecimal(root, "cost"),
          optionalDecimal(root, "weight"),
          optionalDecimal(root, "stock_qty"),
          requiredBoolean(root, "manage_stock"),
          emptyToNull(optionalText(root, "tax_class")),
          websites,
          instant(root, "created_at"),
          instant(root, "updated_at"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CanonicalJsonException("product rejected by domain validation: " + e.getMessage());
    }
  }

  static CanonicalContact contact(JsonNode node) {
    return new CanonicalContact(
        requiredLong(node, "magento_id"),
        requiredText(node, "email"),
        optionalText(node, "first_name"),
        optionalText(node, "last_name"),
        optionalText(node, "company"),
        optionalText(node, "phone"),
        requiredInt(node, "website_id"),
        optionalInt(node, "group_id"),
        addresses(node.get("addresses")),
        emptyToNull(optionalText(node, "created_at")),
        emptyToNull(optionalText(node, "updated_at")));
  }

  static CanonicalAddress address(JsonNode node) {
    return new CanonicalAddress(
        requiredText(node, "kind"),
        strings(node.get("street"), "street"),
        optionalText(node, "city"),
        optionalText(node, "region"),
        optionalText(node, "postcode"),
        requiredText(node, "country_id"),
        optionalText(node, "telephone"));
  }

  static CanonicalLine line(JsonNode node) {
    return new CanonicalLine(
        requiredText(node, "sku"),
        requiredText(node, "name"),
        requiredDecimal(node, "qty"),
        requiredDecimal(node, "unit_price"),
        requiredDecimal(node, "line_subtotal"),
        requiredDecimal(node, "line_tax"),
        requiredDecimal(node, "line_total"),
        optionalDecimal(node, "tax_rate"),
        optionalText(node, "product_type"));
  }

  private static JsonNode parseObject(String body) {
    JsonNode root;
    try {
      root = body == null ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new CanonicalJsonException("response is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new CanonicalJsonException("response is not a JSON object");
    }
    return root;
  }

  private static List<CanonicalLine> lines(JsonNode node) {
    List<CanonicalLine> out = new ArrayList<>();
    for (JsonNode item : array(node, "lines")) {
      out.add(line(object(item, "lines[]")));
    }
    return out;
  }

  private static List<CanonicalAddress> addresses(JsonNode node) {
    List<CanonicalAddress> out = new ArrayList<>();
    for (JsonNode item : array(node, "addresses")) {
      out.add(address(object(item, "addresses[]")));
    }
    return out;
  }

  private static List<String> strings(JsonNode node, String key) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(node, key)) {
      if (!item.isTextual()) {
        throw new CanonicalJsonException(key + "[] must be strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** Absent or null arrays read as empty; anything but an array is an error. */
  private static Iterable<JsonNode> array(JsonNode node, String key) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new CanonicalJsonException(key + " must be an array");
    }
    return node;
  }

  private static JsonNode object(JsonNode node, String key) {
    if (node == null || !node.isObject()) {
      throw new CanonicalJsonException(key + " must be an object");
    }
    return node;
  }

  private static JsonNode requiredObject(JsonNode parent, String key) {
    return object(present(parent, key), key);
  }

  private static CanonicalAddress optionalAddress(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : address(object(node, key));
  }

  private static JsonNode present(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      throw new CanonicalJsonException(key + " is missing");
    }
    return node;
  }

  private static String requiredText(JsonNode parent, String key) {
    JsonNode node = present(parent, key);
    if (!node.isTextual()) {
      throw new CanonicalJsonException(key + " must be a string");
    }
    return node.textValue();
  }

  private static String optionalText(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : requiredText(parent, key);
  }

  private static long requiredLong(JsonNode parent, String key) {
    JsonNode node = present(parent, key);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new CanonicalJsonException(key + " must be an integer");
    }
    return node.longValue();
  }

  private static int requiredInt(JsonNode parent, String key) {
    JsonNode node = present(parent, key);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new CanonicalJsonException(key + " must be an integer");
    }
    return node.intValue();
  }

  private static Integer optionalInt(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : requiredInt(parent, key);
  }

  private static boolean requiredBoolean(JsonNode parent, String key) {
    JsonNode node = present(parent, key);
    if (!node.isBoolean()) {
      throw new CanonicalJsonException(key + " must be true or false");
    }
    return node.booleanValue();
  }

  private static BigDecimal requiredDecimal(JsonNode parent, String key) {
    JsonNode node = present(parent, key);
    if (!node.isNumber()) {
      throw new CanonicalJsonException(key + " must be a number");
    }
    return node.decimalValue();
  }

  private static BigDecimal optionalDecimal(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : requiredDecimal(parent, key);
  }

  /**
   * ISO-8601 ({@code 2026-04-29T10:11:12Z}, or with an offset as {@link Instant#parse} reads it);
   * {@code ""} or absent reads as null.
   */
  private static Instant instant(JsonNode parent, String key) {
    String text = emptyToNull(optionalText(parent, key));
    if (text == null) {
      return null;
    }
    Instant plain = StoreTimestamps.plain(text); // the usual shapes without java.time's parser
    if (plain != null) {
      return plain;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new CanonicalJsonException(key + " is not an ISO-8601 UTC timestamp");
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** The response does not match the canonical wire format. The message names the key only. */
  static final class CanonicalJsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CanonicalJsonException(String message) {
      super(message);
    }
  }
}
