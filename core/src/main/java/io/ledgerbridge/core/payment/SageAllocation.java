package io.ledgerbridge.core.payment;

import java.math.BigDecimal;
import java.util.Objects;

/** One {@code allocated_artefacts[]} entry: a Sage document and the amount applied to it. */
public record SageAllocation(String artefactId, BigDecimal amount) {
  public SageAllocation {
    Objects.requireNonNull(artefactId, "artefactId");
    Objects.requireNonNull(amount, "amount");
  }
}
