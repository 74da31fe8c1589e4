package io.ledgerbridge.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * What every repository shares: the Jdbi instance, the thread-bound unit of work, the dialect and
 * the clock. {@link #call} runs on the current transaction's handle when there is one, otherwise on
 * a fresh auto-commit handle, and turns failures into gateway exceptions.
 */
final class Db {
  final Jdbi jdbi;
  final JdbiUnitOfWork uow;
  final Dialect dialect;
  final Clock clock;

  Db(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
    jdbi.registerArgument(new InstantArgumentFactory());
    this.uow = new JdbiUnitOfWork(jdbi);
  }

  interface Work<T> {
    T apply(Handle h);
  }

  <T> T call(String operation, Work<T> work) {
    Handle current = uow.currentHandle();
    try {
      if (current != null) {
        return work.apply(current);
      }
      try (Handle h = jdbi.open()) {
        return work.apply(h);
      }
    } catch (JdbiException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  /**
   * One JDBC batch of {@code sql}, a row per element of {@code rows} bound by {@code bind}, on the
   * current transaction's handle when there is one; the update count of each row, in order.
   */
  <T> int[] batch(
      String operation, String sql, Iterable<T> rows, BiConsumer<PreparedBatch, T> bind) {
    return call(
        operation,
        h -> {
          PreparedBatch batch = h.prepareBatch(sql);
          for (T row : rows) {
            bind.accept(batch, row);
            batch.add();
          }
          return batch.execute();
        });
  }

  /** Runs {@code work} in a transaction, joining the caller's if there is one. */
  <T> T inTransaction(String operation, Work<T> work) {
    return uow.inTransaction(() -> call(operation, work));
  }

  Instant now() {
    return clock.instant();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * An SQL array of {@code values} for an {@code = ANY(?)} parameter, made by the driver itself:
   * Jdbi's {@code bindArray} looks its array type up by reflection on every call, which the profile
   * found to be a tenth of the relay's time. {@code sqlType} is the element type's name ({@code
   * uuid}, {@code varchar}); H2 ignores it.
   */
  static Argument array(String sqlType, Collection<?> values) {
    Object[] elements = values.toArray();
    return (position, statement, ctx) ->
        statement.setArray(position, statement.getConnection().createArrayOf(sqlType, elements));
  }

  /**
   * Binds instants as {@code TIMESTAMP WITH TIME ZONE} at UTC offset, so neither the JVM nor the
   * session time zone can shift them.
   */
  private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
      super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
      return (position, statement, ctx) -> statement.setObject(position, utc);
    }
  }
}
