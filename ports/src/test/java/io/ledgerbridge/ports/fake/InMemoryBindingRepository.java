package io.ledgerbridge.ports.fake;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.ports.out.BindingRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Bindings in a sorted map. */
public final class InMemoryBindingRepository implements BindingRepository {
  private final Map<String, Binding> bindings = new TreeMap<>();
  private final Map<String, BindingSecrets> secrets = new TreeMap<>();

  @Override
  public synchronized void add(Binding binding, BindingSecrets bindingSecrets) {
    if (bindings.containsKey(binding.tenantId())) {
      throw new DuplicateBindingException(binding.tenantId());
    }
    bindings.put(binding.tenantId(), binding);
    secrets.put(binding.tenantId(), bindingSecrets);
  }

  @Override
  public synchronized Optional<Binding> find(String tenantId) {
    return Optional.ofNullable(bindings.get(tenantId));
  }

  @Override
  public synchronized Optional<BindingSecrets> secrets(String tenantId) {
    return Optional.ofNullable(secrets.get(tenantId));
  }

  @Override
  public synchronized List<Binding> list() {
    return List.copyOf(new ArrayList<>(bindings.values()));
  }
}
