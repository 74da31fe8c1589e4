/**
 * Inbound HTTP on the JDK's {@code com.sun.net.httpserver}: the store's webhook route (WIRE §1B L1,
 * §5), the store-facing tile health (L3), {@code /healthz}, the server-rendered sync dashboard, a
 * small read-only JSON API, and the bearer-token admin API (policy read/replace, reference refresh,
 * invoice preview), all documented in {@code docs/admin-api.yaml}. {@link
 * io.ledgerbridge.adapter.http.in.HttpInAdapter} is the entry point, with the host-supplied
 * functional interfaces {@code HealthProbe}, {@code BindingLookup} and {@code InvoiceParser};
 * everything else here is package-private. This package talks to the application only through
 * {@code ports.in} use cases and the {@code WebhookAuthenticator} port; it never imports another
 * adapter, never holds state another process needs, and never answers a store request with a 4xx
 * for anything that could succeed on retry (the store dead-letters every 4xx).
 */
package io.ledgerbridge.adapter.http.in;
