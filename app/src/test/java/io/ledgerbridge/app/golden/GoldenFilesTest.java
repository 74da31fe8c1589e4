package io.ledgerbridge.app.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.adapter.magento.MagentoAdapter;
import io.ledgerbridge.sandbox.sage.OfficialSchemas;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden files: every case's dry-run preview equals its {@code expected.json} (request bodies
 * compared as parsed JSON, decimals exactly as rendered), every expected Sage request validates
 * against Sage's official request schema, and every proceeding invoice adds up to the store's grand
 * total.
 *
 * <p>{@code -Dgolden.update=true} rewrites each {@code expected.json} from the actual preview,
 * keeping its {@code proves} line; review the diff by hand before committing.
 */
class GoldenFilesTest {
  static final int MIN_CASES = 40;

  /** At least this many cases of {@code invoice.paid} and of {@code creditmemo.created}. */
  static final int MIN_CASES_PER_NEW_EVENT = 25;

  /** At least this many cases of {@code customer.upserted}. */
  static final int MIN_CUSTOMER_CASES = 20;

  /**
   * ADR 0019: {@code M{id}} / {@code N{base36 id}} (registered), {@code G} + 8 hex (guest), or a
   * fallback reference, each followed by a one-letter currency suffix; or {@code M{id}} / {@code
   * P{base36 id}} / {@code H} + 7 hex / a fallback reference cut to 8, followed by a two-letter
   * one; at most 10 chars.
   */
  static final String CONTACT_REFERENCE =
      "(M[0-9]{1,8}|N[0-9A-Z]{1,8}|G[0-9a-f]{8}|[A-Z0-9]{1,9})[A-Z]"
          + "|(M[0-9]{1,7}|P[0-9A-Z]{1,7}|H[0-9a-f]{7}|[A-Z0-9]{1,8})[A-Z]{2}";

  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TestFactory
  Stream<DynamicTest> previewMatchesTheExpectedDecisionAndSageRequests() {
    return GoldenCase.caseDirs().stream()
        .map(
            dir ->
                dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      GoldenCase c = GoldenCase.load(dir);
                      ObjectNode actual = GoldenHarness.run(c);
                      if (UPDATE) {
                        String proves =
                            c.expected() == null ? "" : c.expected().path("proves").asText("");
                        Files.writeString(
                            dir.resolve(GoldenCase.EXPECTED),
                            GoldenJson.pretty(GoldenHarness.withProves(proves, actual)),
                            StandardCharsets.UTF_8);
                        return;
                      }
                      assertThat(c.expected()).as("expected.json of " + c.name()).isNotNull();
                      ObjectNode expected = c.expected().deepCopy();
                      expected.remove("proves");
                      assertThat(GoldenJson.pretty(actual))
                          .as(c.name() + ": " + c.expected().path("proves").asText())
                          .isEqualTo(GoldenJson.pretty(expected));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedSageRequestValidatesAgainstTheOfficialSchema() {
    return expectedCases()
        .flatMap(
            c -> {
              List<DynamicTest> tests = new ArrayList<>();
              int i = 0;
              for (JsonNode r : c.expected().path("requests")) {
                String definition = definitionFor(r);
                int index = i++;
                if (definition == null) {
                  continue;
                }
                tests.add(
                    dynamicTest(
                        c.name() + " #" + index + " " + r.path("path").asText(),
                        () ->
                            assertThat(OfficialSchemas.validate(definition, r.path("body")))
                                .as(
                                    "%s against %s (%s)",
                                    c.name(), definition, OfficialSchemas.source())
                                .isEmpty()));
              }
              return tests.stream();
            });
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedSalesInvoiceAddsUpToTheStoreGrandTotal() {
    return expectedCases()
        .filter(c -> c.invoiceJson() != null)
        .flatMap(
            c ->
                salesInvoices(c).stream()
                    .map(
                        inv ->
                            dynamicTest(
                                c.name(),
                                () -> {
                                  JsonNode store = GoldenJson.parse(c.invoiceJson());
                                  BigDecimal grand =
                                      store
                                          .path("grand_total")
                                          .decimalValue()
                                          .setScale(2, RoundingMode.HALF_UP);
                                  assertThat(sageTotal(inv))
                                      .as(c.name())
                                      .isEqualByComparingTo(grand);
                                  assertThat(inv.has("delivery_address"))
                                      .as(c.name() + " sends delivery_address")
                                      .isTrue();
                                  assertThat(inv.path("main_address").isObject()).isTrue();
                                })));
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedRequestKeepsTheTranslationInvariants() {
    return expectedCases()
        .filter(c -> "proceed".equals(c.expected().path("decision").asText()))
        .filter(c -> c.invoiceJson() != null)
        .map(
            c ->
                dynamicTest(
                    c.name(),
                    () -> {
                      JsonNode store = GoldenJson.parse(c.invoiceJson());
                      String base =
                          c.context() == null
                              ? "GBP"
                              : c.context().path("base_currency").asText("GBP");
                      for (JsonNode r : c.expected().path("requests")) {
                        JsonNode contact = r.path("body").path("contact");
                        if (contact.isObject()) {
                          String reference = contact.path("reference").asText();
                          String currency = contact.path("currency_id").asText();
                          assertThat(reference)
                              .as(c.name() + " contact reference")
                              .matches(CONTACT_REFERENCE)
                              .endsWith(io.ledgerbridge.core.contact.CurrencySuffix.of(currency));
                          assertThat(contact.path("name").asText().endsWith(" (" + currency + ")"))
                              .as(c.name() + " currency suffix on the contact name")
                              .isEqualTo(!currency.equals(base));
                        }
                        JsonNode invoice = r.path("body").path("sales_invoice");
                        if (invoice.isObject()) {
                          String currency = invoice.path("currency_id").asText();
                          assertThat(currency).isEqualTo(store.path("currency").asText());
                          if (currency.equals(base)) {
                            assertThat(invoice.has("exchange_rate")).as(c.name()).isFalse();
                          } else {
                            assertThat(invoice.path("exchange_rate").asText())
                                .as(c.name() + " exchange_rate = base_to_order_rate at 6 dp")
                                .isEqualTo(
                                    store
                                        .path("base_to_order_rate")
                                        .decimalValue()
                                        .setScale(6, RoundingMode.HALF_UP)
                                        .toPlainString());
                          }
                          for (JsonNode l : invoice.path("invoice_lines")) {
                            assertThat(l.path("description").asText())
                                .as(c.name() + " line description has no HTML entity")
                                .doesNotContainPattern("&(#\\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);");
                          }
                          if (store.has("po_number")) {
                            assertThat(invoice.path("notes").asText())
                                .isEqualTo("Purchase Order: " + store.path("po_number").asText());
                          }
                        }
                      }
                    }));
  }

  @Test
  void theSchemaCheckIsLiveAndRejectsAnOverlongContactReference() {
    JsonNode body =
        GoldenJson.parse(
            "{\"contact\":{\"name\":\"n\",\"contact_type_ids\":[\"CUSTOMER\"],"
                + "\"reference\":\"M123456789G\"}}");
    assertThat(OfficialSchemas.validate(OfficialSchemas.POST_CONTACTS, body))
        .anySatisfy(e -> assertThat(e).startsWith("reference"));
  }

  @Test
  void everyGoldenDirectoryHasAnInvoiceAnExpectationAndAOneLineProvesStatement()
      throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> all = Files.list(GoldenCase.root())) {
      for (Path dir : all.filter(Files::isDirectory).sorted().toList()) {
        String name = dir.getFileName().toString();
        if (!GoldenCase.CASE_DIR.matcher(name).matches()) {
          problems.add(name + ": directory name is not NN-short-name");
          continue;
        }
        if (!Files.isRegularFile(dir.resolve(GoldenCase.INVOICE))
            && !Files.isRegularFile(dir.resolve(GoldenCase.PAYMENT))
            && !Files.isRegularFile(dir.resolve(GoldenCase.CREDIT_MEMO))
            && !Files.isRegularFile(dir.resolve(GoldenCase.CUSTOMER))) {
          problems.add(name + ": no invoice.json, payment.json, creditmemo.json or customer.json");
        }
        JsonNode expected = GoldenCase.json(dir.resolve(GoldenCase.EXPECTED));
        if (expected == null) {
          problems.add(name + ": no expected.json");
          continue;
        }
        String proves = expected.path("proves").asText("");
        if (proves.isBlank() || proves.contains("\n")) {
          problems.add(name + ": expected.json lacks a one-line \"proves\" statement");
        }
        if (!expected.path("decision").isTextual()) {
          problems.add(name + ": expected.json lacks a decision");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void thereAreAtLeastFortyInvoiceCasesAndTwentyFiveOfEachOtherEvent() {
    Map<String, Long> byEvent =
        GoldenCase.caseDirs().stream()
            .map(GoldenCase::load)
            .collect(
                java.util.stream.Collectors.groupingBy(
                    GoldenCase::event, java.util.stream.Collectors.counting()));
    assertThat(byEvent.getOrDefault("invoice.created", 0L)).isGreaterThanOrEqualTo(MIN_CASES);
    assertThat(byEvent.getOrDefault("invoice.paid", 0L))
        .isGreaterThanOrEqualTo(MIN_CASES_PER_NEW_EVENT);
    assertThat(byEvent.getOrDefault("creditmemo.created", 0L))
        .isGreaterThanOrEqualTo(MIN_CASES_PER_NEW_EVENT);
    assertThat(byEvent.getOrDefault("customer.upserted", 0L))
        .isGreaterThanOrEqualTo(MIN_CUSTOMER_CASES);
  }

  @TestFactory
  Stream<DynamicTest> everyCustomerCaseKeysItsContactAsInvoicesDoAndNeverChangesAReference() {
    return expectedCases()
        .filter(c -> c.event().equals("customer.upserted"))
        .map(
            c ->
                dynamicTest(
                    c.name(),
                    () -> {
                      String base =
                          c.context() == null
                              ? "GBP"
                              : c.context().path("base_currency").asText("GBP");
                      var customer = MagentoAdapter.parseCanonicalCustomer(c.customerJson());
                      for (JsonNode r : c.expected().path("requests")) {
                        JsonNode contact = r.path("body").path("contact");
                        if ("PUT".equals(r.path("method").asText())) {
                          assertThat(r.path("path").asText()).startsWith("/contacts/");
                          assertThat(contact.has("reference")).as(c.name()).isFalse();
                          assertThat(contact.has("currency_id")).as(c.name()).isFalse();
                          assertThat(contact.has("contact_type_ids")).as(c.name()).isFalse();
                        } else if (contact.isObject()) {
                          assertThat(contact.path("currency_id").asText()).isEqualTo(base);
                          assertThat(contact.path("reference").asText())
                              .as(c.name() + " keyed as an invoice keys it")
                              .isEqualTo(
                                  io.ledgerbridge.core.contact.ContactKeying.keyFor(customer, base)
                                      .reference());
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedCreditNoteAddsUpToTheMemoAndEveryPaymentBalances() {
    return expectedCases()
        .filter(c -> !c.event().equals("invoice.created"))
        .map(
            c ->
                dynamicTest(
                    c.name(),
                    () -> {
                      for (JsonNode r : c.expected().path("requests")) {
                        JsonNode note = r.path("body").path("sales_credit_note");
                        if (note.isObject()) {
                          BigDecimal grand =
                              GoldenJson.parse(c.creditMemoJson())
                                  .path("grand_total")
                                  .decimalValue()
                                  .setScale(2, RoundingMode.HALF_UP);
                          ObjectNode asInvoice = (ObjectNode) note.deepCopy();
                          asInvoice.set("invoice_lines", note.path("credit_note_lines"));
                          assertThat(sageTotal(asInvoice)).as(c.name()).isEqualByComparingTo(grand);
                          assertThat(note.has("delivery_address")).as(c.name()).isTrue();
                        }
                        JsonNode allocation = r.path("body").path("contact_allocation");
                        if (allocation.isObject()) {
                          BigDecimal sum = BigDecimal.ZERO;
                          for (JsonNode a : allocation.path("allocated_artefacts")) {
                            sum = sum.add(dec(a.path("amount")));
                          }
                          assertThat(sum).as(c.name() + " allocation sums to zero").isZero();
                        }
                        JsonNode payment = r.path("body").path("contact_payment");
                        if (payment.isObject()) {
                          BigDecimal covered =
                              dec(payment.path("payment_on_account").path("total_amount"));
                          for (JsonNode a : payment.path("allocated_artefacts")) {
                            covered = covered.add(dec(a.path("amount")));
                          }
                          assertThat(covered)
                              .as(c.name() + " allocations + on account = total")
                              .isEqualByComparingTo(dec(payment.path("total_amount")));
                          assertThat(payment.path("reference").asText().length())
                              .isLessThanOrEqualTo(25);
                        }
                      }
                    }));
  }

  @Test
  void caseNumbersAreUnique() {
    List<String> numbers =
        GoldenCase.caseDirs().stream()
            .map(p -> p.getFileName().toString().split("-", 2)[0])
            .toList();
    assertThat(numbers).doesNotHaveDuplicates();
  }

  private static Stream<GoldenCase> expectedCases() {
    return GoldenCase.caseDirs().stream().map(GoldenCase::load).filter(c -> c.expected() != null);
  }

  private static String definitionFor(JsonNode request) {
    if ("PUT".equals(request.path("method").asText())
        && request.path("path").asText().startsWith("/contacts/")) {
      return OfficialSchemas.PUT_CONTACTS;
    }
    if (!"POST".equals(request.path("method").asText())) {
      return null;
    }
    return switch (request.path("path").asText()) {
      case "/contacts" -> OfficialSchemas.POST_CONTACTS;
      case "/sales_invoices" -> OfficialSchemas.POST_SALES_INVOICES;
      case "/sales_credit_notes" -> OfficialSchemas.POST_SALES_CREDIT_NOTES;
      case "/contact_payments" -> OfficialSchemas.POST_CONTACT_PAYMENTS;
      case "/contact_allocations" -> OfficialSchemas.POST_CONTACT_ALLOCATIONS;
      default -> throw new AssertionError("unexpected POST " + request.path("path").asText());
    };
  }

  private static List<JsonNode> salesInvoices(GoldenCase c) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : c.expected().path("requests")) {
      if ("/sales_invoices".equals(r.path("path").asText())) {
        out.add(r.path("body").path("sales_invoice"));
      }
    }
    return out;
  }

  /** Σ(quantity × unit_price − discount + tax) + shipping net + shipping tax, as Sage adds it. */
  static BigDecimal sageTotal(JsonNode invoice) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode l : invoice.path("invoice_lines")) {
      BigDecimal gross =
          dec(l.path("quantity"))
              .multiply(dec(l.path("unit_price")))
              .setScale(2, RoundingMode.HALF_UP);
      total =
          total.add(gross).subtract(dec(l.path("discount_amount"))).add(dec(l.path("tax_amount")));
    }
    return total
        .add(dec(invoice.path("shipping_net_amount")))
        .add(dec(invoice.path("shipping_tax_amount")));
  }

  private static BigDecimal dec(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(n.asText());
  }
}
