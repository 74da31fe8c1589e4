package io.ledgerbridge.ports.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises work per Sage business inside one process. Sage asks for no parallel POSTs of contacts
 * and numbered documents for one business (SAGE §2.0); a distributed lease replaces this when several
 * processes share the work.
 */
public final class BusinessLocks {
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public <T> T withLock(String businessId, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(businessId, k -> new ReentrantLock(true));
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
