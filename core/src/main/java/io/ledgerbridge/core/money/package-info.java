/**
 * Money arithmetic shared by translation and policy: the one rounding mode ({@link
 * java.math.RoundingMode#HALF_UP}, as the store rounds), the two-decimal amount scale Sage
 * supports, and quantity/rate normalisation. Only {@link java.math.BigDecimal}; never {@code
 * double}, never {@code new BigDecimal(double)}. Nothing here knows Sage or the store wire.
 */
package io.ledgerbridge.core.money;
