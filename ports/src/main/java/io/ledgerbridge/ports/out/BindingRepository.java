package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bindings and their secrets. Secrets are encrypted at rest by the implementation. */
public interface BindingRepository {

  /** Registers a binding; throws {@link DuplicateBindingException} if the tenant id is taken. */
  void add(Binding binding, BindingSecrets secrets);

  Optional<Binding> find(String tenantId);

  Optional<BindingSecrets> secrets(String tenantId);

  /** All bindings, ordered by tenant id. */
  List<Binding> list();

  /** Sets the binding's status; false if there is no such binding. */
  boolean changeStatus(String tenantId, BindingStatus status);

  /**
   * Sets the binding's status only if it is {@code expected} now (a compare-and-set).
   *
   * @return false if there is no such binding or its status is another
   */
  boolean changeStatus(String tenantId, BindingStatus expected, BindingStatus next);

  /**
   * Replaces an existing binding's fields (all but its tenant id and creation time) and its
   * secrets, in one transaction.
   *
   * @return false if there is no such binding
   */
  boolean update(Binding binding, BindingSecrets secrets);

  /**
   * Deletes a binding that never synced anything (a pairing the store refused), with its secrets
   * and policy. Bindings with runs are never removed: they are disconnected.
   *
   * @return false if there was no such binding
   */
  boolean remove(String tenantId);

  /** When the binding's status last changed (its creation, if never); empty for no binding. */
  Optional<Instant> statusChangedAt(String tenantId);

  /** Tenants whose binding has been in {@code status} since before {@code before}. */
  List<String> inStatusSince(BindingStatus status, Instant before);

  final class DuplicateBindingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateBindingException(String tenantId) {
      super("a binding for tenant " + tenantId + " already exists");
    }
  }
}
