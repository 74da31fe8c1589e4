package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Created;
import io.ledgerbridge.sandbox.sage.CreateOutcome.Rejected;
import io.ledgerbridge.sandbox.sage.SageJson.SageError;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.LedgerAccount;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.StoredContact;
import io.ledgerbridge.sandbox.sage.SandboxBusiness.TaxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Sage's business rules for creating sales invoices and sales credit notes (after schema
 * validation), and the read models Sage answers with. Both documents share the rules (customer
 * contact in the document's currency, ledger accounts visible in sales, tax amounts, 2-dp amounts,
 * date not before the accounts start, a line's {@code product_id} a product or stock item and its
 * {@code service_id} a service of the business) and the way totals are computed; a posted invoice
 * takes its stock items out of stock, never below zero ("You cannot fulfil this invoice as you do
 * not have enough stock.", D-INVENT), a posted credit note puts them back; {@link
 * SalesDocumentKind} holds what differs. A posted document is registered as an {@link OpenItem} so
 * receipts, refunds and allocations can settle it. Callers hold the business lock.
 */
final class SalesDocuments {

  private static final int DEFAULT_CREDIT_DAYS = 30;
  private static final List<String> HEADER_AMOUNTS =
      List.of("shipping_net_amount", "shipping_tax_amount", "shipping_total_amount");
  private static final List<String> LINE_AMOUNTS =
      List.of("discount_amount", "tax_amount", "net_amount", "total_amount");

  private SalesDocuments() {}

  private record Line(
      JsonNode source,
      CatalogItem item,
      LedgerAccount ledger,
      TaxRate taxRate,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal discount,
      BigDecimal net,
      BigDecimal tax,
      BigDecimal total) {}

  static CreateOutcome createSalesInvoice(
      SandboxBusiness b, JsonNode s, Instant now, Random random) {
    return create(SalesDocumentKind.INVOICE, b, s, now, random);
  }

  static CreateOutcome createSalesCreditNote(
      SandboxBusiness b, JsonNode s, Instant now, Random random) {
    return create(SalesDocumentKind.CREDIT_NOTE, b, s, now, random);
  }

