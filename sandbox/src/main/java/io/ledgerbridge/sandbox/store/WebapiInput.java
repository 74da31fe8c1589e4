package io.ledgerbridge.sandbox.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Magento's REST input processing (ServiceInputProcessor and TypeProcessor) for the POST routes:
 * each method parameter is read under its camelCase name, then its snake_case form; JSON null
 * counts as absent; absent required parameters answer 400 with the framework's wording (WIRE §1A);
 * scalars are cast to the declared {@code string} type.
 */
final class WebapiInput {

  private WebapiInput() {}

  /** camelCase parameter name first, then its snake_case form; JSON null counts as absent. */
  static JsonNode param(JsonNode body, String camel) {
    JsonNode v = body.get(camel);
    if (v == null || v.isNull()) {
      v = body.get(snake(camel));
    }
    return v == null || v.isNull() ? null : v;
  }

  static String snake(String camel) {
    return camel.replaceAll("(?<=\\w)(?=[A-Z])", "_").toLowerCase(Locale.ROOT);
  }

  /**
   * The 400 body for absent required parameters, in declaration order, or null when all are
   * present: one gives {@code "%fieldName" is required. Enter and try again.}, several give {@code
   * One or more input exceptions have occurred.} with an {@code errors} list.
   */
  static String missingRequired(JsonNode body, String... required) {
    List<String> missing = new ArrayList<>();
    for (String p : required) {
      if (param(body, p) == null) {
        missing.add(p);
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    if (missing.size() == 1) {
      return CanonicalJson.messageWithNamed(
          "\"%fieldName\" is required. Enter and try again.", "fieldName", missing.get(0));
    }
    PhpJson j = PhpJson.standard();
    j.beginObject().name("message").value("One or more input exceptions have occurred.");
    j.name("errors").beginArray();
    for (String p : missing) {
      j.beginObject().name("message").value("\"%fieldName\" is required. Enter and try again.");
      j.name("parameters").beginObject().name("fieldName").value(p).endObject().endObject();
    }
    j.endArray().endObject();
    return j.toString();
  }

  /**
   * A present scalar cast to PHP {@code string} ({@code true} is {@code "1"}, {@code false} is
   * {@code ""}), or null for an array or object, which the caller answers with {@link
   * #typeInvalid}.
   */
  static String asString(JsonNode v) {
    if (v.isContainerNode()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? "1" : "";
    }
    return v.asText();
  }

  static String typeInvalid(String value, String type) {
    return CanonicalJson.messageWithNamed(
        "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try"
            + " again.",
        "value", value, "type", type);
  }
}
