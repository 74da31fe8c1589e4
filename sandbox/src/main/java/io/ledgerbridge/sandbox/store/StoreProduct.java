package io.ledgerbridge.sandbox.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A catalogue product in the sandbox store, in Magento's own terms, as {@code GET
 * /rest/V1/byte8/product/{id}} reads it (WIRE §3.7). Build with {@link #builder()} (or {@link
 * #toBuilder()} to edit a saved one) and save with {@link SandboxStore#saveProduct}; change its
 * stock with {@link SandboxStore#setStockQty}.
 *
 * <p>{@code typeId} is Magento's type code, sent verbatim ({@link #SIMPLE}, {@link #VIRTUAL},
 * {@link #DOWNLOADABLE}, {@link #CONFIGURABLE}, {@link #BUNDLE}, {@link #GROUPED}, or any other
 * code a third-party type uses). {@code taxClassId} is the product's tax class id (Magento's
 * default "Taxable Goods" is 2, "None" is 0); the wire carries it as a string. {@code stockItem}
 * null means the product has no stock item row: no {@code stock_qty} on the wire and {@code
 * manage_stock} false. {@code websiteIds} is kept ascending and without repeats, as Magento reads
 * {@code catalog_product_website}.
 *
 * <p>Kept as Magento keeps them but not serialised by the module: {@code status}, {@code
 * specialFromDate} and {@code specialToDate} (the module sends {@code special_price} whatever its
 * dates say). Nullable: price, specialPrice, specialFromDate, specialToDate, cost, weight,
 * taxClassId, stockItem, createdAt, updatedAt. {@code id} 0 means "not saved yet": {@link
 * SandboxStore#saveProduct} assigns the next id.
 */
public record StoreProduct(
    long id,
    String sku,
    String name,
    String typeId,
    Status status,
    BigDecimal price,
    BigDecimal specialPrice,
    LocalDate specialFromDate,
    LocalDate specialToDate,
    BigDecimal cost,
    BigDecimal weight,
    Integer taxClassId,
    StockItem stockItem,
    List<Integer> websiteIds,
    Instant createdAt,
    Instant updatedAt) {

  public static final String SIMPLE = "simple";
  public static final String VIRTUAL = "virtual";
  public static final String DOWNLOADABLE = "downloadable";
  public static final String CONFIGURABLE = "configurable";
  public static final String BUNDLE = "bundle";
  public static final String GROUPED = "grouped";

  /** Magento's product status attribute: 1 enabled, 2 disabled. */
  public enum Status {
    ENABLED,
    DISABLED
  }

  /**
   * The product's row in {@code cataloginventory_stock_item} (default stock), with {@code
   * manage_stock} as the item resolves it (its own flag, or the store's "Manage Stock" setting when
   * it uses the config value). {@code qty} may be null (then no {@code stock_qty} on the wire).
   */
  public record StockItem(BigDecimal qty, boolean manageStock) {
    /** A managed stock item holding {@code qty}. */
    public static StockItem managed(String qty) {
      return new StockItem(new BigDecimal(qty), true);
    }

    public StockItem withQty(BigDecimal newQty) {
      return new StockItem(newQty, manageStock);
    }
  }

  public StoreProduct {
    if (id < 0) {
      throw new IllegalArgumentException("id must be >= 0");
    }
    Objects.requireNonNull(sku, "sku");
    name = name == null ? "" : name;
    Objects.requireNonNull(typeId, "typeId");
    Objects.requireNonNull(status, "status");
    websiteIds = List.copyOf(new TreeSet<>(Objects.requireNonNull(websiteIds, "websiteIds")));
  }

  /**
   * A new enabled simple product in website 1 with tax class 2 ("Taxable Goods"), no price and no
   * stock item.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this product, for an edit. {@code updatedAt} is not carried over, so the save
   * stamps the store clock's time as Magento's {@code updated_at} column does.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.sku = sku;
    b.name = name;
    b.typeId = typeId;
    b.status = status;
    b.price = price;
    b.specialPrice = specialPrice;
    b.specialFromDate = specialFromDate;
    b.specialToDate = specialToDate;
    b.cost = cost;
    b.weight = weight;
    b.taxClassId = taxClassId;
    b.stockItem = stockItem;
    b.websiteIds = websiteIds;
    b.createdAt = createdAt;
    return b;
  }

  /** This product saved as {@code newId} at {@code now}, keeping {@code created} when it is set. */
  StoreProduct resolve(long newId, Instant created, Instant now) {
    return new StoreProduct(
        newId,
        sku,
        name,
        typeId,
        status,
        price,
        specialPrice,
        specialFromDate,
        specialToDate,
        cost,
        weight,
        taxClassId,
        stockItem,
        websiteIds,
        createdAt != null ? createdAt : created != null ? created : now,
        updatedAt != null ? updatedAt : now);
  }

  /** This product with another stock item (a stock save leaves the product row alone). */
  StoreProduct withStockItem(StockItem item) {
    return new StoreProduct(
        id,
        sku,
        name,
        typeId,
        status,
        price,
        specialPrice,
        specialFromDate,
        specialToDate,
        cost,
        weight,
        taxClassId,
        item,
        websiteIds,
        createdAt,
        updatedAt);
  }

  /** Builder; see {@link StoreProduct} for the fields. Amounts are decimal strings. */
  public static final class Builder {
    private long id;
    private String sku;
    private String name;
    private String typeId = SIMPLE;
    private Status status = Status.ENABLED;
    private BigDecimal price;
    private BigDecimal specialPrice;
    private LocalDate specialFromDate;
    private LocalDate specialToDate;
    private BigDecimal cost;
    private BigDecimal weight;
    private Integer taxClassId = 2;
    private StockItem stockItem;
    private List<Integer> websiteIds = List.of(1);
    private Instant createdAt;
    private Instant updatedAt;

    private Builder() {}

    /** The entity id to save as; 0 (the default) lets the store assign the next one. */
    public Builder id(long value) {
      this.id = value;
      return this;
    }

    public Builder sku(String value) {
      this.sku = value;
      return this;
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** Magento's type code, e.g. {@link StoreProduct#VIRTUAL}. */
    public Builder type(String value) {
      this.typeId = value;
      return this;
    }

    public Builder status(Status value) {
      this.status = value;
      return this;
    }

    /** The regular price; null (a composite parent's) omits {@code price}. */
    public Builder price(String value) {
      this.price = decimal(value);
      return this;
    }

    /** A special price, valid from {@code from} to {@code to} (either null: open-ended). */
    public Builder specialPrice(String value, LocalDate from, LocalDate to) {
      this.specialPrice = decimal(value);
      this.specialFromDate = from;
      this.specialToDate = to;
      return this;
    }

    public Builder cost(String value) {
      this.cost = decimal(value);
      return this;
    }

    public Builder weight(String value) {
      this.weight = decimal(value);
      return this;
    }

    /** The tax class id; null (no tax class) omits {@code tax_class}. */
    public Builder taxClassId(Integer value) {
      this.taxClassId = value;
      return this;
    }

    /** A managed stock item holding {@code qty}. */
    public Builder stockQty(String qty) {
      this.stockItem = StockItem.managed(qty);
      return this;
    }

    /** The whole stock item; null removes it (no stock item row). */
    public Builder stockItem(StockItem value) {
      this.stockItem = value;
      return this;
    }

    /** No stock item row (as for many composite products). */
    public Builder noStockItem() {
      this.stockItem = null;
      return this;
    }

    public Builder websiteIds(Integer... ids) {
      this.websiteIds = List.of(ids);
      return this;
    }

    /** {@code created_at}; default: kept on an edit, the store clock for a new product. */
    public Builder createdAt(Instant value) {
      this.createdAt = value;
      return this;
    }

    /** {@code updated_at}; default: the store clock's time of the save. */
    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    private static BigDecimal decimal(String value) {
      return value == null ? null : new BigDecimal(value);
    }

    public StoreProduct build() {
      if (sku == null || sku.isEmpty()) {
        throw new IllegalStateException("a product needs a sku");
      }
      return new StoreProduct(
          id,
          sku,
          name,
          typeId,
          status,
          price,
          specialPrice,
          specialFromDate,
          specialToDate,
          cost,
          weight,
          taxClassId,
          stockItem,
          websiteIds,
          createdAt,
          updatedAt);
    }
  }
}
