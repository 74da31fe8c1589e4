package io.ledgerbridge.sandbox.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders the canonical GET bodies (WIRE §3) and Magento error bodies (WIRE §1A) byte-compatible
 * with Magento's REST renderer: interface declaration order, nullable keys omitted, PHP floats.
 */
final class CanonicalJson {

  static final DateTimeFormatter ISO_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter GMDATE_C =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private CanonicalJson() {}

  /** Amounts are PHP floats on the wire: {@code (float)"23.9900"}. */
  static double phpFloat(BigDecimal amount) {
    return amount.doubleValue();
  }

  static String invoice(long id, StoreInvoice inv, Customers customers) {
    PhpJson j = PhpJson.standard();
    j.beginObject();
    j.name("magento_id").value(id);
    j.name("increment_id").value(inv.incrementId());
    j.name("order_id").value(inv.orderId());
    j.name("order_increment_id").value(inv.orderIncrementId());
    j.name("website_id").value(inv.websiteId());
    j.name("store_id").value(inv.storeId());
    j.name("currency").value(inv.currency());
    j.name("state").value(inv.state().wire());
    j.name("customer");
    orderCustomer(
        j,
        inv.customer(),
        inv.billingAddress(),
        inv.shippingAddress(),
        inv.createdAt(),
        true,
        customers);
    j.name("lines").beginArray();
    for (StoreLine line : inv.lines()) {
      line(j, line);
    }
    j.endArray();
    j.name("subtotal").value(phpFloat(inv.subtotal()));
    j.name("tax_amount").value(phpFloat(inv.taxAmount()));
    j.name("shipping_amount").value(phpFloat(inv.shippingAmount()));
    j.name("shipping_tax_amount").value(phpFloat(inv.shippingTaxAmount()));
    j.name("discount_amount").value(phpFloat(inv.discountAmount()));
    j.name("grand_total").value(phpFloat(inv.grandTotal()));
    j.name("created_at").value(isoOrEmpty(inv.createdAt()));
    j.optional("payment_method", emptyToNull(inv.paymentMethod()));
    if (inv.billingAddress() != null) {
      j.name("billing_address");
      address(j, "billing", inv.billingAddress());
    }
    if (inv.shippingAddress() != null) {
      j.name("shipping_address");
      address(j, "shipping", inv.shippingAddress());
    }
    j.optional("po_number", emptyToNull(inv.poNumber()));
    if (inv.baseToOrderRate() != null) {
      j.name("base_to_order_rate").value(phpFloat(inv.baseToOrderRate()));
    }
    j.endObject();
    return j.toString();
  }

  /**
   * WIRE §3.6: the payment of an invoice whose order has a payment row (magento_id = invoice id,
   * amount = grand_total, captured_at = invoice created_at, gateway_txn_id = last_trans_id when
   * non-empty, gateway_metadata = the values of additional_information).
   */
  static String payment(long invoiceId, StoreInvoice inv) {
    StorePayment p = inv.payment();
    PhpJson j = PhpJson.standard();
    j.beginObject();
    j.name("magento_id").value(invoiceId);
    j.name("invoice_id").value(invoiceId);
    j.name("invoice_increment_id").value(inv.incrementId());
    j.name("method").value(p.method());
    j.name("currency").value(inv.currency());
    j.name("amount").value(phpFloat(inv.grandTotal()));
    j.name("captured_at").value(isoOrEmpty(inv.createdAt()));
    j.optional("gateway_txn_id", emptyToNull(p.lastTransId()));
    j.name("gateway_metadata");
    gatewayMetadata(j, p);
    j.endObject();
    return j.toString();
  }

  /**
   * The getter is typed plain {@code array}, so Magento's output processor keeps only the values (a
   * JSON list) and turns each nested array into a JSON string of its {@code json_encode}; scalars
   * and null pass unchanged (WIRE §3.6, DataObjectProcessor + TypeCaster).
   */
  private static void gatewayMetadata(PhpJson j, StorePayment p) {
    j.beginArray();
    for (Object v : p.additionalInformation().values()) {
      if (v instanceof java.util.List<?> || v instanceof java.util.Map<?, ?>) {
        j.value(PhpJson.standard().phpValue(v).toString());
      } else {
        j.phpValue(v);
      }
    }
    j.endArray();
  }

