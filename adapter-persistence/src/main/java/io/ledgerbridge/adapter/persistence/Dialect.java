package io.ledgerbridge.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The two supported databases, detected once at startup from the driver's metadata. */
enum Dialect {
  H2,
  POSTGRES;

  static Dialect detect(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        return POSTGRES;
      }
      if (product.equals("h2")) {
        return H2;
      }
      throw new IllegalStateException("unsupported database: " + product);
    } catch (SQLException e) {
      throw SqlErrors.translate("detect-database", e);
    }
  }

  /** Whether {@code SELECT ... FOR UPDATE SKIP LOCKED} skips locked rows before applying LIMIT. */
  boolean skipLockedBeforeLimit() {
    return this == POSTGRES;
  }
}
