/**
 * The store's canonical entities as immutable domain records, exactly as the store reports them
 * (WIRE §3). Nothing here knows JSON; the Magento adapter maps the wire onto these records. No
 * rounding or interpretation happens here: that is the job of policy and translation.
 */
package io.ledgerbridge.core.canonical;
