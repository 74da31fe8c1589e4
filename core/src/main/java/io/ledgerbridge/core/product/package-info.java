/**
 * Store products as Sage catalogue items (PRODUCT §1, SAGE §2.6): which kind of Sage item a store
 * product becomes ({@link io.ledgerbridge.core.product.CatalogItemKind}: non-stock product, service
 * or stock item), its item code (SKU, shortened deterministically where Sage allows fewer
 * characters), description, prices, ledger accounts and tax rate from the policy, and the one stock
 * movement that brings a stock item's level to the store's quantity. Pure functions of the
 * canonical product and the policy; reading Sage's stock level and posting belong to the caller,
 * through the ports.
 */
package io.ledgerbridge.core.product;
