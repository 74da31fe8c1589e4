/**
 * The Magento wire (WIRE.md): HKDF subkeys, the outbound-token verifier for store webhooks, the
 * inbound-token minter for calls to the store, and the OkHttp store gateway that maps canonical
 * JSON onto {@code core.canonical} records. {@link io.ledgerbridge.adapter.magento.MagentoAdapter}
 * is the only public type; everything else is package-private. Nothing here logs or throws secrets,
 * tokens or full JWTs, and nothing here imports another adapter or the app.
 */
package io.ledgerbridge.adapter.magento;