  /**
   * WIRE §3.5: a credit memo; {@code parent} is its invoice (null for an offline refund, whose
   * invoice keys are then absent). The customer is §3.4 without the invoice-only enrichment.
   */
  static String creditMemo(
      long id, StoreCreditMemo memo, StoreInvoice parent, Customers customers) {
    PhpJson j = PhpJson.standard();
    j.beginObject();
    j.name("magento_id").value(id);
    j.name("increment_id").value(memo.incrementId());
    if (parent != null) {
      j.name("invoice_id").value(memo.invoiceId());
      j.name("invoice_increment_id").value(parent.incrementId());
    }
    j.name("website_id").value(memo.websiteId());
    j.name("currency").value(memo.currency());
    j.name("customer");
    orderCustomer(
        j,
        memo.customer(),
        memo.billingAddress(),
        memo.shippingAddress(),
        memo.orderCreatedAt(),
        false,
        customers);
    j.name("lines").beginArray();
    for (StoreLine line : memo.lines()) {
      line(j, line);
    }
    j.endArray();
    j.name("adjustment_positive").value(phpFloat(memo.adjustmentPositive()));
    j.name("adjustment_negative").value(phpFloat(memo.adjustmentNegative()));
    j.name("grand_total").value(phpFloat(memo.grandTotal()));
    j.name("shipping_amount").value(phpFloat(memo.shippingAmount()));
    j.name("shipping_tax_amount").value(phpFloat(memo.shippingTaxAmount()));
    j.optional("reason", memo.reason());
    j.name("created_at").value(isoOrEmpty(memo.createdAt()));
    if (parent != null) {
      j.name("invoice_created_at").value(isoOrEmpty(parent.createdAt()));
    }
    if (memo.baseToOrderRate() != null) {
      j.name("base_to_order_rate").value(phpFloat(memo.baseToOrderRate()));
    }
    j.endObject();
    return j.toString();
  }

  /**
   * WIRE §3.7: {@code GET /V1/byte8/product/{id}} (ProductRepository::get): amounts as PHP floats
   * and omitted when null, {@code stock_qty} from the default stock item (omitted without a stock
   * item or qty), {@code manage_stock} false without a stock item, {@code tax_class} the tax class
   * id as a string, {@code special_price} whatever its dates say.
   */
  static String product(StoreProduct p) {
    StoreProduct.StockItem stock = p.stockItem();
    PhpJson j = PhpJson.standard();
    j.beginObject();
    j.name("magento_id").value(p.id());
    j.name("sku").value(p.sku());
    j.name("name").value(p.name());
    j.name("product_type").value(p.typeId());
    optionalFloat(j, "price", p.price());
    optionalFloat(j, "special_price", p.specialPrice());
    optionalFloat(j, "cost", p.cost());
    optionalFloat(j, "weight", p.weight());
    optionalFloat(j, "stock_qty", stock == null ? null : stock.qty());
    j.name("manage_stock").value(stock != null && stock.manageStock());
    j.optional("tax_class", p.taxClassId() == null ? null : String.valueOf(p.taxClassId()));
    j.name("website_ids").beginArray();
    for (int websiteId : p.websiteIds()) {
      j.value(websiteId);
    }
    j.endArray();
    j.optional("created_at", p.createdAt() == null ? null : ISO_Z.format(p.createdAt()));
    j.optional("updated_at", p.updatedAt() == null ? null : ISO_Z.format(p.updatedAt()));
    j.endObject();
    return j.toString();
  }

  private static void optionalFloat(PhpJson j, String name, BigDecimal amount) {
    if (amount != null) {
      j.name(name).value(phpFloat(amount));
    }
  }

  static String isoOrEmpty(Instant t) {
    return t == null ? "" : ISO_Z.format(t);
  }

  static void line(PhpJson j, StoreLine line) {
    double rowTotal = phpFloat(line.rowTotal());
    double tax = phpFloat(line.taxAmount());
    double discount = phpFloat(line.discountAmount());
    j.beginObject();
    j.name("sku").value(line.sku());
    j.name("name").value(line.name());
    j.name("qty").value(phpFloat(line.qty()));
    j.name("unit_price").value(phpFloat(line.unitPrice()));
    j.name("line_subtotal").value(rowTotal);
    j.name("line_tax").value(tax);
    // PHP float arithmetic on purpose: the module computes this with floats (WIRE §3.2, §9.4).
    j.name("line_total").value(rowTotal + tax - discount);
    if (tax > 0 && rowTotal > 0) {
      double ratio = tax / rowTotal;
      j.name("tax_rate")
          .value(BigDecimal.valueOf(ratio).setScale(4, RoundingMode.HALF_UP).doubleValue());
    }
    // tax_class is always null in the module, so it never appears.
    j.optional("product_type", emptyToNull(line.productType()));
    j.endObject();
  }

