package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.out.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A unit of work without rollback: the in-memory fakes apply writes at once. It does keep the
 * after-commit semantics: callbacks run after the outermost {@link #inTransaction} returns
 * normally, and are dropped if it throws.
 */
public final class InMemoryUnitOfWork implements UnitOfWork {
  private final ThreadLocal<List<Runnable>> pending = new ThreadLocal<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (pending.get() != null) {
      return work.get();
    }
    List<Runnable> callbacks = new ArrayList<>();
    pending.set(callbacks);
    T result;
    try {
      result = work.get();
    } finally {
      pending.remove();
    }
    callbacks.forEach(Runnable::run);
    return result;
  }

  @Override
  public void afterCommit(Runnable callback) {
    List<Runnable> callbacks = pending.get();
    if (callbacks == null) {
      callback.run();
    } else {
      callbacks.add(callback);
    }
  }

  /** True while the calling thread is inside {@link #inTransaction}. */
  public boolean inTransaction() {
    return pending.get() != null;
  }
}
