package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Created;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Rejected;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.LedgerAccount;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Sage's business rules for creating and updating contacts (after schema validation), and the
 * contact read models Sage answers with. Callers hold the business lock.
 *
 * <p>{@code PUT /contacts/{id}} changes only what it sends: a property present in the body replaces
 * the stored one ({@code null} clears it), a property left out keeps its value. The nested {@code
 * main_address}, {@code delivery_address}, {@code main_contact_person}, {@code
 * bank_account_details} and {@code tax_treatment} are merged field by field into what the contact
 * has, so an address or contact person keeps its id (its {@code $path}) when it is edited, and one
 * the contact did not have yet is created; a {@code null} for one of them leaves it as it is
 * (removing an address is {@code DELETE /addresses/{id}} in Sage, which the sandbox does not
 * serve). SAGE.md and the Swagger say only that {@code PUT} updates a contact and answers 200; the
 * field-by-field merge is the sandbox's reading of Sage's Rails-style nested attributes, and the
 * strictest one for a client: a client that resends what it means to keep works either way.
 *
 * <p>References: at most 10 characters (the {@code Contact} read model; enforced by the schema) and
 * unique per business, case-insensitively, including the references of contacts deleted in the web
 * app: Sage keeps a deleted contact (it is no longer listed or found) and its reference stays
 * taken. SAGE.md documents the uniqueness ("Unique reference for the contact", §2.1) but not the
 * answer; the sandbox answers Sage's Rails validation style, 422 {@code RecordInvalid} "Reference
 * has already been taken" with {@code $source} {@code reference}, the same for a live and a deleted
 * holder, so a client that cannot find the holder by {@code GET /contacts?search=} must conclude
 * that a deleted contact holds it.
 */
final class Contacts {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  /** Nested objects a {@code PUT} merges field by field. */
  private static final List<String> NESTED =
      List.of(
          "main_address",
          "delivery_address",
          "main_contact_person",
          "bank_account_details",
          "tax_treatment");

  private Contacts() {}

