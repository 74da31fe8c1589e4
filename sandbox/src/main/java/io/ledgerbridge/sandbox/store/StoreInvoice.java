package io.ledgerbridge.sandbox.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An invoice to raise in the sandbox store, in Magento's own terms (order currency amounts, header
 * discount &le; 0, item discounts positive). Build with {@link #builder()}. Nullable fields are
 * resolved when the invoice is raised: {@code incrementId}/{@code orderIncrementId} (default {@code
 * %09d} of the id), {@code orderId} (0 = same as the invoice id), {@code createdAt} (default the
 * store clock). {@code payment} null means the order has no payment row (the payment route then
 * answers 404); {@code billingAddress}, {@code shippingAddress} and {@code baseToOrderRate} are
 * omitted from the canonical JSON when null.
 */
public record StoreInvoice(
    String incrementId,
    long orderId,
    String orderIncrementId,
    int websiteId,
    int storeId,
    String currency,
    State state,
    StoreContact customer,
    List<StoreLine> lines,
    BigDecimal subtotal,
    BigDecimal taxAmount,
    BigDecimal shippingAmount,
    BigDecimal shippingTaxAmount,
    BigDecimal discountAmount,
    BigDecimal grandTotal,
    Instant createdAt,
    StorePayment payment,
    StoreAddress billingAddress,
    StoreAddress shippingAddress,
    BigDecimal baseToOrderRate) {

  /** Magento invoice states 1, 2, 3. */
  public enum State {
    OPEN("open"),
    PAID("paid"),
    CANCELLED("cancelled");

    private final String wire;

    State(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public StoreInvoice {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(customer, "customer");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(taxAmount, "taxAmount");
    Objects.requireNonNull(shippingAmount, "shippingAmount");
    Objects.requireNonNull(shippingTaxAmount, "shippingTaxAmount");
    Objects.requireNonNull(discountAmount, "discountAmount");
    Objects.requireNonNull(grandTotal, "grandTotal");
    if (orderId < 0) {
      throw new IllegalArgumentException("orderId must be >= 0");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The order payment's method code; null when the order has no payment row. */
  public String paymentMethod() {
    return payment == null ? null : payment.method();
  }

  /** The order payment's PO number; null when absent or when there is no payment row. */
  public String poNumber() {
    return payment == null ? null : payment.poNumber();
  }

  /** This invoice with identifiers and creation time resolved for entity id {@code id}. */
  StoreInvoice resolve(long id, Instant now) {
    String inc = incrementId != null ? incrementId : String.format("%09d", id);
    long oid = orderId > 0 ? orderId : id;
    String oinc = orderIncrementId != null ? orderIncrementId : String.format("%09d", oid);
    return new StoreInvoice(
        inc,
        oid,
        oinc,
        websiteId,
        storeId,
        currency,
        state,
        customer,
        lines,
        subtotal,
        taxAmount,
        shippingAmount,
        shippingTaxAmount,
        discountAmount,
        grandTotal,
        createdAt != null ? createdAt : now,
        payment,
        billingAddress,
        shippingAddress,
        baseToOrderRate);
  }

  /** This invoice in another state (e.g. raised already paid). */
  public StoreInvoice withState(State newState) {
    return new StoreInvoice(
        incrementId,
        orderId,
        orderIncrementId,
        websiteId,
        storeId,
        currency,
        newState,
        customer,
        lines,
        subtotal,
        taxAmount,
        shippingAmount,
        shippingTaxAmount,
        discountAmount,
        grandTotal,
        createdAt,
        payment,
        billingAddress,
        shippingAddress,
        baseToOrderRate);
  }

  /** Builder with demo-friendly defaults: GBP, website 1, store 1, open, guest buyer, checkmo. */
  public static final class Builder {
    private String incrementId;
    private long orderId;
    private String orderIncrementId;
    private int websiteId = 1;
    private int storeId = 1;
    private String currency = "GBP";
    private State state = State.OPEN;
    private StoreContact customer = StoreContact.guest("guest@example.com", "Guest", "Buyer");
    private final List<StoreLine> lines = new ArrayList<>();
    private BigDecimal subtotal;
    private BigDecimal taxAmount;
    private BigDecimal shippingAmount = BigDecimal.ZERO;
    private BigDecimal shippingTaxAmount = BigDecimal.ZERO;
    private BigDecimal discountAmount;
    private BigDecimal grandTotal;
    private Instant createdAt;
    private StorePayment payment = StorePayment.of("checkmo");
    private StoreAddress billingAddress;
    private StoreAddress shippingAddress;
    private BigDecimal baseToOrderRate = BigDecimal.ONE;

    private Builder() {}

    public Builder incrementId(String value) {
      this.incrementId = value;
      return this;
    }

    public Builder order(long id, String incrementIdOfOrder) {
      this.orderId = id;
      this.orderIncrementId = incrementIdOfOrder;
      return this;
    }

    public Builder websiteId(int value) {
      this.websiteId = value;
      return this;
    }

    public Builder storeId(int value) {
      this.storeId = value;
      return this;
    }

    public Builder currency(String value) {
      this.currency = value;
      return this;
    }

    public Builder state(State value) {
      this.state = value;
      return this;
    }

    public Builder paid() {
      return state(State.PAID);
    }

    public Builder customer(StoreContact value) {
      this.customer = value;
      return this;
    }

    public Builder line(StoreLine value) {
      this.lines.add(value);
      return this;
    }

    public Builder line(String sku, String name, String qty, String unitPrice, String tax) {
      return line(StoreLine.of(sku, name, qty, unitPrice, tax));
    }

    /** Shipping excluding tax, and its tax. */
    public Builder shipping(String amount, String tax) {
      this.shippingAmount = new BigDecimal(amount);
      this.shippingTaxAmount = new BigDecimal(tax);
      return this;
    }

    /**
     * Header discount as Magento stores it (normally &le; 0). Default: minus the line discounts.
     */
    public Builder discount(String amount) {
      this.discountAmount = new BigDecimal(amount);
      return this;
    }

    /** Overrides the computed totals (e.g. to simulate inconsistent store data). */
    public Builder totals(String subtotalValue, String taxValue, String grandTotalValue) {
      this.subtotal = new BigDecimal(subtotalValue);
      this.taxAmount = new BigDecimal(taxValue);
      this.grandTotal = new BigDecimal(grandTotalValue);
      return this;
    }

    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /**
     * The order payment's method code ({@code ""} is a payment row without a method); null removes
     * the payment row altogether (see {@link #noPayment()}).
     */
    public Builder paymentMethod(String value) {
      if (value == null) {
        return noPayment();
      }
      this.payment =
          payment == null
              ? StorePayment.of(value)
              : new StorePayment(
                  value,
                  payment.poNumber(),
                  payment.lastTransId(),
                  payment.additionalInformation());
      return this;
    }

    /** The order has no payment row: no payment_method or po_number, and the payment route 404s. */
    public Builder noPayment() {
      this.payment = null;
      return this;
    }

    /** The whole order payment row; null is {@link #noPayment()}. */
    public Builder payment(StorePayment value) {
      this.payment = value;
      return this;
    }

    /** The gateway transaction id ({@code last_trans_id}) on the order payment. */
    public Builder gatewayTxnId(String value) {
      this.payment = requirePayment().withLastTransId(value);
      return this;
    }

    /** One more {@code additional_information} entry on the order payment (any PHP value). */
    public Builder additionalInformation(String key, Object value) {
      this.payment = requirePayment().withAdditionalInformation(key, value);
      return this;
    }

    public Builder billingAddress(StoreAddress value) {
      this.billingAddress = value;
      return this;
    }

    public Builder shippingAddress(StoreAddress value) {
      this.shippingAddress = value;
      return this;
    }

    /** The order payment's PO number (purchase-order method). */
    public Builder poNumber(String value) {
      this.payment = requirePayment().withPoNumber(value);
      return this;
    }

    private StorePayment requirePayment() {
      if (payment == null) {
        throw new IllegalStateException("the order has no payment row: set paymentMethod first");
      }
      return payment;
    }

    /** Invoice base_to_order_rate; null omits it. */
    public Builder baseToOrderRate(String value) {
      this.baseToOrderRate = value == null ? null : new BigDecimal(value);
      return this;
    }

    public StoreInvoice build() {
      BigDecimal sub = BigDecimal.ZERO;
      BigDecimal lineTax = BigDecimal.ZERO;
      BigDecimal lineDiscount = BigDecimal.ZERO;
      for (StoreLine l : lines) {
        sub = sub.add(l.rowTotal());
        lineTax = lineTax.add(l.taxAmount());
        lineDiscount = lineDiscount.add(l.discountAmount());
      }
      BigDecimal disc = discountAmount != null ? discountAmount : lineDiscount.negate();
      BigDecimal st = subtotal != null ? subtotal : sub;
      BigDecimal tax = taxAmount != null ? taxAmount : lineTax.add(shippingTaxAmount);
      BigDecimal gt = grandTotal != null ? grandTotal : st.add(tax).add(shippingAmount).add(disc);
      return new StoreInvoice(
          incrementId,
          orderId,
          orderIncrementId,
          websiteId,
          storeId,
          currency,
          state,
          customer,
          lines,
          st,
          tax,
          shippingAmount,
          shippingTaxAmount,
          disc,
          gt,
          createdAt,
          payment,
          billingAddress,
          shippingAddress,
          baseToOrderRate);
    }
  }
}
