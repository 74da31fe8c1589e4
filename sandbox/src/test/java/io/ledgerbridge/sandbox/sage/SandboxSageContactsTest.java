package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxSageContactsTest {

  private SandboxSage sage;
  private SageHttp http;

  @BeforeEach
  void start() {
    sage = SandboxSage.start(SandboxSageConfig.defaults().withSeed(7));
    http = new SageHttp(sage).authorised();
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  static String contact(String name, String reference) {
    return "{\"contact\":{\"name\":\""
        + name
        + "\",\"contact_type_ids\":[\"CUSTOMER\"],"
        + "\"reference\":\""
        + reference
        + "\",\"currency_id\":\"GBP\","
        + "\"main_address\":{\"address_line_1\":\"1 High St\",\"city\":\"London\","
        + "\"postal_code\":\"SW1A 1AA\",\"country_id\":\"GB\"},"
        + "\"main_contact_person\":{\"name\":\"Jane Doe\",\"email\":\"jane@example.com\","
        + "\"is_main_contact\":true}}}";
  }

  private static List<String> sources(Resp r) {
    List<String> out = new ArrayList<>();
    r.body().forEach(e -> out.add(e.get("$source").asText()));
    return out;
  }

  @Test
  void createsContactLikeSage() {
    Resp r = http.post("/contacts", contact("Great Example Ltd", "GEX001"));

    assertThat(r.status()).isEqualTo(201);
    JsonNode c = r.body();
    assertThat(c.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(c.get("displayed_as").asText()).isEqualTo("Great Example Ltd (GEX001)");
    assertThat(c.get("$path").asText()).isEqualTo("/contacts/" + c.get("id").asText());
    assertThat(c.get("contact_types").get(0).get("id").asText()).isEqualTo("CUSTOMER");
    assertThat(c.get("currency").get("id").asText()).isEqualTo("GBP");
    assertThat(c.get("main_address").get("$path").asText()).startsWith("/addresses/");
    assertThat(c.get("email").asText()).isEqualTo("jane@example.com");

    Resp fetched = http.get("/contacts/" + c.get("id").asText());
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(c);
    assertThat(
            sage.contacts(sage.defaultBusinessId())
                .get(0)
                .get("main_address")
                .get("country")
                .get("id")
                .asText())
        .isEqualTo("GB");
  }

  @Test
  void duplicateReferenceIsRejected() {
    assertThat(http.post("/contacts", contact("First", "M5")).status()).isEqualTo(201);

    Resp dup = http.post("/contacts", contact("Second", "M5"));

    assertThat(dup.status()).isEqualTo(422);
    assertThat(dup.body().get(0).get("$dataCode").asText()).isEqualTo("RecordInvalid");
    assertThat(dup.body().get(0).get("$message").asText())
        .isEqualTo("Reference has already been taken");
    assertThat(dup.body().get(0).get("$source").asText()).isEqualTo("reference");
    assertThat(sage.contacts(sage.defaultBusinessId())).hasSize(1);
  }

  @Test
  void missingRequiredNameIsRejectedWithSource() {
    Resp r = http.post("/contacts", "{\"contact\":{\"contact_type_ids\":[\"CUSTOMER\"]}}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get(0).get("$severity").asText()).isEqualTo("error");
    assertThat(sources(r)).containsExactly("name");
  }

  @Test
  void referenceLongerThanTenIsRejected() {
    Resp r = http.post("/contacts", contact("Too Long", "ABCDEFGHIJK"));

    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r)).containsExactly("reference");
    assertThat(r.body().get(0).get("$message").asText()).contains("maximum is 10");
  }

  @Test
  void unknownPropertyIsRejected() {
    Resp r =
        http.post(
            "/contacts",
            "{\"contact\":{\"name\":\"X\",\"contact_type_ids\":[\"CUSTOMER\"],"
                + "\"main_address\":{\"country_id\":\"GB\",\"county\":\"Kent\"}}}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r)).containsExactly("main_address.county");
  }

  @Test
  void missingWrapperIsRejected() {
    Resp r = http.post("/contacts", "{\"name\":\"X\",\"contact_type_ids\":[\"CUSTOMER\"]}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r)).contains("contact", "name", "contact_type_ids");
  }

  @Test
  void moreThanOneContactTypeIsRejected() {
    Resp r =
        http.post(
            "/contacts",
            "{\"contact\":{\"name\":\"X\",\"contact_type_ids\":[\"CUSTOMER\",\"VENDOR\"]}}");

    assertThat(r.status()).isEqualTo(422);
    assertThat(sources(r)).containsExactly("contact_type_ids");
  }

  @Test
  void pagesWithSageEnvelopeAndRelativeLinks() {
    for (int i = 1; i <= 25; i++) {
      assertThat(http.post("/contacts", contact("Customer " + i, "C" + i)).status()).isEqualTo(201);
    }

    Resp first = http.get("/contacts?contact_type_id=CUSTOMER&items_per_page=10");
    assertThat(first.body().get("$total").asInt()).isEqualTo(25);
    assertThat(first.body().get("$page").asInt()).isEqualTo(1);
    assertThat(first.body().get("$itemsPerPage").asInt()).isEqualTo(10);
    assertThat(first.body().get("$back").isNull()).isTrue();
    assertThat(first.body().get("$next").asText())
        .isEqualTo("/contacts?page=2&items_per_page=10&contact_type_id=CUSTOMER");
    JsonNode item = first.body().get("$items").get(0);
    assertThat(item.size()).isEqualTo(3);
    assertThat(item.has("id") && item.has("displayed_as") && item.has("$path")).isTrue();

    Resp next = http.get(first.body().get("$next").asText());
    assertThat(next.body().get("$page").asInt()).isEqualTo(2);
    assertThat(next.body().get("$back").asText())
        .isEqualTo("/contacts?page=1&items_per_page=10&contact_type_id=CUSTOMER");

    Resp pastEnd = http.get("/contacts?items_per_page=10&page=9");
    assertThat(pastEnd.body().get("$page").asInt()).isEqualTo(3);
    assertThat(pastEnd.body().get("$items")).hasSize(5);
    assertThat(pastEnd.body().get("$next").isNull()).isTrue();

    Resp defaults = http.get("/contacts");
    assertThat(defaults.body().get("$itemsPerPage").asInt()).isEqualTo(20);
  }

  @Test
  void itemsPerPageAbove200IsRejected() {
    Resp r = http.get("/contacts?items_per_page=201");

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get(0).get("$source").asText()).isEqualTo("items_per_page");
  }

  @Test
  void attributesAddFieldsAndSearchFilters() {
    http.post("/contacts", contact("Alpha Ltd", "A1"));
    http.post("/contacts", contact("Beta Ltd", "B1"));

    Resp r = http.get("/contacts?search=beta&attributes=name,reference");

    assertThat(r.body().get("$total").asInt()).isEqualTo(1);
    JsonNode item = r.body().get("$items").get(0);
    assertThat(item.get("name").asText()).isEqualTo("Beta Ltd");
    assertThat(item.get("reference").asText()).isEqualTo("B1");
    assertThat(item.has("currency")).isFalse();
  }
}
