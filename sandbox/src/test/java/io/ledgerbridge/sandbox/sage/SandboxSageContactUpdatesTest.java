package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.sage.SageHttp.Resp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT /contacts/{id}}, and references held by contacts deleted in Sage's web app. */
class SandboxSageContactUpdatesTest {

  private SageFixtures f;
  private String contactId;
  private JsonNode created;

  @BeforeEach
  void start() {
    f = SageFixtures.start(53);
    Resp r = f.http.post("/contacts", SandboxSageContactsTest.contact("Great Example Ltd", "M17G"));
    assertThat(r.status()).isEqualTo(201);
    created = r.body();
    contactId = created.get("id").asText();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      f.assertAcceptedRequestsMatchOfficialSchemas();
    } finally {
      f.close();
    }
  }

  private Resp put(String json) {
    return f.http.put("/contacts/" + contactId, json);
  }

  @Test
  void putChangesOnlyWhatItSendsAndGetAnswersTheUpdate() {
    Resp r = put("{\"contact\":{\"name\":\"Great Example Group\",\"notes\":\"VIP\"}}");

    assertThat(r.status()).isEqualTo(200);
    JsonNode c = r.body();
    assertThat(c.get("id").asText()).isEqualTo(contactId);
    assertThat(c.get("$path").asText()).isEqualTo("/contacts/" + contactId);
    assertThat(c.get("displayed_as").asText()).isEqualTo("Great Example Group (M17G)");
    assertThat(c.get("name").asText()).isEqualTo("Great Example Group");
    assertThat(c.get("notes").asText()).isEqualTo("VIP");
    assertThat(c.get("reference").asText()).isEqualTo("M17G");
    assertThat(c.get("email").asText()).isEqualTo("jane@example.com");
    assertThat(c.get("currency").get("id").asText()).isEqualTo("GBP");
    assertThat(c.get("main_address")).isEqualTo(created.get("main_address"));
    assertThat(c.get("main_contact_person")).isEqualTo(created.get("main_contact_person"));
    assertThat(c.get("created_at")).isEqualTo(created.get("created_at"));
    assertThat(f.get("/contacts/" + contactId)).isEqualTo(c);
    assertThat(f.get("/contacts?search=group").get("$total").asInt()).isEqualTo(1);
    assertThat(f.sage.putCount("/contacts/" + contactId)).isEqualTo(1);
    assertThat(f.sage.putCount("/v3.1/contacts")).isEqualTo(1);
    assertThat(f.sage.postCount("/contacts")).isEqualTo(1);
  }

  @Test
  void addressAndContactPersonAreMergedFieldByFieldAndKeepTheirIds() {
    Resp r =
        put(
            "{\"contact\":{\"main_address\":{\"address_line_1\":\"2 Low Rd\",\"postal_code\":"
                + "\"EC1A 1BB\"},\"main_contact_person\":{\"email\":\"jd@example.org\","
                + "\"telephone\":\"020 7946 0000\"}}}");

    assertThat(r.status()).isEqualTo(200);
    JsonNode expanded = f.get("/contacts/" + contactId + "?nested_attributes=all");
    JsonNode address = expanded.get("main_address");
    assertThat(address.get("id").asText())
        .isEqualTo(created.get("main_address").get("id").asText());
    assertThat(address.get("address_line_1").asText()).isEqualTo("2 Low Rd");
    assertThat(address.get("postal_code").asText()).isEqualTo("EC1A 1BB");
    assertThat(address.get("city").asText()).isEqualTo("London");
    assertThat(address.get("country").get("id").asText()).isEqualTo("GB");
    assertThat(r.body().get("main_address").get("displayed_as").asText()).isEqualTo("2 Low Rd");
    JsonNode person = expanded.get("main_contact_person");
    assertThat(person.get("id").asText())
        .isEqualTo(created.get("main_contact_person").get("id").asText());
    assertThat(person.get("name").asText()).isEqualTo("Jane Doe");
    assertThat(person.get("email").asText()).isEqualTo("jd@example.org");
    assertThat(person.get("telephone").asText()).isEqualTo("020 7946 0000");
    assertThat(r.body().get("email").asText()).isEqualTo("jd@example.org");
    assertThat(f.sage.contact(f.business(), contactId).orElseThrow()).isEqualTo(expanded);
  }

  @Test
  void aDeliveryAddressTheContactLackedIsCreated() {
    assertThat(created.get("delivery_address").isNull()).isTrue();

    Resp r =
        put(
            "{\"contact\":{\"delivery_address\":{\"address_line_1\":\"Unit 4\",\"city\":"
                + "\"Leeds\",\"country_id\":\"GB\",\"address_type_id\":\"DELIVERY\"}}}");

    assertThat(r.status()).isEqualTo(200);
    JsonNode delivery = r.body().get("delivery_address");
    assertThat(delivery.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(delivery.get("$path").asText())
        .isEqualTo("/addresses/" + delivery.get("id").asText());
    assertThat(r.body().get("main_address")).isEqualTo(created.get("main_address"));
  }

  @Test
  void nullClearsAScalarButLeavesANestedObject() {
    Resp r = put("{\"contact\":{\"reference\":null,\"main_address\":null}}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("reference").isNull()).isTrue();
    assertThat(r.body().get("displayed_as").asText()).isEqualTo("Great Example Ltd");
    assertThat(r.body().get("main_address")).isEqualTo(created.get("main_address"));
    // the freed reference can be used again
    assertThat(f.http.post("/contacts", SandboxSageContactsTest.contact("Other", "M17G")).status())
        .isEqualTo(201);
  }

  @Test
  void putToAnUnknownIdIsNotFoundInSagesEnvelope() {
    Resp r =
        f.http.put("/contacts/0123456789abcdef0123456789abcdef", "{\"contact\":{\"name\":\"X\"}}");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).hasSize(1);
    assertThat(r.body().get(0).get("$severity").asText()).isEqualTo("error");
    assertThat(r.body().get(0).get("$dataCode").asText()).isEqualTo("RecordNotFound");
    assertThat(r.body().get(0).get("$message").asText()).isEqualTo("Couldn't find record.");
  }

  @Test
  void putIsValidatedAgainstPutContacts() {
    Resp r =
        put(
            "{\"contact\":{\"name\":\""
                + "n".repeat(101)
                + "\",\"reference\":\"ABCDEFGHIJK\",\"main_address\":{\"county\":\"Kent\"},"
                + "\"credit_days\":400}}");

    assertThat(SageFixtures.sources(r))
        .containsExactlyInAnyOrder("name", "reference", "main_address.county", "credit_days");
    assertThat(SageFixtures.sources(f.http.put("/contacts/" + contactId, "{\"name\":\"X\"}")))
        .contains("contact", "name");
    assertThat(f.get("/contacts/" + contactId)).isEqualTo(created);
  }

  @Test
  void putRulesBlankNameTakenReferenceAndUnknownIds() {
    f.customer("Other Ltd", "M18G");

    assertThat(
            SageFixtures.singleError(
                put("{\"contact\":{\"name\":\" \"}}"), "RecordInvalid", "name"))
        .isEqualTo("Name can't be blank");
    assertThat(
            SageFixtures.singleError(
                put("{\"contact\":{\"reference\":\"m18g\"}}"), "RecordInvalid", "reference"))
        .isEqualTo("Reference has already been taken");
    SageFixtures.singleError(
        put("{\"contact\":{\"default_sales_tax_rate_id\":\"GB_NOPE\"}}"),
        "RecordNotFound",
        "default_sales_tax_rate_id");
    SageFixtures.singleError(
        put("{\"contact\":{\"contact_type_ids\":[]}}"), "RecordInvalid", "contact_type_ids");
    // its own reference is not "taken"
    assertThat(put("{\"contact\":{\"reference\":\"M17G\",\"locale\":\"en-GB\"}}").status())
        .isEqualTo(200);
    assertThat(f.sage.putCount("/contacts")).isEqualTo(5);
  }

  @Test
  void currencyIsLockedOnceTheContactHasTransactions() {
    assertThat(
            put("{\"contact\":{\"currency_id\":\"EUR\"}}")
                .body()
                .get("currency")
                .get("id")
                .asText())
        .isEqualTo("EUR");
    assertThat(put("{\"contact\":{\"currency_id\":\"GBP\"}}").status()).isEqualTo(200);
    f.invoice(contactId);

    SageFixtures.singleError(
        put("{\"contact\":{\"currency_id\":\"EUR\"}}"), "RecordInvalid", "currency_id");
    assertThat(put("{\"contact\":{\"currency_id\":\"GBP\",\"notes\":\"n\"}}").status())
        .isEqualTo(200);
  }

  @Test
  void idempotentPutAndFailureAfterCommit() {
    f.sage.failNextAfterCommit("/contacts/" + contactId, 1);
    String body =
        "{\"contact\":{\"idempotency_id\":\"0123456789abcdef0123456789abcdef\","
            + "\"name\":\"Renamed Ltd\"}}";

    Resp lost = put(body);
    assertThat(lost.status()).isEqualTo(500);
    assertThat(f.get("/contacts/" + contactId).get("name").asText()).isEqualTo("Renamed Ltd");
    put("{\"contact\":{\"notes\":\"later\"}}");

    Resp retry = put(body);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.body().get("name").asText()).isEqualTo("Renamed Ltd");
    assertThat(retry.body().get("notes").isNull()).isTrue(); // the first answer, replayed
    assertThat(f.get("/contacts/" + contactId).get("notes").asText()).isEqualTo("later");
  }

  @Test
  void injectedFaultsReachPut() {
    f.sage.failNext("/contacts/" + contactId, 503, 1);

    assertThat(put("{\"contact\":{\"notes\":\"x\"}}").status()).isEqualTo(503);
    assertThat(f.get("/contacts/" + contactId).get("notes").isNull()).isTrue();
    assertThat(put("{\"contact\":{\"notes\":\"x\"}}").status()).isEqualTo(200);
    assertThat(f.sage.putCount("/contacts/" + contactId)).isEqualTo(2);
  }

  @Test
  void everyEditionOffersContactUpdates() {
    f.sage.setEdition(f.business(), Edition.START);

    assertThat(put("{\"contact\":{\"notes\":\"start\"}}").status()).isEqualTo(200);
  }

  // ---- soft-deleted contacts --------------------------------------------------------------------

  @Test
  void aDeletedContactIsNotListedOrFoundButKeepsItsReference() {
    f.sage.deleteContact(f.business(), contactId);

    assertThat(f.get("/contacts").get("$total").asInt()).isZero();
    assertThat(f.get("/contacts?search=M17G").get("$total").asInt()).isZero();
    assertThat(f.http.get("/contacts/" + contactId).status()).isEqualTo(404);
    assertThat(put("{\"contact\":{\"notes\":\"x\"}}").status()).isEqualTo(404);
    assertThat(f.sage.contacts(f.business())).isEmpty();
    assertThat(f.sage.contact(f.business(), contactId)).isEmpty();
    SageFixtures.singleError(
        f.http.post("/sales_invoices", f.invoiceBody(contactId)), "RecordNotFound", "contact_id");

    Resp again = f.http.post("/contacts", SandboxSageContactsTest.contact("Great Example", "M17G"));

    assertThat(SageFixtures.singleError(again, "RecordInvalid", "reference"))
        .isEqualTo("Reference has already been taken");
    Resp caseVariant =
        f.http.post("/contacts", SandboxSageContactsTest.contact("Great Example", "m17g"));
    SageFixtures.singleError(caseVariant, "RecordInvalid", "reference");
    assertThat(f.sage.contacts(f.business())).isEmpty();
  }

  @Test
  void aPutCannotTakeTheReferenceOfADeletedContact() {
    String other = f.customer("Other Ltd", "M18G");
    f.sage.deleteContact(f.business(), contactId);

    Resp r = f.http.put("/contacts/" + other, "{\"contact\":{\"reference\":\"M17G\"}}");

    SageFixtures.singleError(r, "RecordInvalid", "reference");
  }

  @Test
  void onlyContactsWithoutTransactionsCanBeDeleted() {
    f.invoice(contactId);

    assertThatThrownBy(() -> f.sage.deleteContact(f.business(), contactId))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> f.sage.deleteContact(f.business(), "nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(f.sage.contacts(f.business())).hasSize(1);
  }
}
