package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwaggerSchemaValidatorTest {

  private static final String DOC =
"""
{"definitions": {
  "Line": {"type": "object", "required": ["description", "price"],
           "properties": {"price": {"type": "number"}, "qty": {"type": "integer", "minimum": 0},
                          "kind": {"type": "string", "enum": ["A", "B"]},
                          "flag": {"type": "boolean"}}},
  "Doc": {"type": "object", "required": ["name"],
          "properties": {"name": {"type": "string", "maxLength": 5},
                         "date": {"type": "string", "format": "date"},
                         "lines": {"type": "array", "items": {"$ref": "#/definitions/Line"}}}}
}}""";

  private static List<String> sources(List<SageError> errors) {
    return errors.stream().map(SageError::source).toList();
  }

  private static List<SageError> validate(String json, boolean rejectUnknown) throws Exception {
    JsonNode doc = SageJson.MAPPER.readTree(DOC);
    return new SwaggerSchemaValidator(doc, rejectUnknown)
        .validate(SageJson.MAPPER.readTree(json), doc.at("/definitions/Doc"), "");
  }

  @Test
  void acceptsDecimalsAsStringsOrNumbersAndRequiredButUndeclaredProperties() throws Exception {
    assertThat(
            validate(
                "{\"name\":\"abc\",\"date\":\"2025-01-31\",\"lines\":[{\"description\":\"d\",\"price\":\"10.50\"},"
                    + "{\"description\":\"e\",\"price\":3,\"qty\":\"2\",\"kind\":\"B\",\"flag\":true}]}",
                true))
        .isEmpty();
  }

  @Test
  void reportsEachViolationWithItsPath() throws Exception {
    List<SageError> errors =
        validate(
            "{\"name\":\"toolong\",\"date\":\"31/01/2025\",\"extra\":1,"
                + "\"lines\":[{\"price\":\"ten\",\"qty\":-1,\"kind\":\"C\",\"flag\":\"yes\"}]}",
            true);

    assertThat(sources(errors))
        .containsExactlyInAnyOrder(
            "name",
            "date",
            "extra",
            "lines[0].description",
            "lines[0].price",
            "lines[0].qty",
            "lines[0].kind",
            "lines[0].flag");
    assertThat(errors).allMatch(e -> e.dataCode().equals("RecordInvalid"));
  }

  @Test
  void missingRequiredAndWrongContainerTypes() throws Exception {
    assertThat(sources(validate("{\"lines\":{}}", true)))
        .containsExactlyInAnyOrder("name", "lines");
    assertThat(sources(validate("{\"name\":5}", true))).containsExactly("name");
  }

  @Test
  void unknownPropertiesPassWhenLenient() throws Exception {
    assertThat(validate("{\"name\":\"a\",\"extra\":1}", false)).isEmpty();
  }
}
