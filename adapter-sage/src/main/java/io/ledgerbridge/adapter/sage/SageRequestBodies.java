package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.creditnote.SageCreditNoteDraft;
import io.ledgerbridge.core.invoice.SageAddress;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.core.invoice.SageInvoiceLine;
import io.ledgerbridge.core.payment.SageAllocation;
import io.ledgerbridge.core.payment.SageContactAllocationDraft;
import io.ledgerbridge.core.payment.SageContactPaymentDraft;
import io.ledgerbridge.core.product.CatalogItemKind;
import io.ledgerbridge.core.product.SageCatalogItemDraft;
import io.ledgerbridge.core.product.SageStockMovementDraft;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Renders drafts into the exact JSON bodies Sage receives (SAGE §2.0–§2.6): the singular wrapper
 * key, {@code *_id} references, null fields omitted, every decimal as a JSON string in plain
 * notation (amounts at exactly 2 decimals), and {@code idempotency_id} inside the wrapper. A sales
 * line names its item by {@code product_id} (a product or stock item) or {@code service_id}, plain
 * id strings as {@code postSalesInvoices}/{@code postSalesCreditNotes} define them; a free-text
 * line has neither.
 */
final class SageRequestBodies {
  private static final Pattern IDEMPOTENCY_ID = Pattern.compile("[0-9a-f]{32}");
  private static final int CONTACT_PERSON_NAME_MAX = 50;

  private final ObjectMapper json;

  SageRequestBodies(ObjectMapper json) {
    this.json = json;
  }

  /** The idempotency id, checked: 32 lowercase hex characters (SAGE §2.0). */
  static String requireIdempotencyId(String idempotencyId) {
    if (idempotencyId == null || !IDEMPOTENCY_ID.matcher(idempotencyId).matches()) {
      throw new IllegalArgumentException(
          "idempotencyId must be 32 lowercase hex characters, got: " + idempotencyId);
    }
    return idempotencyId;
  }

  String salesInvoice(SageInvoiceDraft draft, String idempotencyId) {
    Objects.requireNonNull(draft, "draft");
    requireIdempotencyId(idempotencyId);
    List<InvoiceLineJson> lines = draft.lines().stream().map(SageRequestBodies::line).toList();
    SalesInvoiceJson invoice =
        new SalesInvoiceJson(
            draft.contactId(),
            draft.date() == null ? null : draft.date().format(DateTimeFormatter.ISO_LOCAL_DATE),
            draft.reference(),
            draft.currencyId(),
            decimal(draft.exchangeRate()),
            address(null, draft.mainAddress()),
            address(null, draft.deliveryAddress()),
            draft.notes(),
            amount("shipping_net_amount", draft.shippingNetAmount()),
            draft.shippingTaxRateId(),
            amount("shipping_tax_amount", draft.shippingTaxAmount()),
            idempotencyId,
            lines);
    return write(new SalesInvoiceRequest(invoice));
  }

  String salesCreditNote(SageCreditNoteDraft draft, String idempotencyId) {
    Objects.requireNonNull(draft, "draft");
    requireIdempotencyId(idempotencyId);
    List<InvoiceLineJson> lines = draft.lines().stream().map(SageRequestBodies::line).toList();
    SalesCreditNoteJson note =
        new SalesCreditNoteJson(
            draft.contactId(),
            date(draft.date()),
            date(draft.originalInvoiceDate()),
            draft.reference(),
            draft.currencyId(),
            decimal(draft.exchangeRate()),
            address(null, draft.mainAddress()),
            address(null, draft.deliveryAddress()),
            draft.notes(),
            amount("shipping_net_amount", draft.shippingNetAmount()),
            draft.shippingTaxRateId(),
            amount("shipping_tax_amount", draft.shippingTaxAmount()),
            idempotencyId,
            lines);
    return write(new SalesCreditNoteRequest(note));
  }

  String contactPayment(SageContactPaymentDraft draft, String idempotencyId) {
    Objects.requireNonNull(draft, "draft");
    requireIdempotencyId(idempotencyId);
    PaymentOnAccountJson onAccount =
        draft.onAccount().signum() == 0
            ? null
            : new PaymentOnAccountJson(
                draft.contactId(),
                date(draft.date()),
                draft.reference(),
                amount("payment_on_account.total_amount", draft.onAccount()),
                draft.currencyId(),
                decimal(draft.exchangeRate()));
    ContactPaymentJson payment =
        new ContactPaymentJson(
            draft.transactionTypeId(),
            draft.contactId(),
            draft.bankAccountId(),
            draft.paymentMethodId(),
            date(draft.date()),
            amount("total_amount", draft.totalAmount()),
            draft.currencyId(),
            decimal(draft.exchangeRate()),
            draft.reference(),
            idempotencyId,
            draft.allocations().isEmpty() ? null : allocations(draft.allocations()),
            onAccount);
    return write(new ContactPaymentRequest(payment));
  }

