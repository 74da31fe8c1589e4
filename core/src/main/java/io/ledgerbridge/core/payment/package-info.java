/**
 * Money that moves after a document is in Sage: the customer receipt of a paid invoice ({@link
 * io.ledgerbridge.core.payment.ReceiptPlanner}), the Sage payment method a store method maps to
 * ({@link io.ledgerbridge.core.payment.SagePaymentMethods}), and the Sage shapes of contact
 * payments and allocations.
 */
package io.ledgerbridge.core.payment;
