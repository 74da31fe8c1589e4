/**
 * Sage reference data as the chassis caches it per binding (tax rates with percentages, ledger
 * accounts with their visibility, bank accounts, currencies, base currency and country). Values
 * only; fetching and caching are ports.
 */
package io.ledgerbridge.core.reference;