  private static CreateOutcome create(
      SalesDocumentKind kind, SandboxBusiness b, JsonNode s, Instant now, Random random) {
    List<SageError> errors = new ArrayList<>();
    SageJson.checkTwoDecimals(s, HEADER_AMOUNTS, "", errors);

    StoredContact contact = b.contacts.get(SageJson.text(s, "contact_id"));
    if (contact == null) {
      errors.add(SageError.notFound("contact_id"));
    } else if (!"CUSTOMER".equals(contact.typeId())) {
      errors.add(SageError.invalid("contact_id", "Couldn't find Customer."));
    }
    String currency = SageJson.text(s, "currency_id");
    if (currency != null && !SandboxBusiness.CURRENCIES.containsKey(currency)) {
      errors.add(SageError.notFound("currency_id"));
    } else if (contact != null && currency != null && !currency.equals(contact.currencyId())) {
      errors.add(
          SageError.invalid("currency_id", "Currency must be the same as the contact's currency"));
    }
    if (currency == null) {
      currency = contact != null ? contact.currencyId() : b.baseCurrency;
    }
    LocalDate date = SageJson.date(SageJson.text(s, "date"));
    if (date == null) {
      errors.add(SageError.invalid("date", "Date can't be blank"));
    } else if (date.isBefore(b.accountsStartDate)) {
      errors.add(
          SageError.invalid(
              "date",
              "Date must be on or after the accounts start date (" + b.accountsStartDate + ")"));
    }
    String statusId = Optional.ofNullable(SageJson.text(s, "status_id")).orElse("UNPAID");
    if (!kind.creatableStatuses.contains(statusId)) {
      errors.add(
          SageError.invalid(
              "status_id",
              "Status is not valid for a new "
                  + kind.transactionTypeName.toLowerCase(Locale.ROOT)));
    }
    BigDecimal exchangeRate =
        Optional.ofNullable(SageJson.decimal(s.get("exchange_rate"))).orElse(BigDecimal.ONE);
    if (exchangeRate.signum() <= 0) {
      errors.add(SageError.invalid("exchange_rate", "Exchange rate must be greater than 0"));
      exchangeRate = BigDecimal.ONE;
    }

    String country = SageJson.text(s.path("main_address"), "country_id");
    if (country == null && contact != null) {
      country = contact.countryId();
    }
    if (country == null) {
      country = b.country;
    }
    boolean crossBorder = "GB".equals(b.country) && !country.equalsIgnoreCase(b.country);

    JsonNode rawLines = s.path(kind.linesField);
    if (rawLines.size() == 0) {
      errors.add(SageError.invalid(kind.linesField, kind.linesLabel + " can't be blank"));
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < rawLines.size(); i++) {
      Line line = line(b, rawLines.get(i), kind.linesField + "[" + i + "].", crossBorder, errors);
      if (line != null) {
        lines.add(line);
      }
    }

    BigDecimal shippingNet =
        Optional.ofNullable(SageJson.decimal(s.get("shipping_net_amount"))).orElse(BigDecimal.ZERO);
    TaxRate shippingRate = null;
    String shippingRateId = SageJson.text(s, "shipping_tax_rate_id");
    if (shippingRateId != null) {
      shippingRate = b.taxRate(shippingRateId).orElse(null);
      if (shippingRate == null) {
        errors.add(SageError.notFound("shipping_tax_rate_id"));
      }
    }
    boolean posted = "UNPAID".equals(statusId);
    Map<CatalogItem, BigDecimal> stockOut = stockOut(lines);
    if (posted && kind == SalesDocumentKind.INVOICE) {
      for (Map.Entry<CatalogItem, BigDecimal> e : stockOut.entrySet()) {
        if (e.getKey().quantityInStock.compareTo(e.getValue()) < 0) {
          // D-INVENT: the message does not say which line
          errors.add(
              SageError.invalid(
                  "", "You cannot fulfil this invoice as you do not have enough stock."));
          break;
        }
      }
    }
    BigDecimal shippingTax = BigDecimal.ZERO;
    if (shippingRate != null && !shippingRate.zeroType()) {
      BigDecimal sent = SageJson.decimal(s.get("shipping_tax_amount"));
      shippingTax =
          sent != null
              ? sent
              : SageJson.round2(shippingNet.multiply(shippingRate.percentage()).movePointLeft(2));
    }
    if (!errors.isEmpty()) {
      return new Rejected(errors);
    }

    // ---- totals and read model
    BigDecimal net = shippingNet;
    BigDecimal tax = shippingTax;
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal discount = BigDecimal.ZERO;
    for (Line l : lines) {
      net = net.add(l.net());
      tax = tax.add(l.tax());
      quantity = quantity.add(l.quantity());
      discount = discount.add(l.discount());
    }
    BigDecimal total = net.add(tax);
    BigDecimal shippingTotal = shippingNet.add(shippingTax);

    String id = SageJson.newId(random);
    boolean draft = !"UNPAID".equals(statusId);
    String number;
    if (draft) {
      number = null;
    } else if (s.hasNonNull(kind.numberField) && !s.get(kind.numberField).asText().isBlank()) {
      number = s.get(kind.numberField).asText();
    } else {
      number = kind.prefix + b.takeNumber(kind);
    }
    String displayedAs = draft ? kind.prefix + statusId.replace('_', '-') : number;
    final BigDecimal rate = exchangeRate;

    ObjectNode o = SageJson.link(id, displayedAs, kind.collection);
    o.put("created_at", SageJson.timestamp(now));
    o.put("updated_at", SageJson.timestamp(now));
    o.set("links", SageJson.htmlLinks(kind.uiPath(), id));
    o.put("editable", true);
    o.set(
        "transaction",
        draft ? null : SageJson.link(SageJson.newId(random), displayedAs, "transactions"));
    o.set(
        "transaction_type",
        SageJson.link(kind.transactionTypeId, kind.transactionTypeName, "transaction_types"));
    o.putNull("deleted_at");
    o.put(kind.prefixField(), kind.prefix);
    o.put(kind.numberField, number);
    o.set(
        "contact",
        SageJson.link(contact.id(), contact.body().get("displayed_as").asText(), "contacts"));
    o.put(
        "contact_name",
        Optional.ofNullable(SageJson.text(s, "contact_name")).orElse(contact.name()));
    o.put(
        "contact_reference",
        Optional.ofNullable(SageJson.text(s, "contact_reference")).orElse(contact.reference()));
    o.put("date", date.toString());
    if (kind == SalesDocumentKind.INVOICE) {
      LocalDate dueDate = SageJson.date(SageJson.text(s, "due_date"));
      if (dueDate == null) {
        dueDate =
            date.plusDays(
                contact.creditDays() != null ? contact.creditDays() : DEFAULT_CREDIT_DAYS);
      }
      o.put("due_date", dueDate.toString());
    } else {
      o.put("original_invoice_date", SageJson.text(s, "original_invoice_date"));
    }
    o.put("reference", SageJson.text(s, "reference"));
    for (String addr : List.of("main_address", "delivery_address")) {
      JsonNode a = s.get(addr);
      if (a == null || a.isNull()) {
        JsonNode stored = contact.expandedBody().get(addr);
        o.set(addr, stored == null || stored.isNull() ? null : invoiceAddress(stored, true));
      } else {
        o.set(addr, invoiceAddress(a, false));
      }
    }
    o.put("notes", SageJson.text(s, "notes"));
    o.put("terms_and_conditions", SageJson.text(s, "terms_and_conditions"));
    o.put("shipping_net_amount", SageJson.money(shippingNet));
    o.set("shipping_tax_rate", shippingRate == null ? null : b.taxRateLink(shippingRate.id()));
    o.put("shipping_tax_amount", SageJson.money(shippingTax));
    o.putArray("shipping_tax_breakdown");
    o.put("shipping_total_amount", SageJson.money(shippingTotal));
    o.put("net_amount", SageJson.money(net));
    o.put("tax_amount", SageJson.money(tax));
    o.put("total_amount", SageJson.money(total));
    o.put("payments_allocations_total_amount", "0.0");
    o.put("payments_allocations_total_discount", "0.0");
    o.put("total_paid", "0.0");
    o.put("outstanding_amount", SageJson.money(total));
    o.putNull("last_paid");
    o.set("currency", SandboxBusiness.currencyLink(currency));
    o.put("exchange_rate", SageJson.money(rate));
    o.put(
        "inverse_exchange_rate",
        SageJson.money(BigDecimal.ONE.divide(rate, 10, RoundingMode.HALF_UP)));
    o.put("base_currency_shipping_net_amount", SageJson.money(SageJson.toBase(shippingNet, rate)));
    o.put("base_currency_shipping_tax_amount", SageJson.money(SageJson.toBase(shippingTax, rate)));
    o.put(
        "base_currency_shipping_total_amount",
        SageJson.money(SageJson.toBase(shippingTotal, rate)));
    o.put("base_currency_net_amount", SageJson.money(SageJson.toBase(net, rate)));
    o.put("base_currency_tax_amount", SageJson.money(SageJson.toBase(tax, rate)));
    o.put("base_currency_total_amount", SageJson.money(SageJson.toBase(total, rate)));
    o.put("base_currency_outstanding_amount", SageJson.money(SageJson.toBase(total, rate)));
    o.put("total_quantity", SageJson.money(quantity));
    o.put("total_discount_amount", SageJson.money(discount));
    o.put("base_currency_total_discount_amount", SageJson.money(SageJson.toBase(discount, rate)));
    o.set("status", OpenItem.statusLink(statusId));
    o.put("sent", s.path("sent").asBoolean(false));
    o.put("sent_by_email", false);
    o.putNull("void_reason");
    o.put("vat_reverse_charge", s.path("vat_reverse_charge").asBoolean(false));
    o.put("tax_calculation_method", "invoice");
    ArrayNode outLines = o.putArray(kind.linesField);
    Map<String, BigDecimal[]> analysis = new LinkedHashMap<>();
    for (Line l : lines) {
      outLines.add(lineJson(b, l, rate, random));
      BigDecimal[] sums = analysis.computeIfAbsent(l.taxRate().id(), k -> zeros());
      sums[0] = sums[0].add(l.net());
      sums[1] = sums[1].add(l.tax());
    }
    if (shippingRate != null && shippingNet.signum() != 0) {
      BigDecimal[] sums = analysis.computeIfAbsent(shippingRate.id(), k -> zeros());
      sums[0] = sums[0].add(shippingNet);
      sums[1] = sums[1].add(shippingTax);
    }
    ArrayNode taxAnalysis = o.putArray("tax_analysis");
    analysis.forEach(
        (rateId, sums) -> {
          ObjectNode t = taxAnalysis.addObject();
          t.set("tax_rate", b.taxRateLink(rateId));
          t.put("net_amount", SageJson.money(sums[0]));
          t.put("tax_amount", SageJson.money(sums[1]));
          t.put("total_amount", SageJson.money(sums[0].add(sums[1])));
          t.put("goods_amount", SageJson.money(sums[0]));
          t.put("service_amount", "0.0");
        });
    b.documents(kind).put(id, o);
    for (Line l : lines) {
      if (l.item() != null) {
        l.item().used = true;
      }
    }
    if (posted) {
      moveStock(b, kind, stockOut, contact.name(), number, date, now, random);
    }
    ObjectNode artefact = SageJson.link(id, displayedAs, kind.collection);
    artefact.set("links", o.get("links").deepCopy());
    b.openItems.put(
        id,
        new OpenItem(
            kind == SalesDocumentKind.INVOICE
                ? OpenItem.Kind.SALES_INVOICE
                : OpenItem.Kind.SALES_CREDIT_NOTE,
            id,
            contact.id(),
            currency,
            total,
            rate,
            !draft,
            o,
            artefact,
            null));
    return new Created(o);
  }

