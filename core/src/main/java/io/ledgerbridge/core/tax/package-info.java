/**
 * Tax routing: whether a sale is cross-border (zero-rated, with an EU goods/services type), which
 * Sage tax rate id a store line or shipping charge maps to through the merchant's tax-rate map, and
 * how store product types map to EU goods/services types. Pure functions over ids and amounts; the
 * Sage tax-rate list itself (reference data) is not consulted here.
 */
package io.ledgerbridge.core.tax;
