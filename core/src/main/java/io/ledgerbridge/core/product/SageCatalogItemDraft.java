package io.ledgerbridge.core.product;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product, service or stock item ready to post or update (SAGE §2.6). Amounts are at two
 * decimals.
 *
 * @param kind which endpoint it goes to
 * @param itemCode the store's SKU, or its deterministic short form ({@link ItemCodes})
 * @param description the product name, HTML entities decoded (at most 255 characters)
 * @param notes the full SKU when the item code is a short form; else null
 * @param salesLedgerAccountId the policy's default (sales) ledger account
 * @param purchaseLedgerAccountId the policy's default purchase ledger account
 * @param salesTaxRateId by the policy's {@code product_tax_class_map}, else its default rate
 * @param salesPrice the store's regular price; null when it has none (no price is sent)
 * @param salesPriceTypeId the Sage price type (rate type for a service) the sales price is sent as;
 *     null until the caller has asked Sage (then no price is sent)
 * @param costPrice the store's cost; null when it has none
 */
public record SageCatalogItemDraft(
    CatalogItemKind kind,
    String itemCode,
    String description,
    String notes,
    String salesLedgerAccountId,
    String purchaseLedgerAccountId,
    String salesTaxRateId,
    BigDecimal salesPrice,
    String salesPriceTypeId,
    BigDecimal costPrice) {

  public SageCatalogItemDraft {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(itemCode, "itemCode");
    if (itemCode.length() > kind.maxItemCode()) {
      throw new IllegalArgumentException(
          "item code of a " + kind.label() + " has at most " + kind.maxItemCode() + " characters");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(salesLedgerAccountId, "salesLedgerAccountId");
  }

  /** This draft with the price type its sales price is sent as. */
  public SageCatalogItemDraft withSalesPriceTypeId(String typeId) {
    return new SageCatalogItemDraft(
        kind,
        itemCode,
        description,
        notes,
        salesLedgerAccountId,
        purchaseLedgerAccountId,
        salesTaxRateId,
        salesPrice,
        typeId,
        costPrice);
  }
}