  static CreateOutcome createContact(SandboxBusiness b, JsonNode c, Instant now, Random random) {
    List<SageError> errors = check(b, c, null);
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }
    String id = SageJson.newId(random);
    ObjectNode input = c.deepCopy();
    input.remove("idempotency_id");
    String mainAddressId = present(input, "main_address") ? SageJson.newId(random) : null;
    String deliveryAddressId = present(input, "delivery_address") ? SageJson.newId(random) : null;
    String personId = input.path("main_contact_person").isObject() ? SageJson.newId(random) : null;
    StoredContact stored =
        render(b, id, input, mainAddressId, deliveryAddressId, personId, now, now);
    b.contacts.put(id, stored);
    return new Created(stored.body());
  }

  /** {@code PUT /contacts/{id}} of a contact the business has (callers check). */
  static CreateOutcome updateContact(
      SandboxBusiness b, String id, JsonNode c, Instant now, Random random) {
    StoredContact old = b.contacts.get(id);
    List<SageError> errors = check(b, c, old);
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }
    ObjectNode input = old.input().deepCopy();
    c.fields()
        .forEachRemaining(
            e -> {
              String f = e.getKey();
              JsonNode v = e.getValue();
              if (f.equals("idempotency_id")) {
                return;
              }
              if (NESTED.contains(f)) {
                if (v.isObject()) {
                  ObjectNode target = input.get(f) instanceof ObjectNode o ? o : input.putObject(f);
                  v.fields().forEachRemaining(n -> target.set(n.getKey(), n.getValue()));
                }
                return;
              }
              input.set(f, v);
            });
    String mainAddressId = old.mainAddressId();
    if (mainAddressId == null && present(input, "main_address")) {
      mainAddressId = SageJson.newId(random);
    }
    String deliveryAddressId = old.deliveryAddressId();
    if (deliveryAddressId == null && present(input, "delivery_address")) {
      deliveryAddressId = SageJson.newId(random);
    }
    String personId = old.personId();
    if (personId == null && input.path("main_contact_person").isObject()) {
      personId = SageJson.newId(random);
    }
    StoredContact stored =
        render(b, id, input, mainAddressId, deliveryAddressId, personId, old.createdAt(), now);
    b.contacts.put(id, stored);
    return new Created(stored.body());
  }

  /** The rules on what {@code c} sends; {@code existing} is null on create. */
  private static List<SageError> check(SandboxBusiness b, JsonNode c, StoredContact existing) {
    boolean create = existing == null;
    List<SageError> errors = new ArrayList<>();
    if (create || c.has("contact_type_ids")) {
      List<String> types = new ArrayList<>();
      c.path("contact_type_ids").forEach(t -> types.add(t.asText()));
      if (types.isEmpty()) {
        errors.add(SageError.invalid("contact_type_ids", "Contact types can't be blank"));
      } else if (types.size() > 1) {
        errors.add(
            SageError.invalid(
                "contact_type_ids", "You cannot assign more than one contact_type_id"));
      } else if (!types.get(0).equals("CUSTOMER") && !types.get(0).equals("VENDOR")) {
        errors.add(SageError.notFound("contact_type_ids"));
      }
    }
    if (!create && c.has("name") && blankToNull(SageJson.text(c, "name")) == null) {
      errors.add(SageError.invalid("name", "Name can't be blank"));
    }
    String reference = blankToNull(SageJson.text(c, "reference"));
    if (reference != null) {
      StoredContact holder = b.contactWithReference(reference);
      if (holder != null && (create || !holder.id().equals(existing.id()))) {
        errors.add(SageError.invalid("reference", "Reference has already been taken"));
      }
    }
    if (create || c.has("currency_id")) {
      String currency = Optional.ofNullable(SageJson.text(c, "currency_id")).orElse(b.baseCurrency);
      if (!SandboxBusiness.CURRENCIES.containsKey(currency)) {
        errors.add(SageError.notFound("currency_id"));
      } else if (!create
          && !currency.equals(existing.currencyId())
          && b.hasTransactions(existing.id())) {
        // not documented: Sage's web app locks the currency of a contact with transactions
        errors.add(
            SageError.invalid(
                "currency_id", "Currency can't be changed once the contact has transactions"));
      }
    }
    String salesLedger = SageJson.text(c, "default_sales_ledger_account_id");
    if (salesLedger != null) {
      Optional<LedgerAccount> l = b.ledgerAccount(salesLedger);
      if (l.isEmpty()) {
        errors.add(SageError.notFound("default_sales_ledger_account_id"));
      } else if (!l.get().visibleInSales()) {
        errors.add(
            SageError.invalid(
                "default_sales_ledger_account_id", "Ledger account is not valid for sales"));
      }
    }
    String purchaseLedger = SageJson.text(c, "default_purchase_ledger_account_id");
    if (purchaseLedger != null && b.ledgerAccount(purchaseLedger).isEmpty()) {
      errors.add(SageError.notFound("default_purchase_ledger_account_id"));
    }
    String salesTax = SageJson.text(c, "default_sales_tax_rate_id");
    if (salesTax != null && b.taxRate(salesTax).isEmpty()) {
      errors.add(SageError.notFound("default_sales_tax_rate_id"));
    }
    for (String addr : List.of("main_address", "delivery_address")) {
      String country = SageJson.text(c.path(addr), "country_id");
      if (country != null && !COUNTRY.matcher(country).matches()) {
        errors.add(SageError.invalid(addr + ".country_id", "Country is not valid"));
      }
    }
    return errors;
  }

  /** The read models of a contact whose attributes are {@code c}, with the given ids. */
  private static StoredContact render(
      SandboxBusiness b,
      String id,
      ObjectNode c,
      String mainAddressId,
      String deliveryAddressId,
      String personId,
      Instant createdAt,
      Instant updatedAt) {
    String reference = blankToNull(SageJson.text(c, "reference"));
    String currency = Optional.ofNullable(SageJson.text(c, "currency_id")).orElse(b.baseCurrency);
    String salesLedger = SageJson.text(c, "default_sales_ledger_account_id");
    String purchaseLedger = SageJson.text(c, "default_purchase_ledger_account_id");
    String salesTax = SageJson.text(c, "default_sales_tax_rate_id");
    String name = c.get("name").asText();
    String typeId = c.path("contact_type_ids").path(0).asText();
    String displayedAs = reference == null ? name : name + " (" + reference + ")";
    String country = SageJson.text(c.path("main_address"), "country_id");
    Integer creditDays = c.hasNonNull("credit_days") ? c.get("credit_days").asInt() : null;
    ObjectNode body = SageJson.link(id, displayedAs, "contacts");
    body.put("created_at", SageJson.timestamp(createdAt));
    body.put("updated_at", SageJson.timestamp(updatedAt));
    body.set(
        "links",
        SageJson.htmlLinks(
            "contacts/" + ("CUSTOMER".equals(typeId) ? "customers" : "vendors"), id));
    body.putArray("contact_types")
        .add(
            SageJson.link(
                typeId, "CUSTOMER".equals(typeId) ? "Customer" : "Supplier", "contact_types"));
    body.put("name", name);
    body.put("reference", reference);
    body.set(
        "default_sales_ledger_account",
        salesLedger == null
            ? null
            : b.ledgerAccountLink(b.ledgerAccount(salesLedger).orElseThrow()));
    body.set("default_sales_tax_rate", salesTax == null ? null : b.taxRateLink(salesTax));
    body.set(
        "default_purchase_ledger_account",
        purchaseLedger == null
            ? null
            : b.ledgerAccountLink(b.ledgerAccount(purchaseLedger).orElseThrow()));
    for (String f : List.of("tax_number", "notes", "locale")) {
      body.put(f, SageJson.text(c, f));
    }
    ObjectNode expanded = body.deepCopy();
    for (String addr : List.of("main_address", "delivery_address")) {
      String addressId = addr.equals("main_address") ? mainAddressId : deliveryAddressId;
      JsonNode a = c.get(addr);
      if (addressId == null || a == null || a.isNull()) {
        body.putNull(addr);
        expanded.putNull(addr);
        continue;
      }
      ObjectNode full = addressJson(addressId, a);
      body.set(addr, SageJson.link(addressId, full.get("displayed_as").asText(), "addresses"));
      expanded.set(addr, full);
    }
    body.set("preferred_address", body.get("main_address"));
    expanded.set("preferred_address", expanded.get("main_address"));
    JsonNode person = c.get("main_contact_person");
    String email = null;
    if (personId != null && person != null && person.isObject()) {
      String personName = Optional.ofNullable(SageJson.text(person, "name")).orElse("Main Contact");
      ObjectNode link = SageJson.link(personId, personName, "contact_persons");
      ObjectNode full = link.deepCopy();
      person.fields().forEachRemaining(e -> full.set(e.getKey(), e.getValue()));
      body.set("main_contact_person", link);
      expanded.set("main_contact_person", full);
      email = SageJson.text(person, "email");
    } else {
      body.putNull("main_contact_person");
      expanded.putNull("main_contact_person");
    }
    body.set("preferred_contact_person", body.get("main_contact_person"));
    expanded.set("preferred_contact_person", expanded.get("main_contact_person"));
    for (ObjectNode o : List.of(body, expanded)) {
      ObjectNode bank = o.putObject("bank_account_details");
      for (String f : List.of("account_name", "account_number", "sort_code", "bic", "iban")) {
        bank.put(f, SageJson.text(c.path("bank_account_details"), f));
      }
      BigDecimal creditLimit = SageJson.decimal(c.get("credit_limit"));
      o.put("credit_limit", creditLimit == null ? null : SageJson.money(creditLimit));
      if (creditDays == null) {
        o.putNull("credit_days");
      } else {
        o.put("credit_days", creditDays);
      }
      o.put("credit_terms", SageJson.text(c, "credit_terms"));
      o.put("credit_terms_and_conditions", SageJson.text(c, "credit_terms_and_conditions"));
      o.putNull("product_sales_price_type");
      o.put("source_guid", SageJson.text(c, "source_guid"));
      o.set("currency", SandboxBusiness.currencyLink(currency));
      o.put("aux_reference", SageJson.text(c, "aux_reference"));
      o.put("registered_number", SageJson.text(c, "registered_number"));
      o.put("deletable", true);
      ObjectNode treatment = o.putObject("tax_treatment");
      boolean home = country == null || country.equals(b.country);
      treatment.put("home_tax", home);
      treatment.put("eu_tax_registered", false);
      treatment.put("eu_not_tax_registered", false);
      treatment.put("rest_of_world_tax", !home);
      treatment.putNull("is_importer");
      if (c.path("tax_treatment").isObject()) {
        c.get("tax_treatment")
            .fields()
            .forEachRemaining(e -> treatment.set(e.getKey(), e.getValue()));
      }
      o.put("email", email);
      o.put("tax_calculation", SageJson.text(c, "tax_calculation"));
      o.put("system", false);
      o.put("is_active", true);
      o.put("gb_based", "GB".equals(country == null ? b.country : country));
      o.put("ni_based", false);
      o.put("cis_registered", false);
      o.put("destination_vat_blocking", c.path("destination_vat_blocking").asBoolean(false));
      o.put("balance", "0.0");
    }
    return new StoredContact(
        id,
        name,
        reference,
        typeId,
        currency,
        country,
        creditDays,
        body,
        expanded,
        c,
        mainAddressId,
        deliveryAddressId,
        personId,
        createdAt);
  }

  private static boolean present(JsonNode c, String field) {
    JsonNode v = c.get(field);
    return v != null && !v.isNull();
  }

  private static ObjectNode addressJson(String addressId, JsonNode a) {
    String line1 = SageJson.text(a, "address_line_1");
    String country = SageJson.text(a, "country_id");
    String shown = line1 != null ? line1 : country != null ? country : "";
    ObjectNode o = SageJson.link(addressId, shown, "addresses");
    for (String f :
        List.of("address_line_1", "address_line_2", "city", "postal_code", "region", "name")) {
      o.put(f, SageJson.text(a, f));
    }
    o.set("country", country == null ? null : SageJson.link(country, country, "countries"));
    String type = SageJson.text(a, "address_type_id");
    o.set("address_type", type == null ? null : SageJson.link(type, type, "address_types"));
    o.put("is_main_address", a.path("is_main_address").asBoolean(false));
    return o;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
