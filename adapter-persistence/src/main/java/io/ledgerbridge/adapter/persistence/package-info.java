/**
 * Persistence adapter: JDBI 3 over HikariCP with Flyway migrations, one schema for H2 (embedded)
 * and PostgreSQL (production). {@link io.ledgerbridge.adapter.persistence.PersistenceAdapter} is
 * the only entry point; repositories, the JDBC job queue, the unit of work, SQLState
 * classification and secret encryption are package-private. Nothing here decides business rules or
 * retries; failures leave as {@link io.ledgerbridge.core.failure.GatewayException}s with system
 * {@code database}.
 */
package io.ledgerbridge.adapter.persistence;
