/**
 * Credit memos (store refunds) as Sage sales credit notes: the translation ({@link
 * io.ledgerbridge.core.creditnote.CreditNoteTranslator}), the policy that decides whether a memo is
 * synced ({@link io.ledgerbridge.core.creditnote.CreditMemoPolicy}), and how a posted credit note
 * is settled against its invoice ({@link io.ledgerbridge.core.creditnote.CreditNoteSettlement}).
 */
package io.ledgerbridge.core.creditnote;
