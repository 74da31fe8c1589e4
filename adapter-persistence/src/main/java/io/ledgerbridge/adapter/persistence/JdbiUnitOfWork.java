package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.ports.out.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database transaction bound to the calling thread. Repositories called inside {@link
 * #inTransaction} on the same thread use its handle; a nested call joins the outer transaction.
 * After-commit callbacks run once the outermost transaction has committed and its connection went
 * back to the pool; a rollback drops them.
 */
final class JdbiUnitOfWork implements UnitOfWork {
  private static final Logger LOG = LoggerFactory.getLogger(JdbiUnitOfWork.class);

  private final Jdbi jdbi;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();

  private static final class Tx {
    final Handle handle;
    final List<Runnable> callbacks = new ArrayList<>();

    Tx(Handle handle) {
      this.handle = handle;
    }
  }

  JdbiUnitOfWork(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The handle of the calling thread's transaction, or null outside one. */
  Handle currentHandle() {
    Tx tx = current.get();
    return tx == null ? null : tx.handle;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    Tx tx;
    T result;
    try (Handle h = open()) {
      tx = new Tx(h);
      begin(h);
      current.set(tx);
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        rollbackQuietly(h, e);
        throw e;
      } finally {
        current.remove();
      }
      commit(h);
    }
    for (Runnable callback : tx.callbacks) {
      try {
        callback.run();
      } catch (RuntimeException e) {
        LOG.warn("after-commit callback failed", e);
      }
    }
    return result;
  }

  @Override
  public void afterCommit(Runnable callback) {
    Tx tx = current.get();
    if (tx == null) {
      callback.run();
    } else {
      tx.callbacks.add(callback);
    }
  }

  private Handle open() {
    try {
      return jdbi.open();
    } catch (JdbiException e) {
      throw SqlErrors.translate("open-transaction", e);
    }
  }

  private static void begin(Handle h) {
    try {
      h.begin();
    } catch (JdbiException e) {
      throw SqlErrors.translate("begin", e);
    }
  }

  private static void commit(Handle h) {
    try {
      h.commit();
    } catch (JdbiException e) {
      rollbackQuietly(h, e);
      throw SqlErrors.translate("commit", e);
    }
  }

  private static void rollbackQuietly(Handle h, Throwable cause) {
    try {
      h.rollback();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
