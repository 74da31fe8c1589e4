package io.ledgerbridge.adapter.persistence;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.params.provider.Arguments;

/** What the queue plan tests of both databases look at (ADR 0027). */
final class QueuePlans {
  private QueuePlans() {}

  /** The statements that find their job (or a few) by id, with names for the report. */
  static Stream<Arguments> byIdStatements() {
    return Stream.of(
        arguments("complete", JdbcJobQueue.COMPLETE),
        arguments("completeAll", JdbcJobQueue.COMPLETE_ALL),
        arguments("retryAt", JdbcJobQueue.RETRY),
        arguments("defer", JdbcJobQueue.DEFER),
        arguments("deadLetter", JdbcJobQueue.BURY),
        arguments("requeue", JdbcJobQueue.REQUEUE),
        arguments("findDeadLetter", JdbcJobQueue.FIND_DEAD_LETTER),
        arguments("claim's compare-and-set (H2)", JdbcJobQueue.TAKE),
        arguments("relay's compare-and-set (H2)", JdbcOutboxRelayStore.TAKE));
  }

  /** The plan the database chooses for {@code sql}, with every parameter those statements use. */
  static String explain(Handle h, String sql, Instant now) {
    return String.join(
        "\n",
        h.createQuery("EXPLAIN " + sql)
            .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
            .bind("id", UUID.randomUUID())
            .bind("ids", Db.array("uuid", List.of(UUID.randomUUID(), UUID.randomUUID())))
            .bind("v", 0L)
            .bindByType("now", now, Instant.class)
            .bindByType("at", now, Instant.class)
            .bindByType("until", now, Instant.class)
            .bind("error", "e")
            .mapTo(String.class)
            .list());
  }
}
