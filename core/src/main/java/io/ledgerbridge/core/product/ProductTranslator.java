package io.ledgerbridge.core.product;

import io.ledgerbridge.core.canonical.CanonicalProduct;
import io.ledgerbridge.core.invoice.HtmlEntities;
import io.ledgerbridge.core.invoice.SageText;
import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.policy.SkipReason;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A store product as a Sage catalogue item (PRODUCT §1, SAGE §2.6). The rules, in this order:
 *
 * <ol>
 *   <li>{@code sync_products} false: skipped, {@code products_not_synced}.
 *   <li>The kind, by the store's product type: {@code simple} is a stock item when {@code
 *       sync_stock} is on and the store manages the product's stock, else a non-stock product;
 *       {@code virtual} and {@code downloadable} are services; {@code configurable}, {@code
 *       bundle}, {@code grouped} and any type the chassis does not know are skipped, {@code
 *       product_type_not_supported} (their sellable children are products of their own).
 *   <li>A product already in Sage keeps its kind: Sage cannot turn one kind into another. A product
 *       now a service that was synced as goods (or the reverse) is invalid, so no second item is
 *       created for it; a simple product whose stock handling changed stays the stock item or
 *       non-stock product it was created as, with a warning.
 *   <li>Products and stock items need {@code default_purchase_ledger_account_id} (invalid without).
 *   <li>Fields: the item code is the SKU, shortened by {@link ItemCodes} where the kind allows
 *       fewer characters (the full SKU then in the notes); the description is the name with HTML
 *       entities decoded, whitespace collapsed, at most 255 characters (the SKU when the name is
 *       blank); the sales price is the regular {@code price}, never {@code special_price}: a
 *       special price is a promotion with dates the store does not even send, and the invoice lines
 *       carry whatever the customer actually paid, so Sage's price list keeps the standing price;
 *       the cost price is {@code cost}; both at two decimals ({@link Amounts#ROUNDING}). Ledger
 *       accounts are the policy's default sales and purchase accounts; the sales tax rate is the
 *       policy's {@code product_tax_class_map} entry for the product's tax class, else {@code
 *       default_tax_rate_id}.
 *   <li>Stock, for a stock item when {@code sync_stock} is on and the store manages its stock and
 *       reports a quantity: the target level is the store's absolute quantity; a quantity below
 *       zero is clamped to zero (Sage allows no negative stock) with a warning.
 * </ol>
 */
public final class ProductTranslator {
  /** Longest description Sage takes. */
  public static final int MAX_DESCRIPTION = 255;

  private ProductTranslator() {}

  /**
   * @param existing the kind of the Sage item this product already has (its cross-reference), or
   *     null when it has none yet
   */
  public static ProductTranslation translate(
      CanonicalProduct product, SyncPolicy policy, CatalogItemKind existing) {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(policy, "policy");
    SyncPolicy.SyncBehaviour b = policy.behaviour();
    if (!b.syncProducts()) {
      return new ProductTranslation.Skip(
          SkipReason.PRODUCTS_NOT_SYNCED,
          "the policy does not sync products (sync_products is false)");
    }
    String type = product.productType().toLowerCase(Locale.ROOT);
    boolean stockManaged = b.syncStock() && product.manageStock();
    CatalogItemKind wanted;
    switch (type) {
      case CanonicalProduct.SIMPLE:
        wanted = stockManaged ? CatalogItemKind.STOCK_ITEM : CatalogItemKind.PRODUCT;
        break;
      case CanonicalProduct.VIRTUAL:
      case CanonicalProduct.DOWNLOADABLE:
        wanted = CatalogItemKind.SERVICE;
        break;
      default:
        return new ProductTranslation.Skip(
            SkipReason.PRODUCT_TYPE_NOT_SUPPORTED, unsupported(product, existing));
    }

    List<String> warnings = new ArrayList<>();
    CatalogItemKind kind = wanted;
    if (existing != null && existing != wanted) {
      if (existing.isGoods() != wanted.isGoods()) {
        return new ProductTranslation.Invalid(kindChanged(product, existing, wanted));
      }
      kind = existing;
      warnings.add(kindKept(existing, b.syncStock()));
    }

    String purchaseLedger = policy.mappings().defaultPurchaseLedgerAccountId();
    if (kind.isGoods() && (purchaseLedger == null || purchaseLedger.isBlank())) {
      return new ProductTranslation.Invalid(
          "default_purchase_ledger_account_id is not set in the policy this event was accepted"
              + " under; Sage needs a purchase ledger account for every "
              + kind.label()
              + ": set it and retry the run");
    }

    String sku = product.sku();
    String itemCode = ItemCodes.forSku(sku, kind.maxItemCode());
    String description = SageText.field(HtmlEntities.decode(product.name()), MAX_DESCRIPTION);
    if (description == null) {
      description = SageText.truncate(sku, MAX_DESCRIPTION);
    }
    String taxRate =
        product.taxClass() == null ? null : policy.productTaxClassMap().get(product.taxClass());
    SageCatalogItemDraft draft =
        new SageCatalogItemDraft(
            kind,
            itemCode,
            description,
            ItemCodes.notesFor(sku, itemCode),
            policy.defaultLedgerAccountId(),
            purchaseLedger == null || purchaseLedger.isBlank() ? null : purchaseLedger,
            taxRate != null ? taxRate : policy.defaultTaxRateId(),
            product.price() == null ? null : Amounts.round2(product.price()),
            null,
            product.cost() == null ? null : Amounts.round2(product.cost()));

    BigDecimal target = null;
    if (kind == CatalogItemKind.STOCK_ITEM && stockManaged) {
      if (product.stockQty() == null) {
        warnings.add(
            "stock_quantity_missing: the store reports no stock quantity, so the stock level is"
                + " left as it is");
      } else if (product.stockQty().signum() < 0) {
        target = BigDecimal.ZERO;
        warnings.add(
            "stock_below_zero_clamped: the store's quantity "
                + Amounts.quantity(product.stockQty()).toPlainString()
                + " is below zero; Sage allows no negative stock, so the target level is 0");
      } else {
        target = Amounts.quantity(product.stockQty());
      }
    }
    return new ProductTranslation.Item(draft, target, warnings);
  }

  private static String unsupported(CanonicalProduct product, CatalogItemKind existing) {
    String type = product.productType();
    String why =
        isComposite(type)
            ? "a "
                + type
                + " product has no Sage counterpart; its simple children sync on their own"
            : "the product type '" + type + "' has no Sage counterpart the chassis knows";
    return existing == null
        ? why
        : why + "; its Sage " + existing.label() + " from before is left as it is";
  }

  private static boolean isComposite(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return t.equals(CanonicalProduct.CONFIGURABLE)
        || t.equals(CanonicalProduct.BUNDLE)
        || t.equals(CanonicalProduct.GROUPED);
  }

  private static String kindChanged(
      CanonicalProduct product, CatalogItemKind existing, CatalogItemKind wanted) {
    return "product "
        + product.magentoId()
        + " (SKU '"
        + product.sku()
        + "') was synced to Sage as a "
        + existing.label()
        + ", but its store type is now '"
        + product.productType()
        + "', which Sage keeps as a "
        + wanted.label()
        + "; Sage cannot turn one kind of item into another, so nothing is created or changed."
        + " Restore the product's type in the store, or sell it as a new product with its own SKU";
  }

  private static String kindKept(CatalogItemKind existing, boolean syncStock) {
    if (existing == CatalogItemKind.STOCK_ITEM) {
      return "kind_kept: stays the Sage stock item it was created as; its stock level is not reconciled while "
          + (syncStock ? "the store does not manage the product's stock" : "sync_stock is off");
    }
    return "kind_kept: stays the non-stock Sage product it was created as (before its stock was synced):"
        + " Sage cannot turn a product into a stock item, so its stock is not synced";
  }
}
