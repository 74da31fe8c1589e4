package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ledgerbridge.core.invoice.DocumentFigures;
import io.ledgerbridge.core.money.Amounts;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the figures of a sales invoice or credit note body as this adapter sent it ({@code
 * {"sales_invoice":{...}}} or {@code {"sales_credit_note":{...}}}), computed as Sage computes them:
 * a line's net is {@code quantity × unit_price − discount_amount} at two decimals {@code HALF_UP},
 * its total net plus {@code tax_amount}; the document's tax is its lines' tax plus {@code
 * shipping_tax_amount}.
 */
final class SentDocuments {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private SentDocuments() {}

  static DocumentFigures figures(String body) {
    JsonNode root;
    try {
      root = body == null ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode doc = root.get("sales_invoice");
    String linesField = "invoice_lines";
    if (doc == null) {
      doc = root.get("sales_credit_note");
      linesField = "credit_note_lines";
    }
    if (doc == null || !doc.isObject()) {
      throw new IllegalArgumentException("not a sales invoice or credit note");
    }
    BigDecimal subtotal = Amounts.zero();
    BigDecimal discount = Amounts.zero();
    BigDecimal tax = Amounts.zero();
    List<DocumentFigures.Line> lines = new ArrayList<>();
    for (JsonNode l : doc.path(linesField)) {
      BigDecimal qty = amount(l, "quantity");
      BigDecimal unit = amount(l, "unit_price");
      BigDecimal lineDiscount = amount(l, "discount_amount");
      BigDecimal lineTax = amount(l, "tax_amount");
      BigDecimal gross = Amounts.round2(qty.multiply(unit));
      BigDecimal net = gross.subtract(lineDiscount);
      subtotal = subtotal.add(gross);
      discount = discount.add(lineDiscount);
      tax = tax.add(lineTax);
      lines.add(
          new DocumentFigures.Line(
              l.path("description").asText(""),
              qty,
              unit,
              lineTax,
              net.add(lineTax),
              l.path("tax_rate_id").asText("")));
    }
    BigDecimal shipping = amount(doc, "shipping_net_amount");
    BigDecimal shippingTax = amount(doc, "shipping_tax_amount");
    tax = tax.add(shippingTax);
    BigDecimal total = subtotal.subtract(discount).add(shipping).add(tax);
    return new DocumentFigures(subtotal, discount, shipping, tax, total, shippingTax, lines);
  }

  /** A decimal sent as a string (or a number); zero when absent. */
  private static BigDecimal amount(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return BigDecimal.ZERO;
    }
    try {
      return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is not a decimal");
    }
  }
}
