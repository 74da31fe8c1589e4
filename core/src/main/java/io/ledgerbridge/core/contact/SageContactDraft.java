package io.ledgerbridge.core.contact;

/**
 * A customer contact ready to post (SAGE §2.1). Always {@code CUSTOMER}; locked to one currency.
 */
public record SageContactDraft(
    String name,
    String reference,
    String currencyId,
    String email,
    String telephone,
    String contactPersonName,
    io.ledgerbridge.core.invoice.SageAddress mainAddress,
    io.ledgerbridge.core.invoice.SageAddress deliveryAddress) {}
