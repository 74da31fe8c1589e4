package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/** JSON helpers shared by the sandbox: the mapper, Sage's error envelope, links, ids, decimals. */
final class SageJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

  private SageJson() {}

  /** One entry of Sage's error envelope. */
  record SageError(String dataCode, String message, String source) {
    SageError {
      source = source == null ? "" : source;
    }

    static SageError invalid(String source, String message) {
      return new SageError("RecordInvalid", message, source);
    }

    static SageError notFound(String source) {
      return new SageError("RecordNotFound", "Couldn't find record.", source);
    }
  }

  /** A response the server writes: status, JSON body (may be null) and content type. */
  record ApiResponse(int status, JsonNode body) {
    static ApiResponse ok(JsonNode body) {
      return new ApiResponse(200, body);
    }

    static ApiResponse created(JsonNode body) {
      return new ApiResponse(201, body);
    }

    static ApiResponse errors(int status, List<SageError> errors) {
      return new ApiResponse(status, envelope(errors));
    }

    static ApiResponse error(int status, String dataCode, String message, String source) {
      return errors(status, List.of(new SageError(dataCode, message, source)));
    }
  }

  static ArrayNode envelope(List<SageError> errors) {
    ArrayNode array = MAPPER.createArrayNode();
    for (SageError e : errors) {
      ObjectNode o = array.addObject();
      o.put("$severity", "error");
      o.put("$dataCode", e.dataCode());
      o.put("$message", e.message());
      o.put("$source", e.source());
    }
    return array;
  }

  static ObjectNode link(String id, String displayedAs, String collection) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", id);
    o.put("displayed_as", displayedAs);
    o.put("$path", "/" + collection + "/" + id);
    return o;
  }

  static String newId(Random random) {
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < 4; i++) {
      sb.append(String.format("%08x", random.nextInt()));
    }
    return sb.toString();
  }

  /**
   * A stable 32-hex id derived from {@code parts} (name-based UUID): for reference data added to
   * every business without drawing from the seeded random, so the ids a seed produces stay put.
   */
  static String derivedId(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }

  static boolean isHexId(String s) {
    return s != null && HEX_ID.matcher(s).matches();
  }

  static boolean isDecimal(String s) {
    return s != null && DECIMAL.matcher(s.trim()).matches();
  }

  /** Reads a JSON number or numeric string; {@code null} when absent or JSON null. */
  static BigDecimal decimal(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return new BigDecimal(node.asText().trim());
  }

  /**
   * Ruby-style decimal string as Sage prints it: {@code "120.0"}, {@code "0.83"}, {@code "27.2"}.
   */
  static String money(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.scale() < 1) {
      v = v.setScale(1, RoundingMode.UNNECESSARY);
    }
    return v.toPlainString();
  }

  /**
   * A transaction-currency amount in base currency, at {@code rate} foreign units per base unit.
   */
  static BigDecimal toBase(BigDecimal amount, BigDecimal rate) {
    return amount.divide(rate, 2, RoundingMode.HALF_UP);
  }

  static BigDecimal round2(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP);
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A {@code YYYY-MM-DD} date, or {@code null} when blank or not a date. */
  static LocalDate date(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Adds a {@code RecordInvalid} for each of {@code fields} with more than two decimal places. */
  static void checkTwoDecimals(
      JsonNode node, List<String> fields, String prefix, List<SageError> errors) {
    for (String f : fields) {
      BigDecimal v = decimal(node.get(f));
      if (v != null && v.stripTrailingZeros().scale() > 2) {
        errors.add(SageError.invalid(prefix + f, f + " must have at most 2 decimal places"));
      }
    }
  }

  /** The {@code links[]} of a read model: one alternate link to the (made-up) web UI. */
  static ArrayNode htmlLinks(String uiPath, String id) {
    ArrayNode links = MAPPER.createArrayNode();
    ObjectNode link = links.addObject();
    link.put("href", "https://sandbox.invalid/" + uiPath + "/" + id);
    link.put("rel", "alternate");
    link.put("type", "text/html");
    return links;
  }
}
