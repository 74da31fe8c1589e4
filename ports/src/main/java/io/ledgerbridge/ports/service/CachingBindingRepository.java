package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.out.BindingRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps bindings and their decrypted secrets in memory for a short time, so every webhook and job
 * does not read and decrypt them again. A change made by another process (a re-registered api key,
 * a disconnected binding) is seen within {@code ttl}; changes made through this instance are seen
 * at once. Unknown tenants are not cached, so a binding added elsewhere is found immediately.
 */
public final class CachingBindingRepository implements BindingRepository {
  private final BindingRepository delegate;
  private final Clock clock;
  private final Duration ttl;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(Binding binding, BindingSecrets secrets, Instant until) {}

  public CachingBindingRepository(BindingRepository delegate, Clock clock, Duration ttl) {
    this.delegate = delegate;
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public void add(Binding binding, BindingSecrets secrets) {
    delegate.add(binding, secrets);
    cache.remove(binding.tenantId());
  }

  @Override
  public Optional<Binding> find(String tenantId) {
    return load(tenantId).map(Entry::binding);
  }

  @Override
  public Optional<BindingSecrets> secrets(String tenantId) {
    return load(tenantId).map(Entry::secrets);
  }

  @Override
  public List<Binding> list() {
    return delegate.list();
  }

  @Override
  public boolean changeStatus(String tenantId, BindingStatus status) {
    boolean changed = delegate.changeStatus(tenantId, status);
    cache.remove(tenantId);
    return changed;
  }

  @Override
  public boolean changeStatus(String tenantId, BindingStatus expected, BindingStatus next) {
    boolean changed = delegate.changeStatus(tenantId, expected, next);
    cache.remove(tenantId);
    return changed;
  }

  @Override
  public boolean update(Binding binding, BindingSecrets secrets) {
    boolean updated = delegate.update(binding, secrets);
    cache.remove(binding.tenantId());
    return updated;
  }

  @Override
  public boolean remove(String tenantId) {
    boolean removed = delegate.remove(tenantId);
    cache.remove(tenantId);
    return removed;
  }

  @Override
  public Optional<Instant> statusChangedAt(String tenantId) {
    return delegate.statusChangedAt(tenantId);
  }

  @Override
  public List<String> inStatusSince(BindingStatus status, Instant before) {
    return delegate.inStatusSince(status, before);
  }

  private Optional<Entry> load(String tenantId) {
    Instant now = clock.instant();
    Entry e = cache.get(tenantId);
    if (e != null && e.until().isAfter(now)) {
      return Optional.of(e);
    }
    Optional<Binding> binding = delegate.find(tenantId);
    Optional<BindingSecrets> secrets = delegate.secrets(tenantId);
    if (binding.isEmpty() || secrets.isEmpty()) {
      cache.remove(tenantId);
      return Optional.empty();
    }
    Entry fresh = new Entry(binding.get(), secrets.get(), now.plus(ttl));
    cache.put(tenantId, fresh);
    return Optional.of(fresh);
  }
}
