package io.ledgerbridge.sandbox.sage;

import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_ID;
import static io.ledgerbridge.sandbox.sage.SageHttp.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgerbridge.adapter.sage.SageAdapter;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.invoice.SageAddress;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.core.payment.SageAllocation;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.payment.SageDocumentBalance;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.AccountingGateway.SagePayment;
import io.ledgerbridge.ports.out.AccountingGateway.SageRef;
import io.ledgerbridge.testkit.fake.InMemoryTokenVault;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Sage adapter's receipts, credit notes, allocations and refunds against the sandbox over
 * HTTP: every body the adapter renders is accepted by the sandbox's schema and rules, and the
 * balances the adapter reads back are the sandbox's.
 */
class SettlementAdapterAgainstSandboxTest {
  private static final String TENANT = "tenant-settle";
  private static final Instant NOW = Instant.parse("2025-06-24T10:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2025, 6, 24);

  private final MutableClock clock = new MutableClock(NOW);
  private final InMemoryTokenVault vault = new InMemoryTokenVault();
  private SandboxSage sandbox;
  private AccountingGateway gateway;
  private SageConnection connection;
  private String bank;
  private String ledger;
  private int idem;

  @BeforeEach
  void start() {
    sandbox = SandboxSage.start(SandboxSageConfig.defaults().withClock(clock).withSeed(23));
    sandbox.registerClient(CLIENT_ID, CLIENT_SECRET);
    vault.initialise(TENANT, sandbox.issueRefreshToken(CLIENT_ID));
    gateway = SageAdapter.accountingGateway(vault, clock);
    connection =
        new SageConnection(
            TENANT,
            sandbox.apiBaseUrl(),
            sandbox.tokenUrl(),
            sandbox.defaultBusinessId(),
            CLIENT_ID,
            CLIENT_SECRET);
    bank = sandbox.bankAccountId(sandbox.defaultBusinessId());
    ledger = sandbox.defaultSalesLedgerAccountId();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String idem() {
    return String.format("%032x", ++idem);
  }

  private static final SageAddress LONDON =
      new SageAddress("1 High Street", null, "London", "SW1A 1AA", null, "GB");

  private String contact() {
    return gateway
        .createContact(
            connection,
            new SageContactDraft(
                "Jane Doe", "M5G", "GBP", "jane@example.com", null, null, LONDON, LONDON),
            idem())
        .id();
  }

  private SageRef invoice(String contactId) {
    return gateway.createSalesInvoice(
        connection,
        new SageInvoiceDraft(
            contactId,
            TODAY,
            "000000042",
            "GBP",
            null,
            LONDON,
            LONDON,
            null,
            null,
            null,
            null,
            List.of(
                new SageInvoiceLine(
                    "Water Bottle",
                    ledger,
                    new BigDecimal("2"),
                    new BigDecimal("50.00"),
                    new BigDecimal("0.00"),
                    "GB_STANDARD",
                    new BigDecimal("20.00"),
                    null)),
            new BigDecimal("120.00")),
        idem());
  }

  private SageCreditNoteDraft creditNote(String contactId, String price, String tax) {
    return new SageCreditNoteDraft(
        contactId,
        TODAY,
        TODAY,
        "100000007",
        "GBP",
        null,
        LONDON,
        LONDON,
        "Credit for invoice 000000042 — damaged",
        null,
        null,
        null,
        List.of(
            new SageInvoiceLine(
                "Water Bottle",
                ledger,
                BigDecimal.ONE,
                new BigDecimal(price),
                new BigDecimal("0.00"),
                "GB_STANDARD",
                new BigDecimal(tax),
                null),
            new SageInvoiceLine(
                "Adjustment fee",
                ledger,
                BigDecimal.ONE,
                new BigDecimal("-2.00"),
                new BigDecimal("0.00"),
                "GB_ZERO",
                new BigDecimal("0.00"),
                null)),
        new BigDecimal(price).add(new BigDecimal(tax)).subtract(new BigDecimal("2.00")));
  }

  @Test
  void aReceiptPartlyOnAccountThenACreditNoteAllocatedAndRefunded() {
    String contactId = contact();
    SageRef invoice = invoice(contactId);

    SageDocumentBalance fresh = gateway.salesInvoice(connection, invoice.id());
    assertThat(fresh.contactId()).isEqualTo(contactId);
    assertThat(fresh.totalAmount()).isEqualByComparingTo("120.00");
    assertThat(fresh.outstandingAmount()).isEqualByComparingTo("120.00");
    assertThat(fresh.status()).isEqualTo("UNPAID");

    SageRef receipt =
        gateway.createContactPayment(
            connection,
            new SageContactPaymentDraft(
                SageContactPaymentDraft.CUSTOMER_RECEIPT,
                contactId,
                bank,
                "CHECK",
                TODAY,
                new BigDecimal("130.00"),
                "GBP",
                null,
                "ch_123",
                List.of(new SageAllocation(invoice.id(), new BigDecimal("120.00"))),
                new BigDecimal("10.00")),
            idem());
    assertThat(gateway.salesInvoice(connection, invoice.id()).status()).isEqualTo("PAID");
    SagePayment read = gateway.contactPayment(connection, receipt.id());
    assertThat(read.bankAccountId()).isEqualTo(bank);
    assertThat(read.paymentMethodId()).isEqualTo("CHECK");

    SageRef note =
        gateway.createSalesCreditNote(connection, creditNote(contactId, "20.00", "4.00"), idem());
    SageDocumentBalance credit = gateway.salesCreditNote(connection, note.id());
    assertThat(note.displayedAs()).startsWith("SCN-");
    assertThat(credit.outstandingAmount()).isEqualByComparingTo("22.00");

    gateway.createContactPayment(
        connection,
        SageContactPaymentDraft.refund(
            contactId,
            bank,
            "CHECK",
            TODAY,
            new BigDecimal("22.00"),
            "GBP",
            null,
            "100000007",
            note.id()),
        idem());
    assertThat(gateway.salesCreditNote(connection, note.id()).outstandingAmount()).isZero();
  }

  @Test
  void aCreditNoteAllocatedAgainstAnUnpaidInvoiceLowersWhatIsOutstanding() {
    String contactId = contact();
    SageRef invoice = invoice(contactId);
    SageRef note =
        gateway.createSalesCreditNote(connection, creditNote(contactId, "50.00", "10.00"), idem());

    Optional<SageRef> allocation =
        gateway.createContactAllocation(
            connection,
            SageContactAllocationDraft.creditAgainstInvoice(
                contactId, TODAY, invoice.id(), note.id(), new BigDecimal("58.00")),
            idem());

    assertThat(allocation).isPresent();
    SageDocumentBalance after = gateway.salesInvoice(connection, invoice.id());
    assertThat(after.outstandingAmount()).isEqualByComparingTo("62.00");
    assertThat(after.status()).isEqualTo("PART_PAID");
    assertThat(gateway.salesCreditNote(connection, note.id()).outstandingAmount()).isZero();
  }

  @Test
  void onSageStartAnAllocationIsNotAvailableAndNothingIsCreated() {
    String contactId = contact();
    SageRef invoice = invoice(contactId);
    SageRef note =
        gateway.createSalesCreditNote(connection, creditNote(contactId, "50.00", "10.00"), idem());
    sandbox.setEdition(sandbox.defaultBusinessId(), Edition.START);

    Optional<SageRef> allocation =
        gateway.createContactAllocation(
            connection,
            SageContactAllocationDraft.creditAgainstInvoice(
                contactId, TODAY, invoice.id(), note.id(), new BigDecimal("58.00")),
            idem());

    assertThat(allocation).isEmpty();
    assertThat(sandbox.contactAllocations(sandbox.defaultBusinessId())).isEmpty();
    assertThat(gateway.salesInvoice(connection, invoice.id()).outstandingAmount())
        .isEqualByComparingTo("120.00");
  }

  @Test
  void anOverAllocationIsAValidationFailureNotAMissingEdition() {
    String contactId = contact();
    SageRef invoice = invoice(contactId);
    SageRef note =
        gateway.createSalesCreditNote(connection, creditNote(contactId, "50.00", "10.00"), idem());

    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class,
            () ->
                gateway.createContactAllocation(
                    connection,
                    SageContactAllocationDraft.creditAgainstInvoice(
                        contactId, TODAY, invoice.id(), note.id(), new BigDecimal("100.00")),
                    idem()));

    assertThat(e.errorClass()).isEqualTo(ErrorClass.VALIDATION);
    assertThat(e.operation()).isEqualTo("create_contact_allocation");
    assertThat(e.responseBody()).contains("outstanding");
  }

  @Test
  void aReceiptRetriedWithTheSameIdempotencyIdAfterALostAnswerIsOnePayment() {
    String contactId = contact();
    SageRef invoice = invoice(contactId);
    SageContactPaymentDraft draft =
        new SageContactPaymentDraft(
            SageContactPaymentDraft.CUSTOMER_RECEIPT,
            contactId,
            bank,
            "CREDIT_DEBIT",
            TODAY,
            new BigDecimal("120.00"),
            "GBP",
            null,
            "pi_1",
            List.of(new SageAllocation(invoice.id(), new BigDecimal("120.00"))),
            BigDecimal.ZERO);
    String id = idem();
    sandbox.failNextAfterCommit("/contact_payments", 1);

    catchThrowableOfType(
        io.ledgerbridge.core.failure.TransientGatewayException.class,
        () -> gateway.createContactPayment(connection, draft, id));
    SageRef again = gateway.createContactPayment(connection, draft, id);

    assertThat(sandbox.contactPayments(sandbox.defaultBusinessId())).hasSize(1);
    assertThat(again.id())
        .isEqualTo(sandbox.contactPayments(sandbox.defaultBusinessId()).get(0).path("id").asText());
  }

  @Test
  void anUnknownDocumentIsNotFound() {
    PermanentGatewayException e =
        catchThrowableOfType(
            PermanentGatewayException.class,
            () -> gateway.salesInvoice(connection, "0123456789abcdef0123456789abcdef"));
    assertThat(e.errorClass()).isEqualTo(ErrorClass.NOT_FOUND);
  }
}
