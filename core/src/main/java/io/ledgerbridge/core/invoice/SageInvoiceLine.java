package io.ledgerbridge.core.invoice;

import java.math.BigDecimal;

/**
 * One {@code invoice_lines[]} entry. Amounts are at 2 decimals (quantity and unit price may carry
 * more, as the store has them). {@code euGoodsServicesTypeId} is null for domestic lines.
 */
public record SageInvoiceLine(
    String description,
    String ledgerAccountId,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal discountAmount,
    String taxRateId,
    BigDecimal taxAmount,
    String euGoodsServicesTypeId) {}
