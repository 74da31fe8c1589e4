package io.ledgerbridge.ports.out;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
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

  final class DuplicateBindingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateBindingException(String tenantId) {
      super("a binding for tenant " + tenantId + " already exists");
    }
  }
}
