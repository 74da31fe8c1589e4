package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a JSON request body against one definition of a Swagger 2.0 file, for the subset of
 * Swagger that Sage's request schemas use: {@code type} (object, array, string, number, integer,
 * boolean), {@code properties}, {@code required}, {@code additionalProperties}, {@code items},
 * {@code $ref} ({@code #/definitions/X}), {@code maxLength}/{@code minLength}, {@code enum}, {@code
 * minimum}/{@code maximum} and the {@code date}/{@code date-time} formats.
 *
 * <p>Stricter than Swagger where that catches our bugs: an object property the schema does not
 * declare is an error (unless {@code additionalProperties} allows it, or the exact path was allowed
 * with {@link #allowingExtraProperty}), and {@code null} is an error (Swagger 2.0 has no nullable;
 * we omit nulls). Laxer where Sage is: a {@code number} may travel as a JSON string holding a
 * plain-notation decimal ({@code "12.50"}, never {@code "1E+1"}), as Sage asks (SAGE §2.0).
 *
 * <p>Written for the adapter tests; kept free of test-framework types so it can move to production
 * code (the sandbox) unchanged.
 */
public final class SwaggerSubsetValidator {
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final String DEFINITIONS_PREFIX = "#/definitions/";

  private final JsonNode swagger;
  private final Set<String> allowedExtraProperties;

  public SwaggerSubsetValidator(JsonNode swagger) {
    this(swagger, Set.of());
  }

  private SwaggerSubsetValidator(JsonNode swagger, Set<String> allowedExtraProperties) {
    if (swagger == null || !swagger.path("definitions").isObject()) {
      throw new IllegalArgumentException("not a Swagger 2.0 document with definitions");
    }
    this.swagger = swagger;
    this.allowedExtraProperties = Set.copyOf(allowedExtraProperties);
  }

  /** Reads a Swagger file leniently (Sage's settings file has a trailing comma). */
  public static SwaggerSubsetValidator load(Path swaggerFile) {
    ObjectMapper lenient =
        JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    try {
      return new SwaggerSubsetValidator(lenient.readTree(Files.readString(swaggerFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + swaggerFile, e);
    }
  }

  /**
   * A validator that also accepts the property at {@code path}, a JSON pointer into the instance
   * with {@code *} standing for any array index, e.g. {@code /sales_invoice/idempotency_id}.
   */
  public SwaggerSubsetValidator allowingExtraProperty(String path) {
    Set<String> allowed = new LinkedHashSet<>(allowedExtraProperties);
    allowed.add(path);
    return new SwaggerSubsetValidator(swagger, allowed);
  }

  /**
   * The violations of {@code instance} against {@code #/definitions/<definition>}; empty if valid.
   */
  public List<String> validate(String definition, JsonNode instance) {
    List<String> errors = new ArrayList<>();
    validateNode(resolve(DEFINITIONS_PREFIX + definition), instance, "", "", errors, 0);
    return errors;
  }

  public List<String> validate(String definition, String json) {
    try {
      return validate(definition, new ObjectMapper().readTree(json));
    } catch (IOException e) {
      return List.of("body is not JSON: " + e.getMessage());
    }
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith(DEFINITIONS_PREFIX)) {
      throw new IllegalArgumentException("unsupported $ref " + ref);
    }
    JsonNode target = swagger.path("definitions").get(ref.substring(DEFINITIONS_PREFIX.length()));
    if (target == null) {
      throw new IllegalArgumentException("unknown $ref " + ref);
    }
    return target;
  }

  private void validateNode(
      JsonNode schema,
      JsonNode value,
      String path,
      String pattern,
      List<String> errors,
      int depth) {
    if (depth > 64) {
      errors.add(at(path) + "schema nesting too deep ($ref cycle?)");
      return;
    }
    if (schema.has("$ref")) {
      validateNode(resolve(schema.get("$ref").asText()), value, path, pattern, errors, depth + 1);
      return;
    }
    if (value == null || value.isNull()) {
      errors.add(at(path) + "null is not allowed (omit the property instead)");
      return;
    }
    String type = schema.has("type") ? schema.get("type").asText() : impliedType(schema);
    switch (type) {
      case "object" -> validateObject(schema, value, path, pattern, errors, depth);
      case "array" -> validateArray(schema, value, path, pattern, errors, depth);
      case "string" -> validateString(schema, value, path, errors);
      case "number" -> validateNumber(schema, value, path, errors);
      case "integer" -> validateInteger(schema, value, path, errors);
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(at(path) + "expected boolean, got " + value.getNodeType());
        }
      }
      case "" -> {} // no constraint
      default -> errors.add(at(path) + "unsupported schema type " + type);
    }
  }

  private static String impliedType(JsonNode schema) {
    if (schema.has("properties")) {
      return "object";
    }
    if (schema.has("items")) {
      return "array";
    }
    return "";
  }

  private void validateObject(
      JsonNode schema,
      JsonNode value,
      String path,
      String pattern,
      List<String> errors,
      int depth) {
    if (!value.isObject()) {
      errors.add(at(path) + "expected object, got " + value.getNodeType());
      return;
    }
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(at(path) + "missing required property '" + required.asText() + "'");
      }
    }
    JsonNode additional = schema.get("additionalProperties");
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String childPath = path + "/" + field.getKey();
      String childPattern = pattern + "/" + field.getKey();
      JsonNode propertySchema = properties.get(field.getKey());
      if (propertySchema != null) {
        validateNode(propertySchema, field.getValue(), childPath, childPattern, errors, depth + 1);
      } else if (allowedExtraProperties.contains(childPattern)) {
        continue;
      } else if (additional != null && additional.isObject()) {
        validateNode(additional, field.getValue(), childPath, childPattern, errors, depth + 1);
      } else if (additional == null || !additional.asBoolean(false)) {
        errors.add(at(path) + "unknown property '" + field.getKey() + "'");
      }
    }
  }

  private void validateArray(
      JsonNode schema,
      JsonNode value,
      String path,
      String pattern,
      List<String> errors,
      int depth) {
    if (!value.isArray()) {
      errors.add(at(path) + "expected array, got " + value.getNodeType());
      return;
    }
    JsonNode items = schema.get("items");
    if (items == null) {
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      validateNode(items, value.get(i), path + "/" + i, pattern + "/*", errors, depth + 1);
    }
  }

  private static void validateString(
      JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isTextual()) {
      errors.add(at(path) + "expected string, got " + value.getNodeType());
      return;
    }
    String text = value.asText();
    int length = text.codePointCount(0, text.length());
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      errors.add(at(path) + "longer than maxLength " + schema.get("maxLength").asInt());
    }
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      errors.add(at(path) + "shorter than minLength " + schema.get("minLength").asInt());
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode option : schema.get("enum")) {
        listed |= option.asText().equals(text);
      }
      if (!listed) {
        errors.add(at(path) + "'" + text + "' is not one of " + schema.get("enum"));
      }
    }
    String format = schema.path("format").asText("");
    try {
      if (format.equals("date")) {
        LocalDate.parse(text);
      } else if (format.equals("date-time")) {
        OffsetDateTime.parse(text);
      }
    } catch (DateTimeParseException e) {
      errors.add(at(path) + "'" + text + "' is not a " + format);
    }
  }

  private static void validateNumber(
      JsonNode schema, JsonNode value, String path, List<String> errors) {
    BigDecimal number;
    if (value.isNumber()) {
      number = value.decimalValue();
    } else if (value.isTextual() && PLAIN_DECIMAL.matcher(value.asText()).matches()) {
      number = new BigDecimal(value.asText());
    } else {
      errors.add(at(path) + "expected number (or plain decimal string), got " + value);
      return;
    }
    checkRange(schema, number, path, errors);
  }

  private static void validateInteger(
      JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (!value.isIntegralNumber()) {
      errors.add(at(path) + "expected integer, got " + value);
      return;
    }
    checkRange(schema, value.decimalValue(), path, errors);
  }

  private static void checkRange(
      JsonNode schema, BigDecimal number, String path, List<String> errors) {
    if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
      errors.add(at(path) + number + " is below minimum " + schema.get("minimum"));
    }
    if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
      errors.add(at(path) + number + " is above maximum " + schema.get("maximum"));
    }
  }

  private static String at(String path) {
    return (path.isEmpty() ? "/" : path) + ": ";
  }
}
