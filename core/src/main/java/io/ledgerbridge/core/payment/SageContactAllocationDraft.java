package io.ledgerbridge.core.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A {@code CUSTOMER_ALLOCATION} ready to post (SAGE §2.5): documents of one contact set against
 * each other, amounts summing to zero (an invoice positive, a credit note negative).
 */
public record SageContactAllocationDraft(
    String contactId, LocalDate date, List<SageAllocation> allocations) {

  public static final String CUSTOMER_ALLOCATION = "CUSTOMER_ALLOCATION";

  public SageContactAllocationDraft {
    Objects.requireNonNull(contactId, "contactId");
    allocations = List.copyOf(allocations);
    BigDecimal sum =
        allocations.stream().map(SageAllocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (sum.signum() != 0) {
      throw new IllegalArgumentException("allocation amounts must sum to zero, not " + sum);
    }
  }

  /** Sets {@code amount} of a credit note against an invoice of the same contact. */
  public static SageContactAllocationDraft creditAgainstInvoice(
      String contactId, LocalDate date, String invoiceId, String creditNoteId, BigDecimal amount) {
    return new SageContactAllocationDraft(
        contactId,
        date,
        List.of(
            new SageAllocation(invoiceId, amount),
            new SageAllocation(creditNoteId, amount.negate())));
  }
}
