package io.ledgerbridge.core.policy;

import java.util.Objects;

/** A policy together with the version number it was saved under (0 = built-in defaults). */
public record PolicySnapshot(int version, SyncPolicy policy) {
  public PolicySnapshot {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    Objects.requireNonNull(policy, "policy");
  }
}
