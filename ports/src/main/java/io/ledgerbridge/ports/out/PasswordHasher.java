package io.ledgerbridge.ports.out;

/** One-way password hashing with a per-password salt (an adapter uses a well-kept library). */
public interface PasswordHasher {
  /** An encoded hash carrying its algorithm, parameters and salt. */
  String hash(String password);

  /** Whether {@code password} matches {@code encoded}; false for a hash it cannot read. */
  boolean verify(String password, String encoded);
}
