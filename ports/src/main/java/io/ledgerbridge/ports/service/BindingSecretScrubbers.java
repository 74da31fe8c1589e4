package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.SecretScrubber;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link SecretScrubber} of one binding: its store api key, its Sage client secret and its
 * current Sage refresh and access tokens. Applied to everything the chassis stores or shows about a
 * run (attempt bodies, messages, job errors), on the way in and again on the way out, so a remote
 * error body that echoes a secret, in any encoding, never reaches the database, a log or a page.
 */
public final class BindingSecretScrubbers {
  private final BindingRepository bindings;
  private final TokenVault tokens;

  /**
   * @param tokens the Sage token vault, or null to scrub the binding's own secrets only
   */
  public BindingSecretScrubbers(BindingRepository bindings, TokenVault tokens) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.tokens = tokens;
  }

  /** The scrubber of {@code tenantId}; {@link SecretScrubber#NONE} for an unknown tenant. */
  public SecretScrubber forTenant(String tenantId) {
    if (tenantId == null) {
      return SecretScrubber.NONE;
    }
    List<String> secrets = new ArrayList<>();
    bindings
        .secrets(tenantId)
        .ifPresent(
            (BindingSecrets s) -> {
              secrets.add(s.apiKey());
              secrets.add(s.nextApiKey());
              secrets.add(s.sageClientSecret());
            });
    if (tokens != null) {
      tokens
          .tokens(tenantId)
          .ifPresent(
              (SageTokens t) -> {
                secrets.add(t.refreshToken());
                secrets.add(t.accessToken());
              });
    }
    return SecretScrubber.of(secrets);
  }
}