  /** The quantity of each stock item the lines sell, in line order. */
  private static Map<CatalogItem, BigDecimal> stockOut(List<Line> lines) {
    Map<CatalogItem, BigDecimal> out = new LinkedHashMap<>();
    for (Line l : lines) {
      if (l.item() != null && l.item().kind == CatalogItemKind.STOCK_ITEM) {
        out.merge(l.item(), l.quantity(), BigDecimal::add);
      }
    }
    return out;
  }

  /**
   * The stock movements a posted document makes (D-INVENT): one per stock item, dated as the
   * document, its number as {@code reference}, the contact's name as {@code details}; out
   * (negative) for an invoice, back in (positive) for a credit note, at the item's cost price. A
   * credit note's return does not count as a purchase for the last and average cost prices.
   */
  private static void moveStock(
      SandboxBusiness b,
      SalesDocumentKind kind,
      Map<CatalogItem, BigDecimal> stockOut,
      String contactName,
      String number,
      LocalDate date,
      Instant now,
      Random random) {
    String details = contactName.length() > 50 ? contactName.substring(0, 50) : contactName;
    for (Map.Entry<CatalogItem, BigDecimal> e : stockOut.entrySet()) {
      CatalogItem item = e.getKey();
      BigDecimal quantity =
          kind == SalesDocumentKind.INVOICE ? e.getValue().negate() : e.getValue();
      BigDecimal cost = SageJson.decimal(item.attributes.get("cost_price"));
      SandboxBusiness.StockMovement m =
          new SandboxBusiness.StockMovement(
              SageJson.newId(random),
              item.id,
              b.nextMovementNumber++,
              date,
              quantity,
              cost == null ? BigDecimal.ZERO : cost,
              details,
              number,
              now);
      item.move(quantity, m.costPrice(), date, now, false);
      b.stockMovements.put(m.id(), m);
    }
  }