  /**
   * The store's customer accounts and their orders, read when a canonical body is rendered, as the
   * module's repositories load the customer (and its most recent order) on every GET.
   */
  interface Customers {
    Optional<StoreCustomer> find(long customerId);

    /** The addresses of the customer's most recent order (created_at descending), if any. */
    Optional<OrderAddresses> mostRecentOrder(long customerId);
  }

  /** An order's billing and shipping address (either may be null). */
  record OrderAddresses(StoreAddress billing, StoreAddress shipping) {}

  /** WIRE §3.3: {@code GET /V1/byte8/customer/{id}} (ContactRepository::get). */
  static String customer(StoreCustomer c, Customers customers) {
    PhpJson j = PhpJson.standard();
    profileContact(j, c, profile(c, customers.mostRecentOrder(c.id())));
    return j.toString();
  }

  /** A contact's kinds and addresses in emission order, with its company and phone. */
  private static final class ContactParts {
    final List<String> kinds = new ArrayList<>();
    final List<StoreAddress> addresses = new ArrayList<>();
    String company;
    String phone;

    void add(String kind, StoreAddress a) {
      kinds.add(kind);
      addresses.add(a);
    }
  }

  /**
   * ContactRepository::toCanonical: one entry per default flag in address-book order (billing
   * before shipping within one address); with none, the customer's most recent order supplies
   * billing, shipping, company and a fallback phone. The phone is the default billing address's
   * telephone when there is a default billing address (even an empty one, which gives no phone and
   * no fallback), else the first non-empty telephone in the address book, else the order's.
   */
  private static ContactParts profile(StoreCustomer c, Optional<OrderAddresses> mostRecentOrder) {
    ContactParts p = new ContactParts();
    for (int i = 0; i < c.addresses().size(); i++) {
      if (Integer.valueOf(i).equals(c.defaultBilling())) {
        p.add("billing", c.addresses().get(i));
      }
      if (Integer.valueOf(i).equals(c.defaultShipping())) {
        p.add("shipping", c.addresses().get(i));
      }
    }
    String phoneFromOrder = null;
    if (p.addresses.isEmpty() && mostRecentOrder.isPresent()) {
      StoreAddress billing = mostRecentOrder.get().billing();
      StoreAddress shipping = mostRecentOrder.get().shipping();
      if (billing != null) {
        p.add("billing", billing);
        p.company = emptyToNull(billing.company());
        phoneFromOrder = emptyToNull(billing.telephone());
      }
      if (shipping != null) {
        p.add("shipping", shipping); // order address rows are distinct from the billing row
      }
    }
    String phone;
    if (c.defaultBilling() != null) {
      phone = emptyToNull(c.defaultBillingAddress().telephone());
    } else {
      phone = null;
      for (StoreAddress a : c.addresses()) {
        if (emptyToNull(a.telephone()) != null) {
          phone = a.telephone();
          break;
        }
      }
    }
    p.phone = phone != null ? phone : phoneFromOrder;
    return p;
  }

  /**
   * InvoiceRepository::ensureInvoiceableAddresses: the order's billing and shipping address are
   * appended when the contact lacks that kind; when anything was appended, a missing company and
   * phone fall back to the order's billing address.
   */
  private static void enrichFromOrder(ContactParts p, StoreAddress billing, StoreAddress shipping) {
    boolean hasBilling = p.kinds.contains("billing");
    boolean hasShipping = p.kinds.contains("shipping");
    if (hasBilling && hasShipping) {
      return;
    }
    boolean appended = false;
    if (!hasBilling && billing != null) {
      p.add("billing", billing);
      appended = true;
    }
    if (!hasShipping && shipping != null) {
      p.add("shipping", shipping);
      appended = true;
    }
    if (appended && billing != null) {
      if (p.company == null) {
        p.company = emptyToNull(billing.company());
      }
      if (p.phone == null) {
        p.phone = emptyToNull(billing.telephone());
      }
    }
  }

  private static void profileContact(PhpJson j, StoreCustomer c, ContactParts p) {
    contact(
        j,
        c.id(),
        c.email(),
        c.firstName(),
        c.lastName(),
        p.company,
        p.phone,
        c.websiteId(),
        c.groupId(),
        p.kinds,
        p.addresses,
        c.createdAt() == null ? null : ISO_Z.format(c.createdAt()),
        c.updatedAt() == null ? null : ISO_Z.format(c.updatedAt()));
  }

