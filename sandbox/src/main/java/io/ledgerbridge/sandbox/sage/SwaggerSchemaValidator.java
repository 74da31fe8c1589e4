package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small validator for the subset of Swagger 2.0 schema keywords Sage's request definitions use:
 * {@code type}, {@code properties}, {@code required}, {@code maxLength}, {@code items}, {@code
 * $ref}, {@code enum}, {@code minimum}, {@code maximum} and {@code format: date}. Decimals may be
 * JSON numbers or numeric strings (Sage asks clients to send them as strings). With {@code
 * rejectUnknown}, properties an object schema neither declares nor requires are violations.
 *
 * <p>{@code $source} paths are relative to the root handed in, e.g. {@code
 * invoice_lines[0].unit_price}.
 */
final class SwaggerSchemaValidator {

  private final JsonNode document;
  private final boolean rejectUnknown;

  SwaggerSchemaValidator(JsonNode document, boolean rejectUnknown) {
    this.document = document;
    this.rejectUnknown = rejectUnknown;
  }

  List<SageError> validate(JsonNode value, JsonNode schema, String path) {
    List<SageError> errors = new ArrayList<>();
    check(value, schema, path, errors, 0);
    return errors;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    for (int hops = 0; s != null && s.has("$ref") && hops < 32; hops++) {
      String ref = s.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("only local $ref supported: " + ref);
      }
      s = document.at(ref.substring(1));
      if (s.isMissingNode()) {
        throw new IllegalStateException("unresolvable $ref: " + ref);
      }
    }
    return s;
  }

  private void check(
      JsonNode value, JsonNode rawSchema, String path, List<SageError> errors, int depth) {
    if (depth > 64 || rawSchema == null) {
      return;
    }
    JsonNode schema = resolve(rawSchema);
    if (value == null || value.isNull()) {
      return; // nulls are allowed for optional properties; required-ness is checked by the parent
    }
    String type = schema.path("type").asText("");
    if (type.isEmpty() && schema.has("properties")) {
      type = "object";
    }
    switch (type) {
      case "object" -> checkObject(value, schema, path, errors, depth);
      case "array" -> {
        if (!value.isArray()) {
          errors.add(SageError.invalid(path, label(path) + " must be an array"));
          return;
        }
        JsonNode items = schema.get("items");
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), items, path + "[" + i + "]", errors, depth + 1);
        }
      }
      case "string" -> checkString(value, schema, path, errors);
      case "number" -> checkNumber(value, schema, path, errors, false);
      case "integer" -> checkNumber(value, schema, path, errors, true);
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(SageError.invalid(path, label(path) + " must be true or false"));
        }
      }
      default -> {
        // untyped schema: anything goes
      }
    }
    checkEnum(value, schema, path, errors);
  }

  private void checkObject(
      JsonNode value, JsonNode schema, String path, List<SageError> errors, int depth) {
    if (!value.isObject()) {
      errors.add(SageError.invalid(path, label(path) + " must be an object"));
      return;
    }
    JsonNode properties = schema.path("properties");
    Set<String> required = new HashSet<>();
    for (JsonNode r : schema.path("required")) {
      required.add(r.asText());
    }
    for (JsonNode r : schema.path("required")) {
      String name = r.asText();
      JsonNode v = value.get(name);
      if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
        errors.add(SageError.invalid(join(path, name), label(name) + " can't be blank"));
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode propSchema = properties.get(f.getKey());
      if (propSchema == null) {
        if (rejectUnknown && !required.contains(f.getKey())) {
          errors.add(
              new SageError(
                  "RecordInvalid",
                  f.getKey() + " is not a valid attribute",
                  join(path, f.getKey())));
        }
        continue;
      }
      check(f.getValue(), propSchema, join(path, f.getKey()), errors, depth + 1);
    }
  }

  private static void checkString(
      JsonNode value, JsonNode schema, String path, List<SageError> errors) {
    if (!value.isTextual()) {
      errors.add(SageError.invalid(path, label(path) + " must be a string"));
      return;
    }
    String s = value.asText();
    if (schema.has("maxLength")) {
      int max = schema.get("maxLength").asInt();
      if (s.codePointCount(0, s.length()) > max) {
        errors.add(
            SageError.invalid(
                path, label(path) + " is too long (maximum is " + max + " characters)"));
      }
    }
    if ("date".equals(schema.path("format").asText()) && !s.isEmpty()) {
      try {
        LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        errors.add(SageError.invalid(path, label(path) + " is not a valid date (YYYY-MM-DD)"));
      }
    }
  }

  private static void checkNumber(
      JsonNode value, JsonNode schema, String path, List<SageError> errors, boolean integer) {
    BigDecimal number;
    if (value.isNumber()) {
      number = value.decimalValue();
    } else if (value.isTextual() && SageJson.isDecimal(value.asText())) {
      number = new BigDecimal(value.asText().trim());
    } else {
      errors.add(SageError.invalid(path, label(path) + " is not a number"));
      return;
    }
    if (integer && number.stripTrailingZeros().scale() > 0) {
      errors.add(SageError.invalid(path, label(path) + " must be an integer"));
      return;
    }
    if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
      errors.add(
          SageError.invalid(
              path, label(path) + " must be greater than or equal to " + schema.get("minimum")));
    }
    if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
      errors.add(
          SageError.invalid(
              path, label(path) + " must be less than or equal to " + schema.get("maximum")));
    }
  }

  private static void checkEnum(
      JsonNode value, JsonNode schema, String path, List<SageError> errors) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray() || !value.isValueNode()) {
      return;
    }
    for (JsonNode a : allowed) {
      if (a.asText().equals(value.asText())) {
        return;
      }
    }
    errors.add(SageError.invalid(path, label(path) + " is not included in the list"));
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String label(String path) {
    int dot = path.lastIndexOf('.');
    String last = dot >= 0 ? path.substring(dot + 1) : path;
    return last.isEmpty() ? "value" : last;
  }
}
