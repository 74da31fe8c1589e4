/**
 * Translation of canonical store invoices into Sage sales-invoice drafts (SAGE §2.2), with the
 * rules of PRODUCT §3: rounding, per-line discounts, tax routing, cross-border zero rating,
 * shipping, exchange rate, references, addresses and the totals invariant; lines naming the Sage
 * product, stock item or service of their SKU ({@code SageItems}, given by the caller). Also the
 * small text helpers Sage needs (HTML entity decoding, length limits) and the address mapping
 * shared with contacts. Pure functions from domain records to draft records; no JSON, no I/O.
 */
package io.ledgerbridge.core.invoice;
