package io.ledgerbridge.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the policy file of {@code bindings add --policy FILE}: the knobs of PRODUCT §2 in
 * snake_case. Unknown keys and wrong types are errors that name the field; tax-rate-map keys are
 * canonicalised to two-decimal percentage strings.
 */
public final class PolicyJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> KNOWN =
      Set.of(
          "sync_unpaid_invoices", "sync_zero_value_invoices", "sync_since", "website_filter",
          "store_filter", "default_tax_rate_id", "default_ledger_account_id", "tax_rate_map",
          "zero_tax_rate_id", "invoice_number_prefix", "customer_name_priority",
          "default_eu_goods_services_type");

  private PolicyJson() {}

  public static SyncPolicy read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new PolicyException("cannot read policy file " + file + ": " + e.getMessage());
    }
  }

  public static SyncPolicy parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new PolicyException("policy is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException("policy must be a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!KNOWN.contains(f)) {
        throw new PolicyException("unknown policy field '" + f + "'");
      }
    }
    String ledger = text(root, "default_ledger_account_id", null);
    if (ledger == null || ledger.isBlank()) {
      throw new PolicyException("default_ledger_account_id is required");
    }
    String priority = text(root, "customer_name_priority", "Company");
    if (!List.of("Company", "Person").contains(priority)) {
      throw new PolicyException("customer_name_priority must be Company or Person");
    }
    String euType = text(root, "default_eu_goods_services_type", "GOODS");
    if (!List.of("GOODS", "SERVICES").contains(euType)) {
      throw new PolicyException("default_eu_goods_services_type must be GOODS or SERVICES");
    }
    String prefix = text(root, "invoice_number_prefix", "");
    if (prefix.length() > 10) {
      throw new PolicyException("invoice_number_prefix is longer than 10 characters");
    }
    return SyncPolicy.of(
        bool(root, "sync_unpaid_invoices", true),
        bool(root, "sync_zero_value_invoices", true),
        instant(root, "sync_since"),
        ints(root, "website_filter"),
        ints(root, "store_filter"),
        text(root, "default_tax_rate_id", "GB_STANDARD"),
        ledger,
        taxRateMap(root),
        text(root, "zero_tax_rate_id", "GB_ZERO"),
        prefix,
        priority,
        euType);
  }

  public static String write(SyncPolicy p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("sync_unpaid_invoices", p.syncUnpaidInvoices());
    o.put("sync_zero_value_invoices", p.syncZeroValueInvoices());
    if (p.syncSince() == null) {
      o.putNull("sync_since");
    } else {
      o.put("sync_since", p.syncSince().toString());
    }
    p.websiteFilter().stream().sorted().forEach(o.putArray("website_filter")::add);
    p.storeFilter().stream().sorted().forEach(o.putArray("store_filter")::add);
    if (!o.has("website_filter")) {
      o.putArray("website_filter");
    }
    if (!o.has("store_filter")) {
      o.putArray("store_filter");
    }
    o.put("default_tax_rate_id", p.defaultTaxRateId());
    o.put("default_ledger_account_id", p.defaultLedgerAccountId());
    ObjectNode map = o.putObject("tax_rate_map");
    p.taxRateMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> map.put(e.getKey(), e.getValue()));
    o.put("zero_tax_rate_id", p.zeroTaxRateId());
    o.put("invoice_number_prefix", p.invoiceNumberPrefix());
    o.put("customer_name_priority", p.customerNamePriority());
    o.put("default_eu_goods_services_type", p.defaultEuGoodsServicesType());
    return o.toPrettyString();
  }

  private static boolean bool(JsonNode root, String f, boolean dflt) {
    JsonNode n = root.get(f);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isBoolean()) {
      throw new PolicyException(f + " must be true or false");
    }
    return n.booleanValue();
  }

  private static String text(JsonNode root, String f, String dflt) {
    JsonNode n = root.get(f);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isTextual()) {
      throw new PolicyException(f + " must be a string");
    }
    return n.textValue();
  }

  private static Instant instant(JsonNode root, String f) {
    String s = text(root, f, null);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new PolicyException(f + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
  }

  private static Set<Integer> ints(JsonNode root, String f) {
    JsonNode n = root.get(f);
    if (n == null || n.isNull()) {
      return Set.of();
    }
    if (!n.isArray()) {
      throw new PolicyException(f + " must be an array of ids");
    }
    Set<Integer> out = new HashSet<>();
    for (JsonNode v : n) {
      if (!v.isInt() || v.intValue() < 0) {
        throw new PolicyException(f + " must contain non-negative integer ids");
      }
      out.add(v.intValue());
    }
    return out;
  }

  private static Map<String, String> taxRateMap(JsonNode root) {
    JsonNode n = root.get("tax_rate_map");
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new PolicyException("tax_rate_map must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key;
      try {
        key = new BigDecimal(e.getKey().trim()).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
      } catch (NumberFormatException | ArithmeticException ex) {
        throw new PolicyException(
            "tax_rate_map key '" + e.getKey() + "' must be a percentage with at most 2 decimals");
      }
      if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
        throw new PolicyException("tax_rate_map['" + key + "'] must be a Sage tax rate id");
      }
      if (out.put(key, e.getValue().textValue()) != null) {
        throw new PolicyException("tax_rate_map has two keys for " + key);
      }
    }
    return out;
  }

  /** The policy file is unusable; the message names the field. */
  public static final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
      super(message);
    }
  }
}
