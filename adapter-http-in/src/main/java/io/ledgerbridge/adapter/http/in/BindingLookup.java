package io.ledgerbridge.adapter.http.in;

import io.ledgerbridge.core.binding.Binding;
import java.util.Optional;

/**
 * Finds a binding by tenant id for the store's health tile ({@code binding.status}, {@code
 * binding.region}). Shaped so that {@code bindingRepository::find} fits.
 */
@FunctionalInterface
public interface BindingLookup {

  Optional<Binding> find(String tenantId);

  /** For hosts that cannot look bindings up: the tile then omits the {@code binding} object. */
  static BindingLookup none() {
    return tenantId -> Optional.empty();
  }
}
