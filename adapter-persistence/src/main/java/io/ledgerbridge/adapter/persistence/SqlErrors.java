package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * The one place database failures are classified, by SQLState (never by message text). Transient:
 * connection trouble, serialization failures and deadlocks, lock timeouts, resource exhaustion,
 * server shutdown or cancellation. Everything else (integrity, syntax, data) is permanent.
 */
final class SqlErrors {
  static final String SYSTEM = "database";

  private static final Set<String> TRANSIENT_CLASSES =
      Set.of(
          "08", // connection exception
          "40", // transaction rollback: 40001 serialization failure, 40P01 deadlock
          "53", // insufficient resources (PostgreSQL)
          "HY"); // H2: HYT00 lock timeout
  private static final Set<String> TRANSIENT_STATES =
      Set.of(
          "57P01", // admin shutdown
          "57P02", // crash shutdown
          "57P03", // cannot connect now
          "57014", // query canceled (statement timeout)
          "55P03", // lock not available
          "90131", // H2 concurrent update
          "90067"); // H2 connection broken

  private SqlErrors() {}

  static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    if (state != null && state.length() >= 2) {
      if (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
        return true;
      }
    }
    return e instanceof SQLTransientException || e instanceof SQLRecoverableException;
  }

  static boolean isUniqueViolation(Throwable t) {
    SQLException e = sqlException(t);
    return e != null && "23505".equals(e.getSQLState());
  }

  /** The first {@link SQLException} in the cause chain, or null. */
  static SQLException sqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        return s;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /** Wraps a database failure. The message names the operation and SQLState, never bound values. */
  static GatewayException translate(String operation, Throwable t) {
    if (t instanceof GatewayException g) {
      return g;
    }
    SQLException e = sqlException(t);
    String state = e == null ? null : e.getSQLState();
    String message =
        "database operation "
            + operation
            + " failed"
            + (state == null ? "" : " (SQLState " + state + ")")
            + (e == null ? ": " + t.getClass().getSimpleName() : "");
    boolean transientFailure = e != null && isTransient(e);
    if (transientFailure) {
      return new TransientGatewayException(
          SYSTEM, operation, 0, null, ErrorClass.DATABASE, message, null, t);
    }
    return new PermanentGatewayException(
        SYSTEM, operation, 0, null, ErrorClass.DATABASE, message, null, t);
  }
}
