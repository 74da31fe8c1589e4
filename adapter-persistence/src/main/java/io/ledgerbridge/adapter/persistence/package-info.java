/**
 * Persistence adapter: JDBI 3 over HikariCP with Flyway migrations, one schema for H2 (embedded)
 * and PostgreSQL (production). {@link io.ledgerbridge.adapter.persistence.PersistenceAdapter} is
 * the only entry point; beside it only {@link
 * io.ledgerbridge.adapter.persistence.PersistenceConfig}, the {@link
 * io.ledgerbridge.adapter.persistence.NotificationChannel} wake-up (LISTEN/NOTIFY on PostgreSQL)
 * and {@link io.ledgerbridge.adapter.persistence.Housekeeping} are public. Repositories, the JDBC
 * job queue and outbox relay store, business leases, the unit of work, SQLState classification and
 * secret encryption are package-private. Nothing here decides business rules or retries; failures
 * leave as {@link io.ledgerbridge.core.failure.GatewayException}s with system {@code database}.
 */
package io.ledgerbridge.adapter.persistence;