  private static Line line(
      SandboxBusiness b, JsonNode l, String p, boolean crossBorder, List<SageError> errors) {
    int before = errors.size();
    SageJson.checkTwoDecimals(l, LINE_AMOUNTS, p, errors);
    LedgerAccount ledger = b.ledgerAccount(SageJson.text(l, "ledger_account_id")).orElse(null);
    if (ledger == null) {
      errors.add(SageError.notFound(p + "ledger_account_id"));
    } else if (!ledger.visibleInSales()) {
      errors.add(
          SageError.invalid(p + "ledger_account_id", "Ledger account is not valid for sales"));
    }
    String rateId = SageJson.text(l, "tax_rate_id");
    if (rateId == null && ledger != null) {
      rateId = ledger.taxRateId();
    }
    TaxRate rate = rateId == null ? null : b.taxRate(rateId).orElse(null);
    if (rate == null) {
      errors.add(SageError.notFound(p + "tax_rate_id"));
    }
    BigDecimal sentTax = SageJson.decimal(l.get("tax_amount"));
    if (rate != null && !rate.zeroType() && sentTax == null) {
      errors.add(SageError.invalid(p + "tax_amount", "Tax amount can't be blank"));
    }
    if (rate != null && rate.zeroType() && sentTax != null && sentTax.signum() != 0) {
      errors.add(
          SageError.invalid(
              p + "tax_amount", "Tax amount must be 0 for the tax rate " + rate.id()));
    }
    CatalogItem item = null;
    String productId = SageJson.text(l, "product_id");
    String serviceId = SageJson.text(l, "service_id");
    if (productId != null && serviceId != null) {
      errors.add(
          SageError.invalid(p + "service_id", "A line can have a product or a service, not both"));
    } else if (productId != null) {
      item = b.catalog.get(productId);
      if (item == null || !item.kind.listedAsProduct()) {
        errors.add(SageError.notFound(p + "product_id"));
      }
    } else if (serviceId != null) {
      item = b.catalog.get(serviceId);
      if (item == null || item.kind != CatalogItemKind.SERVICE) {
        errors.add(SageError.notFound(p + "service_id"));
      }
    }
    String euType = SageJson.text(l, "eu_goods_services_type_id");
    if (euType != null && !SandboxBusiness.EU_GOODS_SERVICES_TYPES.containsKey(euType)) {
      errors.add(SageError.notFound(p + "eu_goods_services_type_id"));
    }
    if (crossBorder) {
      if (!"GB_ZERO".equals(rateId)) {
        errors.add(
            SageError.invalid(
                p + "tax_rate_id",
                "Sales to a customer outside GB must use the zero rate (GB_ZERO)"));
      }
      if (euType == null) {
        errors.add(
            SageError.invalid(
                p + "eu_goods_services_type_id",
                "EU goods/services type can't be blank for a sale outside GB"));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    BigDecimal quantity =
        Optional.ofNullable(SageJson.decimal(l.get("quantity"))).orElse(BigDecimal.ONE);
    BigDecimal unitPrice = SageJson.decimal(l.get("unit_price"));
    BigDecimal gross = SageJson.round2(quantity.multiply(unitPrice));
    BigDecimal discount = SageJson.decimal(l.get("discount_amount"));
    BigDecimal pct = SageJson.decimal(l.get("discount_percentage"));
    if (discount == null) {
      discount =
          pct == null ? BigDecimal.ZERO : SageJson.round2(gross.multiply(pct).movePointLeft(2));
    }
    BigDecimal tax = rate.zeroType() || sentTax == null ? BigDecimal.ZERO : sentTax;
    BigDecimal net;
    BigDecimal total;
    if (l.path("unit_price_includes_tax").asBoolean(false)) {
      total = gross.subtract(discount);
      net = total.subtract(tax);
    } else {
      net = gross.subtract(discount);
      total = net.add(tax);
    }
    return new Line(l, item, ledger, rate, quantity, unitPrice, discount, net, tax, total);
  }

  private static ObjectNode lineJson(SandboxBusiness b, Line l, BigDecimal rate, Random random) {
    JsonNode s = l.source();
    String description = s.get("description").asText();
    ObjectNode o = SageJson.MAPPER.createObjectNode();
    o.put("id", SageJson.newId(random));
    o.put("displayed_as", description);
    o.put("description", description);
    CatalogItem item = l.item();
    o.set(
        "product",
        item == null || !item.kind.listedAsProduct()
            ? null
            : CatalogItems.link(item, CatalogItemKind.PRODUCT));
    o.set(
        "service",
        item == null || item.kind != CatalogItemKind.SERVICE
            ? null
            : CatalogItems.link(item, CatalogItemKind.SERVICE));
    o.set("ledger_account", b.ledgerAccountLink(l.ledger()));
    o.put("quantity", SageJson.money(l.quantity()));
    o.put("unit_price", SageJson.money(l.unitPrice()));
    o.put("net_amount", SageJson.money(l.net()));
    o.set("tax_rate", b.taxRateLink(l.taxRate().id()));
    o.put("tax_amount", SageJson.money(l.tax()));
    ArrayNode breakdown = o.putArray("tax_breakdown");
    ObjectNode bd = breakdown.addObject();
    bd.set("tax_rate", b.taxRateLink(l.taxRate().id()));
    bd.put("percentage", SageJson.money(l.taxRate().percentage()));
    bd.put("amount", SageJson.money(l.tax()));
    o.put("total_amount", SageJson.money(l.total()));
    o.put("unit_price_includes_tax", s.path("unit_price_includes_tax").asBoolean(false));
    o.put("discount_amount", SageJson.money(l.discount()));
    BigDecimal gross = l.net().add(l.discount());
    BigDecimal pct = SageJson.decimal(s.get("discount_percentage"));
    if (pct == null) {
      pct =
          gross.signum() == 0
              ? BigDecimal.ZERO
              : l.discount().movePointRight(2).divide(gross, 2, RoundingMode.HALF_UP);
    }
    o.put("discount_percentage", SageJson.money(pct));
    String eu = SageJson.text(s, "eu_goods_services_type_id");
    o.set(
        "eu_goods_services_type",
        eu == null
            ? null
            : SageJson.link(
                eu, SandboxBusiness.EU_GOODS_SERVICES_TYPES.get(eu), "eu_goods_services_types"));
    o.putNull("eu_sales_description");
    o.put("base_currency_unit_price", SageJson.money(SageJson.toBase(l.unitPrice(), rate)));
    o.put("base_currency_net_amount", SageJson.money(SageJson.toBase(l.net(), rate)));
    o.put("base_currency_tax_amount", SageJson.money(SageJson.toBase(l.tax(), rate)));
    o.put("base_currency_total_amount", SageJson.money(SageJson.toBase(l.total(), rate)));
    o.put("base_currency_discount_amount", SageJson.money(SageJson.toBase(l.discount(), rate)));
    return o;
  }

  private static ObjectNode invoiceAddress(JsonNode a, boolean fromContact) {
    ObjectNode o = SageJson.MAPPER.createObjectNode();
    for (String f : List.of("address_line_1", "address_line_2", "city", "postal_code", "region")) {
      o.put(f, SageJson.text(a, f));
    }
    String country =
        fromContact ? SageJson.text(a.path("country"), "id") : SageJson.text(a, "country_id");
    o.set("country", country == null ? null : SageJson.link(country, country, "countries"));
    String group = SageJson.text(a, "country_group_id");
    o.set("country_group", group == null ? null : SageJson.link(group, group, "country_groups"));
    return o;
  }

  private static BigDecimal[] zeros() {
    return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
  }
}
