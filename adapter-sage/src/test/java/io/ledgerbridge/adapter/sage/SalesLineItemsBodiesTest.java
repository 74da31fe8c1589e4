package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.IDEMPOTENCY_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.core.invoice.SageItem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sales lines that name a Sage item carry {@code product_id} (a product or a stock item) or {@code
 * service_id}, as plain id strings; free-text lines carry neither; and the bodies still validate
 * against Sage's {@code postSalesInvoices} and {@code postSalesCreditNotes}.
 */
class SalesLineItemsBodiesTest {
  private static final String PRODUCT_ID = "a083714f784c11e8990a122c8428e4b2";
  private static final String STOCK_ITEM_ID = "b083714f784c11e8990a122c8428e4b2";
  private static final String SERVICE_ID = "c083714f784c11e8990a122c8428e4b2";
  private static final SwaggerSubsetValidator SALES =
      SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.invoicing_sales.json"))
          .allowingExtraProperty("/sales_invoice/idempotency_id")
          .allowingExtraProperty("/sales_credit_note/idempotency_id");

  private final SageRequestBodies bodies = new SageRequestBodies(SageAdapter.objectMapper());
  private final ObjectMapper json = new ObjectMapper();

  private static SageInvoiceLine line(String description, String price) {
    return new SageInvoiceLine(
        description,
        SageFixtures.LEDGER_ID,
        BigDecimal.ONE,
        new BigDecimal(price),
        new BigDecimal("0.00"),
        "GB_STANDARD",
        new BigDecimal(price).multiply(new BigDecimal("0.2")).setScale(2),
        null);
  }

  private static List<SageInvoiceLine> lines() {
    return List.of(
        line("Widget", "10.00").withItem(new SageItem(SageItem.Kind.PRODUCT, PRODUCT_ID)),
        line("Water bottle", "5.00")
            .withItem(new SageItem(SageItem.Kind.STOCK_ITEM, STOCK_ITEM_ID)),
        line("Engraving", "15.00").withItem(new SageItem(SageItem.Kind.SERVICE, SERVICE_ID)),
        line("Gift wrap", "2.50"));
  }

  private static SageInvoiceDraft invoice() {
    return new SageInvoiceDraft(
        SageFixtures.CONTACT_ID,
        LocalDate.of(2025, 6, 24),
        "ORDER-1001",
        "GBP",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        lines(),
        new BigDecimal("39.00"));
  }

  private static SageCreditNoteDraft creditNote() {
    return new SageCreditNoteDraft(
        SageFixtures.CONTACT_ID,
        LocalDate.of(2025, 6, 30),
        LocalDate.of(2025, 6, 24),
        "CN-1001",
        "GBP",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        lines(),
        new BigDecimal("39.00"));
  }

  @Test
  void invoiceLinesCarryTheirProductOrServiceIdAndFreeTextLinesNeither() throws Exception {
    JsonNode lines =
        json.readTree(bodies.salesInvoice(invoice(), IDEMPOTENCY_ID))
            .path("sales_invoice")
            .path("invoice_lines");

    assertItems(lines);
  }

  @Test
  void creditNoteLinesCarryTheirProductOrServiceIdAndFreeTextLinesNeither() throws Exception {
    JsonNode lines =
        json.readTree(bodies.salesCreditNote(creditNote(), IDEMPOTENCY_ID))
            .path("sales_credit_note")
            .path("credit_note_lines");

    assertItems(lines);
  }

  @Test
  void bodiesWithItemsValidateAgainstTheOfficialSchemas() {
    String invoice = bodies.salesInvoice(invoice(), IDEMPOTENCY_ID);
    String creditNote = bodies.salesCreditNote(creditNote(), IDEMPOTENCY_ID);

    assertThat(SALES.validate("postSalesInvoices", invoice)).as(invoice).isEmpty();
    assertThat(SALES.validate("postSalesCreditNotes", creditNote)).as(creditNote).isEmpty();
  }

  private static void assertItems(JsonNode lines) {
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).path("product_id").asText()).isEqualTo(PRODUCT_ID);
    assertThat(lines.get(0).has("service_id")).isFalse();
    assertThat(lines.get(1).path("product_id").asText()).isEqualTo(STOCK_ITEM_ID);
    assertThat(lines.get(1).has("service_id")).isFalse();
    assertThat(lines.get(2).path("service_id").asText()).isEqualTo(SERVICE_ID);
    assertThat(lines.get(2).has("product_id")).isFalse();
    assertThat(lines.get(3).has("product_id")).isFalse();
    assertThat(lines.get(3).has("service_id")).isFalse();
    assertThat(lines.get(3).path("description").asText()).isEqualTo("Gift wrap");
    for (JsonNode l : lines) {
      assertThat(l.path("ledger_account_id").asText()).isEqualTo(SageFixtures.LEDGER_ID);
      assertThat(l.path("tax_rate_id").asText()).isEqualTo("GB_STANDARD");
    }
  }
}
