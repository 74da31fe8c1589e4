package io.ledgerbridge.adapter.sage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SwaggerSubsetValidatorTest {
  private static final String SWAGGER =
      "{\"swagger\":\"2.0\",\"definitions\":{"
          + "\"postThing\":{\"type\":\"object\",\"required\":[\"thing\"],\"properties\":{"
          + "\"thing\":{\"type\":\"object\",\"required\":[\"name\",\"lines\"],\"properties\":{"
          + "\"name\":{\"type\":\"string\",\"maxLength\":5},"
          + "\"date\":{\"type\":\"string\",\"format\":\"date\"},"
          + "\"kind\":{\"type\":\"string\",\"enum\":[\"A\",\"B\"]},"
          + "\"days\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":365},"
          + "\"flag\":{\"type\":\"boolean\"},"
          + "\"address\":{\"$ref\":\"#/definitions/Address\"},"
          + "\"free\":{\"type\":\"object\",\"additionalProperties\":true},"
          + "\"lines\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
          + "\"required\":[\"price\"],\"properties\":{\"price\":{\"type\":\"number\"}}}}}}}},"
          + "\"Address\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}},"
          + "}}";

  private final SwaggerSubsetValidator validator = new SwaggerSubsetValidator(lenient(SWAGGER));

  private static com.fasterxml.jackson.databind.JsonNode lenient(String json) {
    try {
      return com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build()
          .readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void acceptsAValidBodyWithDecimalsAsStringsOrNumbers() {
    assertThat(
            validator.validate(
                "postThing",
                "{\"thing\":{\"name\":\"abc\",\"date\":\"2025-01-31\",\"kind\":\"A\",\"days\":30,"
                    + "\"flag\":true,\"address\":{\"city\":\"x\"},\"free\":{\"anything\":1},"
                    + "\"lines\":[{\"price\":\"10.50\"},{\"price\":-3},{\"price\":\"-0.0001\"}]}}"))
        .isEmpty();
  }

  @Test
  void reportsEachViolationWithItsPath() {
    assertThat(
            validator.validate(
                "postThing",
                "{\"thing\":{\"name\":\"toolong\",\"date\":\"31/01/2025\",\"kind\":\"C\",\"days\":400,"
                    + "\"flag\":\"yes\",\"address\":{\"town\":\"x\"},"
                    + "\"lines\":[{\"price\":\"1E+1\"},{\"price\":null},{}]}}"))
        .containsExactly(
            "/thing/name: longer than maxLength 5",
            "/thing/date: '31/01/2025' is not a date",
            "/thing/kind: 'C' is not one of [\"A\",\"B\"]",
            "/thing/days: 400 is above maximum 365",
            "/thing/flag: expected boolean, got STRING",
            "/thing/address: unknown property 'town'",
            "/thing/lines/0/price: expected number (or plain decimal string), got \"1E+1\"",
            "/thing/lines/1/price: null is not allowed (omit the property instead)",
            "/thing/lines/2: missing required property 'price'");
  }

  @Test
  void rejectsUnknownPropertiesUnlessThatExactPathIsAllowed() throws Exception {
    String body =
        "{\"thing\":{\"name\":\"a\",\"lines\":[{\"price\":1,\"note\":\"x\"}],"
            + "\"idempotency_id\":\"x\"}}";

    assertThat(validator.validate("postThing", body))
        .containsExactly(
            "/thing/lines/0: unknown property 'note'", "/thing: unknown property 'idempotency_id'");
    assertThat(
            validator
                .allowingExtraProperty("/thing/idempotency_id")
                .allowingExtraProperty("/thing/lines/*/note")
                .validate("postThing", new ObjectMapper().readTree(body)))
        .isEmpty();
  }

  @Test
  void reportsMissingWrapperAndNonJson() {
    assertThat(validator.validate("postThing", "{\"name\":\"a\"}"))
        .containsExactly("/: missing required property 'thing'", "/: unknown property 'name'");
    assertThat(validator.validate("postThing", "{oops"))
        .hasSize(1)
        .first()
        .asString()
        .startsWith("body is not JSON");
  }

  @Test
  void loadsSagesOwnFilesIncludingTheOneWithATrailingComma() {
    SwaggerSubsetValidator settings =
        SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.settings.json"));
    SwaggerSubsetValidator sales =
        SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.invoicing_sales.json"));

    assertThat(settings).isNotNull();
    assertThat(sales.validate("postSalesInvoices", "{\"sales_invoice\":{}}"))
        .containsExactly(
            "/sales_invoice: missing required property 'contact_id'",
            "/sales_invoice: missing required property 'date'",
            "/sales_invoice: missing required property 'invoice_lines'");
  }
}
