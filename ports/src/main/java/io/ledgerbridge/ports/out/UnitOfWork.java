package io.ledgerbridge.ports.out;

import java.util.function.Supplier;

/**
 * A database transaction. Repository calls made inside {@link #inTransaction} on the same thread
 * join it. Callbacks registered with {@link #afterCommit} run once the outermost transaction has
 * committed (never after a rollback); outside a transaction they run at once.
 */
public interface UnitOfWork {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  void afterCommit(Runnable callback);
}
