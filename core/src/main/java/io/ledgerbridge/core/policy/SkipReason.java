package io.ledgerbridge.core.policy;

/** Stable skip reason codes, pushed to the store as {@code skip_reason} (VARCHAR(64)). */
public enum SkipReason {
  INVOICE_NOT_PAID("invoice_not_paid"),
  ZERO_VALUE_INVOICE("zero_value_invoice"),
  OUTSIDE_SYNC_SINCE("outside_sync_since"),
  WEBSITE_FILTERED("website_filtered"),
  STORE_FILTERED("store_filtered"),
  INVOICE_CANCELLED("invoice_cancelled"),
  EVENT_NOT_SUPPORTED("event_not_supported"),
  /** {@code invoice.paid}: the payment method is mapped to no bank account (leave unpaid). */
  PAYMENT_METHOD_MAPPED_TO_NONE("payment_method_mapped_to_none"),
  /** {@code invoice.paid}: the payment method is not mapped and there is no default bank. */
  PAYMENT_METHOD_NOT_MAPPED("payment_method_not_mapped"),
  /**
   * {@code customer.upserted}: the customer has no Sage contact yet and B2C consolidation would
   * post its small invoices to the fallback contact, so none is created until an invoice needs one.
   */
  B2C_CONSOLIDATED("b2c_consolidated"),
  /** A reconciliation run: the store no longer has the customer or product (deleted). */
  ENTITY_NOT_IN_STORE("entity_not_in_store");

  private final String code;

  SkipReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The reason with this code; {@link IllegalArgumentException} for an unknown code. */
  public static SkipReason fromCode(String code) {
    for (SkipReason r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown skip reason code: " + code);
  }
}
