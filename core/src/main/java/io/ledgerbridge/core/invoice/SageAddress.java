package io.ledgerbridge.core.invoice;

/** An address in Sage's shape ({@code main_address}, {@code delivery_address}). */
public record SageAddress(
    String addressLine1,
    String addressLine2,
    String city,
    String postalCode,
    String region,
    String countryId) {}
