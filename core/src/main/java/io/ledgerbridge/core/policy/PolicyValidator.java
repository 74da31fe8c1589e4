package io.ledgerbridge.core.policy;

import io.ledgerbridge.core.reference.ReferenceData;
import java.util.List;

/** Checks a decoded policy against the binding's Sage reference data. */
public final class PolicyValidator {
  private PolicyValidator() {}

  /**
   * @param reference the binding's cached reference data, or null when none was fetched yet (then
   *     only the rules that need no reference data run)
   */
  public static List<FieldError> validate(SyncPolicy policy, ReferenceData reference) {
    throw new UnsupportedOperationException("being implemented");
  }
}
