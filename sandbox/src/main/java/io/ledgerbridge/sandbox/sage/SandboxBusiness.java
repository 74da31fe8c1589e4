package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * State of one sandbox business: its edition, its reference data (tax rates, ledger accounts, bank
 * account, payment methods, financial and invoice settings, product sales price and service rate
 * types), its contacts (and the soft-deleted ones), sales invoices, sales credit notes, contact
 * payments and contact allocations, the open items those settle, its products, services, stock
 * items and stock movements, its document counters and its idempotency records. Writes are
 * serialised on the instance ({@link #lock()}); reads copy under the same lock.
 */
final class SandboxBusiness {

  static final Duration IDEMPOTENCY_WINDOW = Duration.ofDays(7);

  /** A tax rate of the business's country; {@code zeroType} rates need no {@code tax_amount}. */
  record TaxRate(
      String id, String displayedAs, String name, BigDecimal percentage, boolean zeroType) {}

  /** A ledger account; {@code visibleInSales} decides whether invoice lines may post to it. */
  record LedgerAccount(
      String id,
      String name,
      int nominalCode,
      String typeId,
      String typeName,
      String groupId,
      boolean visibleInSales,
      boolean visibleInExpenses,
      String taxRateId) {
    String displayedAs() {
      return name + " (" + nominalCode + ")";
    }
  }

  /**
   * A created contact: the facts rules need, its rendered read models, and what a {@code PUT}
   * re-renders them from: the attributes as last written ({@code input}), the ids of its addresses
   * and main contact person (null while it has none) and when it was created.
   */
  record StoredContact(
      String id,
      String name,
      String reference,
      String typeId,
      String currencyId,
      String countryId,
      Integer creditDays,
      ObjectNode body,
      ObjectNode expandedBody,
      ObjectNode input,
      String mainAddressId,
      String deliveryAddressId,
      String personId,
      Instant createdAt) {}

  /**
   * The first successful result for an {@code idempotency_id}; {@code created} for a POST (replayed
   * as 201), else a PUT (replayed as 200).
   */
  record IdempotentResult(String resourceType, JsonNode body, Instant createdAt, boolean created) {}

  /** A product sales price type or a service rate type. */
  record PriceType(String id, String name, boolean active) {}

  /** A stock movement as posted; its read model is rendered with the stock item's current name. */
  record StockMovement(
      String id,
      String stockItemId,
      int movementNumber,
      LocalDate date,
      BigDecimal quantity,
      BigDecimal costPrice,
      String details,
      String reference,
      Instant createdAt) {}

  static final List<TaxRate> GB_TAX_RATES =
      List.of(
          new TaxRate("GB_STANDARD", "Standard 20.00%", "STANDARD", new BigDecimal("20.0"), false),
          new TaxRate("GB_LOWER", "Lower Rate 5.00%", "LOWER", new BigDecimal("5.0"), false),
          new TaxRate("GB_ZERO", "Zero Rated 0.00%", "ZERO", BigDecimal.ZERO, true),
          new TaxRate("GB_EXEMPT", "Exempt 0.00%", "EXEMPT", BigDecimal.ZERO, true),
          new TaxRate("GB_NO_TAX", "No VAT", "NO_TAX", BigDecimal.ZERO, true));

  static final Map<String, String> CURRENCIES = currencies();

  static final Map<String, String> EU_GOODS_SERVICES_TYPES =
      Map.of("GOODS", "Goods (and related services)", "SERVICES", "Services (standalone)");

  /** {@code GET /payment_methods} (SW-MOD example), in Sage's order. */
  static final Map<String, String> PAYMENT_METHODS = paymentMethods();

  final String id;
  final String name;
  final String country;
  final String baseCurrency;
  final LocalDate accountsStartDate;
  final Instant createdAt;
  final List<LedgerAccount> ledgerAccounts;
  final String bankAccountId;
  final String bankLedgerAccountId;
  final Map<String, StoredContact> contacts = new LinkedHashMap<>();

  /**
   * Contacts deleted in Sage's web app ({@link SandboxSage#deleteContact}): not found by any read
   * or write, but their references stay taken.
   */
  final Map<String, StoredContact> deletedContacts = new LinkedHashMap<>();

  final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
  final Map<String, ObjectNode> creditNotes = new LinkedHashMap<>();
  final Map<String, ObjectNode> payments = new LinkedHashMap<>();
  final Map<String, ObjectNode> allocations = new LinkedHashMap<>();

  /** Posted and draft invoices and credit notes, and payments on account, by artefact id. */
  final Map<String, OpenItem> openItems = new LinkedHashMap<>();

  /** Products, services and stock items, in creation order. */
  final Map<String, CatalogItem> catalog = new LinkedHashMap<>();

  final Map<String, StockMovement> stockMovements = new LinkedHashMap<>();

  /** {@code GET /product_sales_price_types}: Sage's defaults (D-INVENT, SW-MOD example). */
  final List<PriceType> productSalesPriceTypes;

  /** {@code GET /service_rate_types}: Sage's one default "Rate" (D-INVENT). */
  final List<PriceType> serviceRateTypes;

  final Map<String, IdempotentResult> idempotency = new LinkedHashMap<>();
  int nextInvoiceNumber = 1;
  int nextCreditNoteNumber = 1;
  int nextMovementNumber = 1;
  volatile Edition edition = Edition.PLUS;

  SandboxBusiness(
      String id,
      String name,
      String country,
      String baseCurrency,
      LocalDate accountsStartDate,
      Instant createdAt,
      Random random) {
    this.id = id;
    this.name = name;
    this.country = country.toUpperCase(Locale.ROOT);
    this.baseCurrency = baseCurrency.toUpperCase(Locale.ROOT);
    this.accountsStartDate = accountsStartDate;
    this.createdAt = createdAt;
    this.bankLedgerAccountId = SageJson.newId(random);
    List<LedgerAccount> chart =
        new ArrayList<>(
            List.of(
                new LedgerAccount(
                    SageJson.newId(random),
                    "Sales - Products",
                    4000,
                    "SALES",
                    "Sales",
                    "INCOME",
                    true,
                    false,
                    "GB_STANDARD"),
                new LedgerAccount(
                    SageJson.newId(random),
                    "Sales - Services",
                    4010,
                    "SALES",
                    "Sales",
                    "INCOME",
                    true,
                    false,
                    "GB_STANDARD"),
                new LedgerAccount(
                    SageJson.newId(random),
                    "Carriage on Sales",
                    4905,
                    "OTHER_INCOME",
                    "Other Income",
                    "INCOME",
                    true,
                    false,
                    "GB_STANDARD"),
                new LedgerAccount(
                    SageJson.newId(random),
                    "Other income",
                    4900,
                    "OTHER_INCOME",
                    "Other Income",
                    "INCOME",
                    true,
                    false,
                    "GB_STANDARD"),
                new LedgerAccount(
                    SageJson.newId(random),
                    "Cost of sales - goods",
                    5000,
                    "DIRECT_EXPENSES",
                    "Direct Expenses",
                    "EXPENSE",
                    false,
                    true,
                    "GB_STANDARD"),
                new LedgerAccount(
                    bankLedgerAccountId,
                    "Bank Account",
                    1200,
                    "BANK",
                    "Bank",
                    "ASSET",
                    false,
                    false,
                    "GB_NO_TAX")));
    this.bankAccountId = SageJson.newId(random);
    // drawn last so the ids above stay what a given seed has always produced
    chart.add(
        new LedgerAccount(
            SageJson.newId(random),
            "Carriage",
            5100,
            "DIRECT_EXPENSES",
            "Direct Expenses",
            "EXPENSE",
            true,
            true,
            "GB_STANDARD"));
    this.ledgerAccounts = List.copyOf(chart);
    // derived, not drawn: a seed keeps producing the ids it always has
    this.productSalesPriceTypes =
        List.of(
            priceType(id, "product_sales_price_types", "Sales Price"),
            priceType(id, "product_sales_price_types", "Trade"),
            priceType(id, "product_sales_price_types", "Wholesale"));
    this.serviceRateTypes = List.of(priceType(id, "service_rate_types", "Rate"));
  }

  private static PriceType priceType(String businessId, String collection, String name) {
    return new PriceType(SageJson.derivedId(businessId, collection, name), name, true);
  }

  Object lock() {
    return this;
  }

  String defaultSalesLedgerAccountId() {
    return ledgerAccounts.get(0).id();
  }

  /**
   * "Cost of sales - goods (5000)", the purchase ledger account of Sage's own product examples
   * (D-INVENT, SW-MOD {@code GET /products/{key}}).
   */
  String defaultPurchaseLedgerAccountId() {
    return ledgerAccounts.stream()
        .filter(l -> l.nominalCode() == 5000)
        .findFirst()
        .orElseThrow()
        .id();
  }

  /** The price types of the kind: product sales price types, or service rate types. */
  List<PriceType> priceTypes(CatalogItemKind kind) {
    return kind.hasSalesPrices() ? productSalesPriceTypes : serviceRateTypes;
  }

  /** The contact, live or soft-deleted, holding {@code reference} (case-insensitive), or null. */
  StoredContact contactWithReference(String reference) {
    for (Map<String, StoredContact> m : List.of(contacts, deletedContacts)) {
      for (StoredContact c : m.values()) {
        if (c.reference() != null && c.reference().equalsIgnoreCase(reference)) {
          return c;
        }
      }
    }
    return null;
  }

  /** Whether any document, payment or allocation of the business involves the contact. */
  boolean hasTransactions(String contactId) {
    for (OpenItem item : openItems.values()) {
      if (contactId.equals(item.contactId)) {
        return true;
      }
    }
    for (Map<String, ObjectNode> m : List.of(payments, allocations)) {
      for (ObjectNode o : m.values()) {
        if (contactId.equals(o.path("contact").path("id").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The stored read models of invoices or credit notes. */
  Map<String, ObjectNode> documents(SalesDocumentKind kind) {
    return kind == SalesDocumentKind.INVOICE ? invoices : creditNotes;
  }

  /** Takes the next number of the kind's sequence ({@code invoice_settings}). */
  int takeNumber(SalesDocumentKind kind) {
    return kind == SalesDocumentKind.INVOICE ? nextInvoiceNumber++ : nextCreditNoteNumber++;
  }

  Optional<TaxRate> taxRate(String taxRateId) {
    return GB_TAX_RATES.stream().filter(t -> t.id().equals(taxRateId)).findFirst();
  }

  Optional<LedgerAccount> ledgerAccount(String ledgerId) {
    return ledgerAccounts.stream().filter(l -> l.id().equals(ledgerId)).findFirst();
  }

  /** Returns the remembered result, dropping it when older than the 7-day window. */
  IdempotentResult idempotent(String idempotencyId, Instant now) {
    IdempotentResult r = idempotency.get(idempotencyId);
    if (r != null && !now.isBefore(r.createdAt().plus(IDEMPOTENCY_WINDOW))) {
      idempotency.remove(idempotencyId);
      return null;
    }
    return r;
  }

  // ---- read models of the reference data -------------------------------------------------

  ObjectNode taxRateJson(TaxRate t) {
    ObjectNode o = SageJson.link(t.id(), t.displayedAs(), "tax_rates");
    o.put("name", t.name());
    o.putNull("agency");
    o.put("percentage", SageJson.money(t.percentage()));
    ArrayNode percentages = o.putArray("percentages");
    ObjectNode p = percentages.addObject();
    p.put("percentage", SageJson.money(t.percentage()));
    p.put("from_date", "1900-01-01");
    p.putNull("to_date");
    o.put("is_visible", true);
    o.put("retailer", false);
    o.put("editable", false);
    o.put("deletable", false);
    o.put("is_combined_rate", false);
    o.putArray("component_tax_rates");
    return o;
  }

  ObjectNode taxRateLink(String taxRateId) {
    TaxRate t = taxRate(taxRateId).orElseThrow();
    return SageJson.link(t.id(), t.displayedAs(), "tax_rates");
  }

  ObjectNode ledgerAccountLink(LedgerAccount l) {
    return SageJson.link(l.id(), l.displayedAs(), "ledger_accounts");
  }

  ObjectNode ledgerAccountJson(LedgerAccount l) {
    ObjectNode o = ledgerAccountLink(l);
    o.put("created_at", SageJson.timestamp(createdAt));
    o.put("updated_at", SageJson.timestamp(createdAt));
    ObjectNode group = o.putObject("ledger_account_group");
    group.put("id", l.groupId());
    group.put(
        "displayed_as", l.groupId().charAt(0) + l.groupId().substring(1).toLowerCase(Locale.ROOT));
    o.put("name", l.name());
    o.put("display_name", l.name());
    ArrayNode scopes = o.putArray("visible_scopes");
    if (l.visibleInSales()) {
      scopes.add("sales");
    }
    if (l.visibleInExpenses()) {
      scopes.add("expenses");
    }
    scopes.add("journals");
    scopes.add("reporting");
    o.put("included_in_chart", true);
    o.put("nominal_code", l.nominalCode());
    o.set("ledger_account_type", SageJson.link(l.typeId(), l.typeName(), "ledger_account_types"));
    o.putNull("ledger_account_classification");
    o.set("tax_rate", taxRateLink(l.taxRateId()));
    o.put("fixed_tax_rate", false);
    o.put("visible_in_banking", "BANK".equals(l.typeId()));
    o.put("visible_in_expenses", l.visibleInExpenses());
    o.put("visible_in_journals", true);
    o.put("visible_in_other_payments", false);
    o.put("visible_in_other_receipts", false);
    o.put("visible_in_reporting", true);
    o.put("visible_in_sales", l.visibleInSales());
    o.put("ui_visible", true);
    o.put("bank_attached", "BANK".equals(l.typeId()));
    o.put("is_control_account", false);
    o.putNull("control_name");
    o.put("display_formatted", String.format("%04d - %s", l.nominalCode(), l.name()));
    return o;
  }

  ObjectNode bankAccountJson() {
    ObjectNode o = SageJson.link(bankAccountId, "Bank Account (1200)", "bank_accounts");
    o.put("created_at", SageJson.timestamp(createdAt));
    o.put("updated_at", SageJson.timestamp(createdAt));
    ObjectNode details = o.putObject("bank_account_details");
    details.put("account_name", "Bank Account");
    details.putNull("account_number");
    details.putNull("sort_code");
    details.putNull("bic");
    details.putNull("iban");
    o.set(
        "ledger_account",
        SageJson.link(bankLedgerAccountId, "Bank Account (1200)", "ledger_accounts"));
    o.set("bank_account_type", SageJson.link("CHECKING", "Current", "bank_account_types"));
    o.put("balance", "0.0");
    o.put("nominal_code", 1200);
    o.put("editable", true);
    o.put("deletable", false);
    o.set(
        "default_payment_method",
        SageJson.link("CREDIT_DEBIT", "Credit/Debit Card", "payment_methods"));
    o.put("is_active", true);
    o.set("currency", currencyLink(baseCurrency));
    return o;
  }

  static ObjectNode currencyLink(String code) {
    return SageJson.link(code, CURRENCIES.get(code) + " (" + code + ")", "currencies");
  }

  ObjectNode financialSettingsJson() {
    ObjectNode o = SageJson.MAPPER.createObjectNode();
    o.put("$path", "/financial_settings");
    o.put("year_end_date", accountsStartDate.plusYears(1).minusDays(1).toString());
    o.putNull("year_end_lockdown_date");
    o.put("accounting_type", "accrual");
    o.put("accounts_start_date", accountsStartDate.toString());
    o.set("base_currency", currencyLink(baseCurrency));
    o.put("multi_currency_enabled", true);
    o.put("use_live_exchange_rates", false);
    o.put("mtd_activation_status", "enablable");
    o.put("mtd_connected", false);
    o.set("tax_scheme", SageJson.link("STANDARD", "Standard", "tax_schemes"));
    o.set(
        "tax_return_frequency", SageJson.link("QUARTERLY", "Quarterly", "tax_return_frequencies"));
    o.put("tax_number", "GB123456789");
    o.put("default_irpf_rate", "0.0");
    o.put("updated_at", SageJson.timestamp(createdAt));
    o.put("postponed_accounting", false);
    o.put("destination_vat", false);
    o.put("exempt_from_vat", false);
    return o;
  }

  ObjectNode businessJson() {
    ObjectNode o = SageJson.link(id, name, "businesses");
    o.set("country", SageJson.link(country, country, "countries"));
    o.put("is_demo", true);
    o.put("ni_based", false);
    Edition e = edition;
    ObjectNode subscription = o.putArray("subscriptions").addObject();
    subscription.put("id", e.subscriptionId);
    subscription.put("displayed_as", e.displayedAs);
    subscription.put("active", true);
    subscription.put("status", "active");
    return o;
  }

  /** {@code GET /invoice_settings}: the numbering fields of the SW-MOD example. */
  ObjectNode invoiceSettingsJson() {
    ObjectNode o = SageJson.MAPPER.createObjectNode();
    o.put("$path", "/invoice_settings");
    o.put("next_invoice_number", nextInvoiceNumber);
    o.put("next_credit_note_number", nextCreditNoteNumber);
    o.put("separate_invoice_credit_note_numbering", true);
    o.put("sales_invoice_number_prefix", SalesDocumentKind.INVOICE.prefix);
    o.put("sales_credit_note_number_prefix", SalesDocumentKind.CREDIT_NOTE.prefix);
    o.put("customer_credit_days", 30);
    o.put("updated_at", SageJson.timestamp(createdAt));
    return o;
  }

  ObjectNode priceTypeJson(PriceType t, String collection) {
    ObjectNode o = SageJson.link(t.id(), t.name(), collection);
    o.put("created_at", SageJson.timestamp(createdAt));
    o.put("updated_at", SageJson.timestamp(createdAt));
    o.put("name", t.name());
    o.put("active", t.active());
    return o;
  }

  List<ObjectNode> paymentMethodItems() {
    List<ObjectNode> items = new ArrayList<>();
    PAYMENT_METHODS.forEach((k, v) -> items.add(SageJson.link(k, v, "payment_methods")));
    return items;
  }

  List<ObjectNode> currencyItems() {
    List<ObjectNode> items = new ArrayList<>();
    CURRENCIES.keySet().forEach(code -> items.add(currencyLink(code)));
    return items;
  }

  private static Map<String, String> paymentMethods() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CASH", "Cash");
    m.put("CHECK", "Cheque");
    m.put("ELECTRONIC", "Electronic");
    m.put("CREDIT_DEBIT", "Credit/Debit Card");
    m.put("ONLINE_PAYMENT", "PayPal");
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, String> currencies() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("AUD", "Australian Dollar");
    m.put("CAD", "Canadian Dollar");
    m.put("CHF", "Swiss Franc");
    m.put("CZK", "Czech Koruna");
    m.put("DKK", "Danish Krone");
    m.put("EUR", "Euro");
    m.put("GBP", "Pound Sterling");
    m.put("JPY", "Japanese Yen");
    m.put("NOK", "Norwegian Krone");
    m.put("NZD", "New Zealand Dollar");
    m.put("PLN", "Polish Zloty");
    m.put("SEK", "Swedish Krona");
    m.put("USD", "US Dollar");
    return Collections.unmodifiableMap(m);
  }
}
