/**
 * The chassis's metrics on Micrometer (ADR 0022): {@link
 * io.ledgerbridge.app.metrics.MicrometerChassisMetrics} turns the {@code ChassisMetrics} port's
 * calls into meters, {@link io.ledgerbridge.app.metrics.QueueDepthGauges} polls the job queue's
 * depth in the background, and {@link io.ledgerbridge.app.metrics.JvmMeters} binds the JVM's meters
 * for the reference application. Only the composition root uses Micrometer: the core, the ports and
 * the adapters never do. Label values come from closed sets; no tenant, customer data or secret
 * becomes a label.
 */
package io.ledgerbridge.app.metrics;
