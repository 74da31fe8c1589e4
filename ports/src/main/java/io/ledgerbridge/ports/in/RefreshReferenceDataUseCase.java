package io.ledgerbridge.ports.in;

import io.ledgerbridge.core.reference.ReferenceData;

/** Fetches a binding's Sage reference data and replaces its cache. */
public interface RefreshReferenceDataUseCase {
  /** Throws {@link UnknownBindingException}, or a gateway exception when Sage fails. */
  ReferenceData refresh(String tenantId);
}
