package io.ledgerbridge.core.binding;

/**
 * The secrets of a binding: the store's master api_key (HKDF input) and the Sage OAuth client
 * credentials. The rotating Sage refresh token is kept separately by the token vault. {@link
 * #toString()} never reveals a value.
 */
public record BindingSecrets(String apiKey, String sageClientId, String sageClientSecret) {

  public BindingSecrets {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException("api_key is required");
    }
    if (sageClientId == null || sageClientId.isBlank()) {
      throw new IllegalArgumentException("sage_client_id is required");
    }
    if (sageClientSecret == null || sageClientSecret.isBlank()) {
      throw new IllegalArgumentException("sage_client_secret is required");
    }
  }

  @Override
  public String toString() {
    return "BindingSecrets[redacted]";
  }
}
