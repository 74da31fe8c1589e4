package io.ledgerbridge.adapter.sage;

import static io.ledgerbridge.adapter.sage.SageFixtures.IDEMPOTENCY_ID;
import static io.ledgerbridge.adapter.sage.SageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every body the adapter renders validates against Sage's own published request schemas ({@code
 * postSalesInvoices}, {@code postContacts}); {@code idempotency_id} is the one documented extra
 * (SAGE §2.0).
 */
class SageRequestSchemaTest {
  private static final SwaggerSubsetValidator SALES =
      SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.invoicing_sales.json"))
          .allowingExtraProperty("/sales_invoice/idempotency_id");
  private static final SwaggerSubsetValidator CONTACTS =
      SwaggerSubsetValidator.load(SageOpenApiFiles.file("swagger.contacts.json"))
          .allowingExtraProperty("/contact/idempotency_id");

  private final SageRequestBodies bodies = new SageRequestBodies(SageAdapter.objectMapper());

  @Test
  void fullSalesInvoiceMatchesPostSalesInvoices() {
    assertValidInvoice(SageFixtures.invoice());
  }

  @Test
  void minimalSalesInvoiceMatchesPostSalesInvoices() {
    assertValidInvoice(SageFixtures.minimalInvoice());
  }

  @Test
  void fullContactMatchesPostContacts() {
    assertValidContact(SageFixtures.contact());
  }

  @Test
  void minimalContactMatchesPostContacts() {
    assertValidContact(SageFixtures.minimalContact());
  }

  @Test
  void contactWithOnlyAnEmailStillMatchesPostContacts() {
    assertValidContact(
        new SageContactDraft("Jane", "M7", "EUR", "jane@example.com", null, null, null, null));
  }

  @Test
  void contactPreviewOfTheGatewayMatchesPostContacts() {
    AccountingGateway gateway =
        SageAdapter.accountingGateway(new InMemoryTokenVault(), new MutableClock(NOW));
    for (SageContactDraft draft : List.of(SageFixtures.contact(), SageFixtures.minimalContact())) {
      String rendered = gateway.renderContact(draft, IDEMPOTENCY_ID);
      assertThat(CONTACTS.validate("postContacts", rendered)).as(rendered).isEmpty();
    }
  }

  @Test
  void aMisspelledPropertyInARenderedBodyWouldFailTheSchemaCheck() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body =
        (ObjectNode) json.readTree(bodies.salesInvoice(SageFixtures.invoice(), IDEMPOTENCY_ID));
    ((ObjectNode) body.get("sales_invoice").get("invoice_lines").get(0))
        .put("tax_rate", "GB_STANDARD");

    assertThat(SALES.validate("postSalesInvoices", body))
        .containsExactly("/sales_invoice/invoice_lines/0: unknown property 'tax_rate'");
  }

  @Test
  void idempotencyIdIsOnlyAllowedInsideTheWrapper() throws Exception {
    ObjectNode body =
        (ObjectNode)
            new ObjectMapper()
                .readTree(bodies.contact(SageFixtures.minimalContact(), IDEMPOTENCY_ID));
    body.put("idempotency_id", IDEMPOTENCY_ID);

    assertThat(CONTACTS.validate("postContacts", body))
        .containsExactly("/: unknown property 'idempotency_id'");
  }

  private void assertValidInvoice(SageInvoiceDraft draft) {
    String rendered = bodies.salesInvoice(draft, IDEMPOTENCY_ID);
    List<String> errors = SALES.validate("postSalesInvoices", rendered);
    assertThat(errors).as(rendered).isEmpty();
  }

  @Test
  void contactUpdatesMatchPutContacts() {
    for (SageContactDraft draft : List.of(SageFixtures.contact(), SageFixtures.minimalContact())) {
      String rendered = bodies.contactUpdate(draft);
      assertThat(CONTACTS.validate("putContacts", rendered)).as(rendered).isEmpty();
    }
  }

  private void assertValidContact(SageContactDraft draft) {
    String rendered = bodies.contact(draft, IDEMPOTENCY_ID);
    List<String> errors = CONTACTS.validate("postContacts", rendered);
    assertThat(errors).as(rendered).isEmpty();
  }
}
