/**
 * Sage contacts for store customers: per-currency keying (a Sage contact is locked to one currency,
 * so one contact per customer and currency, with a 10-char {@code reference}), and the contact
 * draft built from a canonical customer (name priority, currency suffix, addresses), and B2C
 * consolidation routing onto one fallback contact per currency ({@link
 * io.ledgerbridge.core.contact.ContactRouting}). Pure; finding or creating the contact in Sage is
 * the caller's job through the ports.
 */
package io.ledgerbridge.core.contact;