  /**
   * WIRE §3.4: the customer of an invoice or credit memo, from its order. A registered buyer whose
   * account the store has is rendered from that account as it is now (with the most-recent-order
   * fallback); {@code enrich} then adds the order addresses the contact lacks, as the invoice
   * repository (and only it) does. A guest, or a registered buyer whose account was deleted, is the
   * synthetic contact built from the order ({@code c} holds the order's customer fields).
   */
  private static void orderCustomer(
      PhpJson j,
      StoreContact c,
      StoreAddress orderBilling,
      StoreAddress orderShipping,
      Instant orderCreatedAt,
      boolean enrich,
      Customers customers) {
    if (!c.isGuest()) {
      Optional<StoreCustomer> account = customers.find(c.magentoId());
      if (account.isPresent()) {
        ContactParts p = profile(account.get(), customers.mostRecentOrder(account.get().id()));
        if (enrich) {
          enrichFromOrder(p, orderBilling, orderShipping);
        }
        profileContact(j, account.get(), p);
        return;
      }
    }
    List<String> kinds = new ArrayList<>();
    List<StoreAddress> addresses = new ArrayList<>();
    String company = null;
    String phone = null;
    String orderCreated = isoOrEmpty(orderCreatedAt);
    if (orderBilling != null) {
      company = emptyToNull(orderBilling.company());
      phone = emptyToNull(orderBilling.telephone());
      kinds.add("billing");
      addresses.add(orderBilling);
    }
    if (orderShipping != null) {
      kinds.add("shipping");
      addresses.add(orderShipping);
    }
    contact(
        j,
        0,
        c.email(),
        c.firstName(),
        c.lastName(),
        company,
        phone,
        0,
        null,
        kinds,
        addresses,
        orderCreated,
        orderCreated);
  }

  private static void contact(
      PhpJson j,
      long id,
      String email,
      String firstName,
      String lastName,
      String company,
      String phone,
      int websiteId,
      Integer groupId,
      List<String> kinds,
      List<StoreAddress> addresses,
      String createdAt,
      String updatedAt) {
    j.beginObject();
    j.name("magento_id").value(id);
    j.name("email").value(email);
    j.optional("first_name", emptyToNull(firstName));
    j.optional("last_name", emptyToNull(lastName));
    j.optional("company", company);
    j.optional("phone", phone);
    j.name("website_id").value(websiteId);
    j.optional("group_id", groupId == null ? null : Long.valueOf(groupId));
    j.name("addresses").beginArray();
    for (int i = 0; i < addresses.size(); i++) {
      address(j, kinds.get(i), addresses.get(i));
    }
    j.endArray();
    j.optional("created_at", createdAt);
    j.optional("updated_at", updatedAt);
    j.endObject();
  }

  private static void address(PhpJson j, String kind, StoreAddress a) {
    j.beginObject();
    j.name("kind").value(kind);
    j.name("street").beginArray();
    for (String s : a.street()) {
      if (s != null && !s.isEmpty()) {
        j.value(s);
      }
    }
    j.endArray();
    j.name("city").value(a.city());
    j.optional("region", a.region());
    j.optional("postcode", a.postcode());
    j.name("country_id").value(a.countryId());
    j.optional("telephone", a.telephone());
    j.endObject();
  }

  static String ping(String tenantId, Instant now) {
    PhpJson j = PhpJson.standard();
    j.beginArray().value(true).value(tenantId).value(GMDATE_C.format(now)).endArray();
    return j.toString();
  }

  static String message(String message) {
    return PhpJson.standard().beginObject().name("message").value(message).endObject().toString();
  }

  static String messageWithPositional(String message, String... parameters) {
    PhpJson j = PhpJson.standard();
    j.beginObject().name("message").value(message).name("parameters").beginArray();
    for (String p : parameters) {
      j.value(p);
    }
    return j.endArray().endObject().toString();
  }

  static String messageWithNamed(String message, String... namesAndValues) {
    PhpJson j = PhpJson.standard();
    j.beginObject().name("message").value(message).name("parameters").beginObject();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      j.name(namesAndValues[i]).value(namesAndValues[i + 1]);
    }
    return j.endObject().endObject().toString();
  }

  static String unauthorized() {
    return messageWithNamed(
        "The consumer isn't authorized to access %resources.",
        "resources", "Byte8_Client::byte8_webapi");
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
