package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.out.BindingRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Bindings in a sorted map. */
public final class InMemoryBindingRepository implements BindingRepository {
  private final Map<String, Binding> bindings = new TreeMap<>();
  private final Map<String, BindingSecrets> secrets = new TreeMap<>();
  private final Map<String, Instant> statusChangedAt = new TreeMap<>();
  private final java.time.Clock clock;

  public InMemoryBindingRepository() {
    this(java.time.Clock.systemUTC());
  }

  /** With {@code clock} stamping status changes (for {@link #inStatusSince}). */
  public InMemoryBindingRepository(java.time.Clock clock) {
    this.clock = clock;
  }

  /** Adds an active binding for {@code tenantId} whose store master key is {@code apiKey}. */
  public InMemoryBindingRepository with(String tenantId, String apiKey) {
    add(sampleBinding(tenantId), new BindingSecrets(apiKey, "client-id", "client-secret"));
    return this;
  }

  /** Adds a binding whose secrets are missing (e.g. half-registered). */
  public synchronized InMemoryBindingRepository withoutSecrets(String tenantId) {
    bindings.put(tenantId, sampleBinding(tenantId));
    return this;
  }

  private static Binding sampleBinding(String tenantId) {
    return new Binding(
        tenantId,
        "https://shop.example.com",
        Binding.DEFAULT_SAGE_API_URL,
        Binding.DEFAULT_SAGE_TOKEN_URL,
        "business-1",
        "GB",
        "GBP",
        BindingStatus.ACTIVE,
        Instant.EPOCH);
  }

  @Override
  public synchronized void add(Binding binding, BindingSecrets bindingSecrets) {
    if (bindings.containsKey(binding.tenantId())) {
      throw new DuplicateBindingException(binding.tenantId());
    }
    bindings.put(binding.tenantId(), binding);
    secrets.put(binding.tenantId(), bindingSecrets);
    statusChangedAt.put(binding.tenantId(), clock.instant());
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
  public synchronized boolean changeStatus(String tenantId, BindingStatus status) {
    Binding b = bindings.get(tenantId);
    if (b == null) {
      return false;
    }
    if (b.status() != status) {
      statusChangedAt.put(tenantId, clock.instant());
    }
    bindings.put(tenantId, b.withStatus(status));
    return true;
  }

  @Override
  public synchronized boolean changeStatus(
      String tenantId, BindingStatus expected, BindingStatus next) {
    Binding b = bindings.get(tenantId);
    if (b == null || b.status() != expected) {
      return false;
    }
    return changeStatus(tenantId, next);
  }

  @Override
  public synchronized boolean update(Binding binding, BindingSecrets bindingSecrets) {
    Binding old = bindings.get(binding.tenantId());
    if (old == null) {
      return false;
    }
    if (old.status() != binding.status()) {
      statusChangedAt.put(binding.tenantId(), clock.instant());
    }
    bindings.put(
        binding.tenantId(),
        new Binding(
            binding.tenantId(),
            binding.magentoBaseUrl(),
            binding.sageApiUrl(),
            binding.sageTokenUrl(),
            binding.sageBusinessId(),
            binding.businessCountry(),
            binding.baseCurrency(),
            binding.status(),
            old.createdAt()));
    secrets.put(binding.tenantId(), bindingSecrets);
    return true;
  }

  /** Removes the binding (this fake keeps no runs, so it always can). */
  @Override
  public synchronized boolean remove(String tenantId) {
    secrets.remove(tenantId);
    statusChangedAt.remove(tenantId);
    return bindings.remove(tenantId) != null;
  }

  @Override
  public synchronized Optional<Instant> statusChangedAt(String tenantId) {
    return bindings.containsKey(tenantId)
        ? Optional.ofNullable(statusChangedAt.get(tenantId))
        : Optional.empty();
  }

  @Override
  public synchronized List<String> inStatusSince(BindingStatus status, Instant before) {
    return bindings.values().stream()
        .filter(b -> b.status() == status)
        .map(Binding::tenantId)
        .filter(t -> statusChangedAt.getOrDefault(t, Instant.EPOCH).isBefore(before))
        .toList();
  }

  @Override
  public synchronized List<Binding> list() {
    return List.copyOf(new ArrayList<>(bindings.values()));
  }
}
