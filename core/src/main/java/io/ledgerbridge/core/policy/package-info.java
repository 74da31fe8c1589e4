/**
 * Sync policy: the merchant's knobs, their defaults, and the small named rules that decide whether
 * a document is posted or skipped (with a stable reason code); the settings document codec ({@link
 * io.ledgerbridge.core.policy.PolicyCodec}), cross-field and reference validation ({@link
 * io.ledgerbridge.core.policy.PolicyValidator}) and the payment-method decision tree ({@link
 * io.ledgerbridge.core.policy.PaymentRouting}). No JSON library lives here: adapters convert JSON
 * to plain maps. Pure functions; no I/O, no clock reads (the caller passes the instant to compare
 * against).
 */
package io.ledgerbridge.core.policy;