  String contactAllocation(SageContactAllocationDraft draft, String idempotencyId) {
    Objects.requireNonNull(draft, "draft");
    requireIdempotencyId(idempotencyId);
    return write(
        new ContactAllocationRequest(
            new ContactAllocationJson(
                SageContactAllocationDraft.CUSTOMER_ALLOCATION,
                draft.contactId(),
                date(draft.date()),
                idempotencyId,
                allocations(draft.allocations()))));
  }

  private static List<AllocatedArtefactJson> allocations(List<SageAllocation> allocations) {
    return allocations.stream()
        .map(a -> new AllocatedArtefactJson(a.artefactId(), amount("amount", a.amount())))
        .toList();
  }

  private static String date(java.time.LocalDate date) {
    return date == null ? null : date.format(DateTimeFormatter.ISO_LOCAL_DATE);
  }

  String contact(SageContactDraft draft, String idempotencyId) {
    Objects.requireNonNull(draft, "draft");
    requireIdempotencyId(idempotencyId);
    ContactPersonJson person = null;
    if (draft.contactPersonName() != null || draft.email() != null || draft.telephone() != null) {
      String name = draft.contactPersonName() != null ? draft.contactPersonName() : draft.name();
      if (name != null && name.length() > CONTACT_PERSON_NAME_MAX) {
        name = name.substring(0, CONTACT_PERSON_NAME_MAX);
      }
      person = new ContactPersonJson(name, draft.email(), draft.telephone(), Boolean.TRUE);
    }
    ContactJson contact =
        new ContactJson(
            draft.name(),
            List.of("CUSTOMER"),
            draft.reference(),
            draft.currencyId(),
            address("ACCOUNTS", draft.mainAddress()),
            address("DELIVERY", draft.deliveryAddress()),
            person,
            idempotencyId);
    return write(new ContactRequest(contact));
  }

  /**
   * {@code PUT /contacts/{id}}: what Sage shows of the customer (name, addresses, main contact
   * person); never its reference, currency or type, which stay as created. No idempotency id: a PUT
   * sent twice leaves the same contact.
   */
  String contactUpdate(SageContactDraft draft) {
    Objects.requireNonNull(draft, "draft");
    String personName =
        draft.contactPersonName() != null ? draft.contactPersonName() : draft.name();
    if (personName != null && personName.length() > CONTACT_PERSON_NAME_MAX) {
      personName = personName.substring(0, CONTACT_PERSON_NAME_MAX);
    }
    ContactPersonJson person =
        new ContactPersonJson(personName, draft.email(), draft.telephone(), Boolean.TRUE);
    return write(
        new ContactUpdateRequest(
            new ContactUpdateJson(
                draft.name(),
                address("ACCOUNTS", draft.mainAddress()),
                address("DELIVERY", draft.deliveryAddress()),
                person)));
  }

  /**
   * {@code POST /products}, {@code /services} or {@code /stock_items} by the draft's kind: item
   * code, description, notes, ledger accounts, sales tax rate, cost price and the sales price as
   * the one entry of {@code sales_prices} ({@code sales_rates} for a service) of the draft's price
   * type; no stock level (only stock movements set it).
   */
  String catalogItem(SageCatalogItemDraft draft, String idempotencyId) {
    requireIdempotencyId(idempotencyId);
    return catalog(draft, idempotencyId);
  }

  /** {@code PUT /<kind>s/{id}}: the same fields as the create, without an idempotency id. */
  String catalogItemUpdate(SageCatalogItemDraft draft) {
    return catalog(draft, null);
  }

  private String catalog(SageCatalogItemDraft draft, String idempotencyId) {
    Objects.requireNonNull(draft, "draft");
    boolean priced = draft.salesPrice() != null && draft.salesPriceTypeId() != null;
    String price = priced ? amount("sales_price", draft.salesPrice()) : null;
    boolean service = draft.kind() == CatalogItemKind.SERVICE;
    CatalogItemJson item =
        new CatalogItemJson(
            draft.itemCode(),
            draft.description(),
            draft.notes(),
            draft.salesLedgerAccountId(),
            draft.purchaseLedgerAccountId(),
            draft.salesTaxRateId(),
            amount("cost_price", draft.costPrice()),
            priced && !service
                ? List.of(new SalesPriceJson(price, draft.salesPriceTypeId()))
                : null,
            priced && service ? List.of(new SalesRateJson(price, draft.salesPriceTypeId())) : null,
            idempotencyId);
    switch (draft.kind()) {
      case PRODUCT:
        return write(new ProductRequest(item));
      case SERVICE:
        return write(new ServiceRequest(item));
      default:
        return write(new StockItemRequest(item));
    }
  }

