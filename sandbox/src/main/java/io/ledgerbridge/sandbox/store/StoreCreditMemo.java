package io.ledgerbridge.sandbox.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A credit memo to raise in the sandbox store, in Magento's own terms (order currency amounts,
 * header discount &le; 0, item discounts positive, both adjustments stored positive: {@code
 * adjustmentPositive} is the "Adjustment Refund" added to the total, {@code adjustmentNegative} the
 * "Adjustment Fee" taken off it). Build with {@link #refunding(long, StoreInvoice)} for a memo
 * against an invoice, or {@link #builder()} for an offline refund created from an order with no
 * invoice in the store.
 *
 * <p>The order-side fields ({@code customer}, {@code billingAddress}, {@code shippingAddress},
 * {@code orderCreatedAt}) stand for the memo's order: the module builds the memo's {@code customer}
 * from them (WIRE §3.4, without the invoice-only address enrichment). {@code invoiceId} null is an
 * offline refund: no {@code invoice_id}, {@code invoice_increment_id} or {@code invoice_created_at}
 * on the wire.
 *
 * <p>Nullable fields are resolved when the memo is raised: {@code incrementId} (default {@code
 * %09d} of the memo id), {@code createdAt} (default the store clock), {@code orderCreatedAt} and
 * every comment's {@code createdAt} (default the memo's createdAt). {@code billingAddress}, {@code
 * shippingAddress} and {@code baseToOrderRate} may stay null.
 */
public record StoreCreditMemo(
    String incrementId,
    Long invoiceId,
    int websiteId,
    int storeId,
    String currency,
    StoreContact customer,
    StoreAddress billingAddress,
    StoreAddress shippingAddress,
    Instant orderCreatedAt,
    List<StoreLine> lines,
    BigDecimal subtotal,
    BigDecimal taxAmount,
    BigDecimal shippingAmount,
    BigDecimal shippingTaxAmount,
    BigDecimal discountAmount,
    BigDecimal adjustmentPositive,
    BigDecimal adjustmentNegative,
    BigDecimal grandTotal,
    List<Comment> comments,
    Instant createdAt,
    BigDecimal baseToOrderRate) {

  /** One {@code sales_creditmemo_comment} row. {@code body} may be empty; createdAt nullable. */
  public record Comment(String body, Instant createdAt) {
    public Comment {
      body = body == null ? "" : body;
    }
  }

  public StoreCreditMemo {
    if (invoiceId != null && invoiceId <= 0) {
      throw new IllegalArgumentException("invoiceId must be > 0 (or null for an offline refund)");
    }
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(customer, "customer");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(subtotal, "subtotal");
    Objects.requireNonNull(taxAmount, "taxAmount");
    Objects.requireNonNull(shippingAmount, "shippingAmount");
    Objects.requireNonNull(shippingTaxAmount, "shippingTaxAmount");
    Objects.requireNonNull(discountAmount, "discountAmount");
    Objects.requireNonNull(adjustmentPositive, "adjustmentPositive");
    Objects.requireNonNull(adjustmentNegative, "adjustmentNegative");
    Objects.requireNonNull(grandTotal, "grandTotal");
    comments = List.copyOf(Objects.requireNonNull(comments, "comments"));
  }

  /** An offline memo with no invoice: GBP, website 1, store 1, a guest buyer, rate 1, no lines. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A memo against invoice {@code invoiceId} (as raised in the store): its order's buyer,
   * addresses, currency, website, store and rate are copied; add lines with {@link
   * Builder#refundAll()}, {@link Builder#refundLine(String, String)} or {@link
   * Builder#line(StoreLine)}.
   */
  public static Builder refunding(long invoiceId, StoreInvoice invoice) {
    if (invoiceId <= 0) {
      throw new IllegalArgumentException("invoiceId must be > 0");
    }
    Builder b = new Builder();
    b.source = Objects.requireNonNull(invoice, "invoice");
    b.invoiceId = invoiceId;
    b.websiteId = invoice.websiteId();
    b.storeId = invoice.storeId();
    b.currency = invoice.currency();
    b.customer = invoice.customer();
    b.billingAddress = invoice.billingAddress();
    b.shippingAddress = invoice.shippingAddress();
    b.orderCreatedAt = invoice.createdAt();
    b.baseToOrderRate = invoice.baseToOrderRate();
    return b;
  }

  /**
   * The memo's reason as the module reads it: the first non-empty body in the order Magento loads
   * comments, which is {@code created_at} descending, so the newest non-empty comment. Comments
   * with the same {@code created_at} keep the order they were added in. Null when there is none.
   */
  public String reason() {
    Comment best = null;
    for (Comment c : comments) {
      if (c.body().isEmpty()) {
        continue;
      }
      if (best == null || isAfter(c.createdAt(), best.createdAt())) {
        best = c;
      }
    }
    return best == null ? null : best.body();
  }

  private static boolean isAfter(Instant a, Instant b) {
    return a != null && (b == null || a.isAfter(b));
  }

  /** This memo with identifiers and times resolved for entity id {@code id}. */
  StoreCreditMemo resolve(long id, Instant now) {
    Instant created = createdAt != null ? createdAt : now;
    List<Comment> resolved = new ArrayList<>();
    for (Comment c : comments) {
      resolved.add(new Comment(c.body(), c.createdAt() != null ? c.createdAt() : created));
    }
    return new StoreCreditMemo(
        incrementId != null ? incrementId : String.format("%09d", id),
        invoiceId,
        websiteId,
        storeId,
        currency,
        customer,
        billingAddress,
        shippingAddress,
        orderCreatedAt != null ? orderCreatedAt : created,
        lines,
        subtotal,
        taxAmount,
        shippingAmount,
        shippingTaxAmount,
        discountAmount,
        adjustmentPositive,
        adjustmentNegative,
        grandTotal,
        resolved,
        created,
        baseToOrderRate);
  }

  StoreCreditMemo withComment(Comment comment) {
    List<Comment> more = new ArrayList<>(comments);
    more.add(comment);
    return new StoreCreditMemo(
        incrementId,
        invoiceId,
        websiteId,
        storeId,
        currency,
        customer,
        billingAddress,
        shippingAddress,
        orderCreatedAt,
        lines,
        subtotal,
        taxAmount,
        shippingAmount,
        shippingTaxAmount,
        discountAmount,
        adjustmentPositive,
        adjustmentNegative,
        grandTotal,
        more,
        createdAt,
        baseToOrderRate);
  }

  /** Builder; totals are computed from the lines unless overridden with {@link #totals}. */
  public static final class Builder {
    private StoreInvoice source;
    private Long invoiceId;
    private String incrementId;
    private int websiteId = 1;
    private int storeId = 1;
    private String currency = "GBP";
    private StoreContact customer = StoreContact.guest("guest@example.com", "Guest", "Buyer");
    private StoreAddress billingAddress;
    private StoreAddress shippingAddress;
    private Instant orderCreatedAt;
    private final List<StoreLine> lines = new ArrayList<>();
    private BigDecimal subtotal;
    private BigDecimal taxAmount;
    private BigDecimal shippingAmount = BigDecimal.ZERO;
    private BigDecimal shippingTaxAmount = BigDecimal.ZERO;
    private BigDecimal discountAmount;
    private BigDecimal adjustmentPositive = BigDecimal.ZERO;
    private BigDecimal adjustmentNegative = BigDecimal.ZERO;
    private BigDecimal grandTotal;
    private final List<Comment> comments = new ArrayList<>();
    private Instant createdAt;
    private BigDecimal baseToOrderRate = BigDecimal.ONE;

    private Builder() {}

    /**
     * Keeps the order (buyer, addresses, currency) but drops the link to the invoice: an offline
     * refund created from the order, as Magento does for check / money order and bank transfer.
     */
    public Builder withoutInvoice() {
      this.invoiceId = null;
      return this;
    }

    /** Every line of the invoice at its full quantity, and the invoice's shipping and its tax. */
    public Builder refundAll() {
      StoreInvoice inv = requireSource();
      lines.addAll(inv.lines());
      this.shippingAmount = inv.shippingAmount();
      this.shippingTaxAmount = inv.shippingTaxAmount();
      return this;
    }

    /**
     * {@code qty} of the first invoice line with this sku. Row total, tax and discount are the
     * line's, pro rata, rounded to 2 dp half-up (Magento's {@code roundPrice}, without its rounding
     * deltas). Quantities refunded by earlier memos are not tracked.
     */
    public Builder refundLine(String sku, String qty) {
      StoreInvoice inv = requireSource();
      BigDecimal q = new BigDecimal(qty);
      StoreLine line =
          inv.lines().stream()
              .filter(l -> l.sku().equals(sku))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("the invoice has no line " + sku));
      if (q.signum() < 0 || q.compareTo(line.qty()) > 0) {
        throw new IllegalArgumentException("qty must be between 0 and " + line.qty());
      }
      if (q.compareTo(line.qty()) == 0) {
        lines.add(line);
        return this;
      }
      lines.add(
          new StoreLine(
              line.sku(),
              line.name(),
              q,
              line.unitPrice(),
              proRata(line.rowTotal(), q, line.qty()),
              proRata(line.taxAmount(), q, line.qty()),
              proRata(line.discountAmount(), q, line.qty()),
              line.productType()));
      return this;
    }

    private static BigDecimal proRata(BigDecimal amount, BigDecimal qty, BigDecimal of) {
      return amount.multiply(qty).divide(of, 2, RoundingMode.HALF_UP);
    }

    private StoreInvoice requireSource() {
      if (source == null) {
        throw new IllegalStateException("no invoice to refund: use StoreCreditMemo.refunding");
      }
      return source;
    }

    public Builder line(StoreLine value) {
      this.lines.add(Objects.requireNonNull(value, "line"));
      return this;
    }

    public Builder line(String sku, String name, String qty, String unitPrice, String tax) {
      return line(StoreLine.of(sku, name, qty, unitPrice, tax));
    }

    /** Shipping refunded, excluding tax, and its tax. */
    public Builder shipping(String amount, String tax) {
      this.shippingAmount = new BigDecimal(amount);
      this.shippingTaxAmount = new BigDecimal(tax);
      return this;
    }

    /** "Adjustment Refund": an extra amount refunded, added to the grand total (stored &ge; 0). */
    public Builder adjustmentPositive(String amount) {
      this.adjustmentPositive = new BigDecimal(amount);
      return this;
    }

    /** "Adjustment Fee": an amount kept back, taken off the grand total (stored &ge; 0). */
    public Builder adjustmentNegative(String amount) {
      this.adjustmentNegative = new BigDecimal(amount);
      return this;
    }

    /** A comment written with the memo (created at the memo's created_at). */
    public Builder comment(String body) {
      return comment(body, null);
    }

    /** A comment with its own created_at (null: the memo's created_at). */
    public Builder comment(String body, Instant at) {
      this.comments.add(new Comment(body, at));
      return this;
    }

    public Builder incrementId(String value) {
      this.incrementId = value;
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

    /** The order's buyer (a guest or a registered customer). */
    public Builder customer(StoreContact value) {
      this.customer = value;
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

    /** The order's created_at (a guest contact's created_at and updated_at). */
    public Builder orderCreatedAt(Instant value) {
      this.orderCreatedAt = value;
      return this;
    }

    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** The memo's own base_to_order_rate; null omits it. */
    public Builder baseToOrderRate(String value) {
      this.baseToOrderRate = value == null ? null : new BigDecimal(value);
      return this;
    }

    /** Header discount as Magento stores it (&le; 0). Default: minus the line discounts. */
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

    /**
     * Grand total = subtotal + tax (lines and shipping) + shipping + discount + adjustment refund
     * &minus; adjustment fee, as Magento's credit memo totals collect it.
     */
    public StoreCreditMemo build() {
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
      BigDecimal gt =
          grandTotal != null
              ? grandTotal
              : st.add(tax)
                  .add(shippingAmount)
                  .add(disc)
                  .add(adjustmentPositive)
                  .subtract(adjustmentNegative);
      return new StoreCreditMemo(
          incrementId,
          invoiceId,
          websiteId,
          storeId,
          currency,
          customer,
          billingAddress,
          shippingAddress,
          orderCreatedAt,
          lines,
          st,
          tax,
          shippingAmount,
          shippingTaxAmount,
          disc,
          adjustmentPositive,
          adjustmentNegative,
          gt,
          comments,
          createdAt,
          baseToOrderRate);
    }
  }
}
