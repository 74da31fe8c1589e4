package io.ledgerbridge.bench.load;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.ports.in.RegisterBindingUseCase.RegisterBindingCommand;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/** Small helpers the scenarios share. */
final class Harness {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Harness() {}

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static String newApiKey() {
    return "lb_" + hex(32);
  }

  /** The demo policy (GB rates by percentage) with the given sales ledger account. */
  static SyncPolicy policy(String ledgerAccountId) {
    return SyncPolicy.of(
        true,
        true,
        null,
        null,
        null,
        "GB_STANDARD",
        ledgerAccountId,
        Map.of("20.00", "GB_STANDARD", "5.00", "GB_LOWER", "0.00", "GB_ZERO"),
        "GB_ZERO",
        "",
        "Company",
        "GOODS");
  }

  /** Registers a binding; the Sage side is only called by workers, never at registration. */
  static void register(
      Chassis chassis,
      String tenant,
      String storeUrl,
      String sageApiUrl,
      String sageTokenUrl,
      String businessId,
      String apiKey,
      String clientId,
      String clientSecret,
      String refreshToken,
      String ledgerAccountId) {
    chassis
        .registration()
        .register(
            new RegisterBindingCommand(
                new Binding(
                    tenant,
                    storeUrl,
                    sageApiUrl,
                    sageTokenUrl,
                    businessId,
                    "GB",
                    "GBP",
                    BindingStatus.ACTIVE,
                    Instant.now()),
                new BindingSecrets(apiKey, clientId, clientSecret),
                refreshToken,
                policy(ledgerAccountId)));
  }

  /** A WIRE §5 {@code invoice.created} envelope. */
  static String invoiceCreatedBody(long entityId, Instant occurredAt) {
    return "{\"magento_entity_id\":"
        + entityId
        + ",\"website_id\":1,\"store_id\":1,"
        + "\"occurred_at\":\""
        + occurredAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "\",\"payload\":{\"increment_id\":\""
        + String.format("%09d", entityId)
        + "\",\"paid\":false}}";
  }
}