  /** {@code POST /stock_movements}: quantity as given (negative out), cost price at 2 decimals. */
  String stockMovement(SageStockMovementDraft draft, String idempotencyId) {
    Objects.requireNonNull(draft, "draft");
    requireIdempotencyId(idempotencyId);
    return write(
        new StockMovementRequest(
            new StockMovementJson(
                draft.stockItemId(),
                date(draft.date()),
                decimal(draft.quantity()),
                amount("cost_price", draft.costPrice()),
                draft.details(),
                draft.reference(),
                idempotencyId)));
  }

  private static InvoiceLineJson line(SageInvoiceLine line) {
    return new InvoiceLineJson(
        line.description(),
        line.ledgerAccountId(),
        decimal(line.quantity()),
        decimal(line.unitPrice()),
        amount("discount_amount", line.discountAmount()),
        line.taxRateId(),
        amount("tax_amount", line.taxAmount()),
        line.euGoodsServicesTypeId(),
        line.productId(),
        line.serviceId());
  }

  private static AddressJson address(String addressTypeId, SageAddress address) {
    if (address == null) {
      return null;
    }
    return new AddressJson(
        addressTypeId,
        address.addressLine1(),
        address.addressLine2(),
        address.city(),
        address.postalCode(),
        address.region(),
        address.countryId());
  }

