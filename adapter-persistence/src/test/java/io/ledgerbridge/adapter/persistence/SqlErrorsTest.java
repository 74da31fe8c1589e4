package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorsTest {

  @ParameterizedTest(name = "SQLState {0} is transient: {1}")
  @CsvSource({
    "08001, true", // cannot connect
    "08006, true", // connection failure
    "40001, true", // serialization failure
    "40P01, true", // deadlock
    "53300, true", // too many connections
    "57P01, true", // admin shutdown
    "57014, true", // statement timeout
    "55P03, true", // lock not available
    "HYT00, true", // H2 lock timeout
    "90131, true", // H2 concurrent update
    "23505, false", // unique violation
    "23503, false", // foreign key violation
    "42P01, false", // undefined table
    "22001, false", // value too long
    "42000, false" // syntax
  })
  void classifiesBySqlState(String state, boolean transientFailure) {
    SQLException e = new SQLException("boom", state);

    assertThat(SqlErrors.isTransient(e)).isEqualTo(transientFailure);
    GatewayException g = SqlErrors.translate("op", new RuntimeException(e));
    assertThat(g.isTransient()).isEqualTo(transientFailure);
    assertThat(g.system()).isEqualTo("database");
    assertThat(g.operation()).isEqualTo("op");
    assertThat(g.errorClass()).isEqualTo(ErrorClass.DATABASE);
    assertThat(g.getMessage()).contains(state).doesNotContain("boom");
  }

  @Test
  void poolTimeoutWithoutSqlStateIsTransient() {
    assertThat(SqlErrors.isTransient(new SQLTransientConnectionException("pool exhausted")))
        .isTrue();
  }

  @Test
  void recognisesUniqueViolationsDeepInTheCauseChain() {
    assertThat(SqlErrors.isUniqueViolation(new RuntimeException(new SQLException("x", "23505"))))
        .isTrue();
    assertThat(SqlErrors.isUniqueViolation(new RuntimeException("no sql"))).isFalse();
  }
}