  /** A quantity, price or rate: plain notation, scale kept as given. */
  static String decimal(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  /**
   * A money amount: exactly 2 decimals, the only precision Sage supports. Drafts already carry
   * amounts at 2 decimals, so a value needing rounding is a translation bug and is refused.
   */
  static String amount(String field, BigDecimal value) {
    if (value == null) {
      return null;
    }
    try {
      return value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field + " must have at most 2 decimals, got " + value.toPlainString(), e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render Sage request body", e);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SalesInvoiceRequest(@JsonProperty("sales_invoice") SalesInvoiceJson salesInvoice) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SalesInvoiceJson(
      @JsonProperty("contact_id") String contactId,
      @JsonProperty("date") String date,
      @JsonProperty("reference") String reference,
      @JsonProperty("currency_id") String currencyId,
      @JsonProperty("exchange_rate") String exchangeRate,
      @JsonProperty("main_address") AddressJson mainAddress,
      @JsonProperty("delivery_address") AddressJson deliveryAddress,
      @JsonProperty("notes") String notes,
      @JsonProperty("shipping_net_amount") String shippingNetAmount,
      @JsonProperty("shipping_tax_rate_id") String shippingTaxRateId,
      @JsonProperty("shipping_tax_amount") String shippingTaxAmount,
      @JsonProperty("idempotency_id") String idempotencyId,
      @JsonProperty("invoice_lines") List<InvoiceLineJson> invoiceLines) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SalesCreditNoteRequest(
      @JsonProperty("sales_credit_note") SalesCreditNoteJson salesCreditNote) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SalesCreditNoteJson(
      @JsonProperty("contact_id") String contactId,
      @JsonProperty("date") String date,
      @JsonProperty("original_invoice_date") String originalInvoiceDate,
      @JsonProperty("reference") String reference,
      @JsonProperty("currency_id") String currencyId,
      @JsonProperty("exchange_rate") String exchangeRate,
      @JsonProperty("main_address") AddressJson mainAddress,
      @JsonProperty("delivery_address") AddressJson deliveryAddress,
      @JsonProperty("notes") String notes,
      @JsonProperty("shipping_net_amount") String shippingNetAmount,
      @JsonProperty("shipping_tax_rate_id") String shippingTaxRateId,
      @JsonProperty("shipping_tax_amount") String shippingTaxAmount,
      @JsonProperty("idempotency_id") String idempotencyId,
      @JsonProperty("credit_note_lines") List<InvoiceLineJson> creditNoteLines) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactPaymentRequest(@JsonProperty("contact_payment") ContactPaymentJson payment) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactPaymentJson(
      @JsonProperty("transaction_type_id") String transactionTypeId,
      @JsonProperty("contact_id") String contactId,
      @JsonProperty("bank_account_id") String bankAccountId,
      @JsonProperty("payment_method_id") String paymentMethodId,
      @JsonProperty("date") String date,
      @JsonProperty("total_amount") String totalAmount,
      @JsonProperty("currency_id") String currencyId,
      @JsonProperty("exchange_rate") String exchangeRate,
      @JsonProperty("reference") String reference,
      @JsonProperty("idempotency_id") String idempotencyId,
      @JsonProperty("allocated_artefacts") List<AllocatedArtefactJson> allocatedArtefacts,
      @JsonProperty("payment_on_account") PaymentOnAccountJson paymentOnAccount) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PaymentOnAccountJson(
      @JsonProperty("contact_id") String contactId,
      @JsonProperty("date") String date,
      @JsonProperty("reference") String reference,
      @JsonProperty("total_amount") String totalAmount,
      @JsonProperty("currency_id") String currencyId,
      @JsonProperty("exchange_rate") String exchangeRate) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AllocatedArtefactJson(
      @JsonProperty("artefact_id") String artefactId, @JsonProperty("amount") String amount) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactAllocationRequest(
      @JsonProperty("contact_allocation") ContactAllocationJson allocation) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactAllocationJson(
      @JsonProperty("transaction_type_id") String transactionTypeId,
      @JsonProperty("contact_id") String contactId,
      @JsonProperty("date") String date,
      @JsonProperty("idempotency_id") String idempotencyId,
      @JsonProperty("allocated_artefacts") List<AllocatedArtefactJson> allocatedArtefacts) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record InvoiceLineJson(
      @JsonProperty("description") String description,
      @JsonProperty("ledger_account_id") String ledgerAccountId,
      @JsonProperty("quantity") String quantity,
      @JsonProperty("unit_price") String unitPrice,
      @JsonProperty("discount_amount") String discountAmount,
      @JsonProperty("tax_rate_id") String taxRateId,
      @JsonProperty("tax_amount") String taxAmount,
      @JsonProperty("eu_goods_services_type_id") String euGoodsServicesTypeId,
      @JsonProperty("product_id") String productId,
      @JsonProperty("service_id") String serviceId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record AddressJson(
      @JsonProperty("address_type_id") String addressTypeId,
      @JsonProperty("address_line_1") String addressLine1,
      @JsonProperty("address_line_2") String addressLine2,
      @JsonProperty("city") String city,
      @JsonProperty("postal_code") String postalCode,
      @JsonProperty("region") String region,
      @JsonProperty("country_id") String countryId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactRequest(@JsonProperty("contact") ContactJson contact) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactJson(
      @JsonProperty("name") String name,
      @JsonProperty("contact_type_ids") List<String> contactTypeIds,
      @JsonProperty("reference") String reference,
      @JsonProperty("currency_id") String currencyId,
      @JsonProperty("main_address") AddressJson mainAddress,
      @JsonProperty("delivery_address") AddressJson deliveryAddress,
      @JsonProperty("main_contact_person") ContactPersonJson mainContactPerson,
      @JsonProperty("idempotency_id") String idempotencyId) {}

  record ContactUpdateRequest(@JsonProperty("contact") ContactUpdateJson contact) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactUpdateJson(
      @JsonProperty("name") String name,
      @JsonProperty("main_address") AddressJson mainAddress,
      @JsonProperty("delivery_address") AddressJson deliveryAddress,
      @JsonProperty("main_contact_person") ContactPersonJson mainContactPerson) {}

  record ProductRequest(@JsonProperty("product") CatalogItemJson product) {}

  record ServiceRequest(@JsonProperty("service") CatalogItemJson service) {}

  record StockItemRequest(@JsonProperty("stock_item") CatalogItemJson stockItem) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CatalogItemJson(
      @JsonProperty("item_code") String itemCode,
      @JsonProperty("description") String description,
      @JsonProperty("notes") String notes,
      @JsonProperty("sales_ledger_account_id") String salesLedgerAccountId,
      @JsonProperty("purchase_ledger_account_id") String purchaseLedgerAccountId,
      @JsonProperty("sales_tax_rate_id") String salesTaxRateId,
      @JsonProperty("cost_price") String costPrice,
      @JsonProperty("sales_prices") List<SalesPriceJson> salesPrices,
      @JsonProperty("sales_rates") List<SalesRateJson> salesRates,
      @JsonProperty("idempotency_id") String idempotencyId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SalesPriceJson(
      @JsonProperty("price") String price,
      @JsonProperty("product_sales_price_type_id") String productSalesPriceTypeId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SalesRateJson(
      @JsonProperty("rate") String rate,
      @JsonProperty("service_rate_type_id") String serviceRateTypeId) {}

  record StockMovementRequest(@JsonProperty("stock_movement") StockMovementJson stockMovement) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StockMovementJson(
      @JsonProperty("stock_item_id") String stockItemId,
      @JsonProperty("date") String date,
      @JsonProperty("quantity") String quantity,
      @JsonProperty("cost_price") String costPrice,
      @JsonProperty("details") String details,
      @JsonProperty("reference") String reference,
      @JsonProperty("idempotency_id") String idempotencyId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ContactPersonJson(
      @JsonProperty("name") String name,
      @JsonProperty("email") String email,
      @JsonProperty("telephone") String telephone,
      @JsonProperty("is_main_contact") Boolean isMainContact) {}
}
