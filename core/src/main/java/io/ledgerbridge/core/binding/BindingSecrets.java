package io.ledgerbridge.core.binding;

/**
 * The secrets of a binding: the store's master api_key (HKDF input) and the Sage OAuth client
 * credentials the binding's refresh token was issued to. The rotating Sage refresh token is kept
 * separately by the token vault. {@link #toString()} never reveals a value.
 *
 * @param apiKey the master key the store signs with now
 * @param sageClientId null until the binding is connected to Sage (then with {@code
 *     sageClientSecret})
 * @param sageClientSecret null exactly when {@code sageClientId} is
 * @param nextApiKey a key offered to the store by a re-pair that has not been confirmed yet: tokens
 *     signed with it are accepted too, so no event is refused while a re-pair is under way; null
 *     otherwise
 */
public record BindingSecrets(
    String apiKey, String sageClientId, String sageClientSecret, String nextApiKey) {

  public BindingSecrets {
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException("api_key is required");
    }
    boolean noClient = sageClientId == null && sageClientSecret == null;
    if (!noClient) {
      if (sageClientId == null || sageClientId.isBlank()) {
        throw new IllegalArgumentException("sage_client_id is required");
      }
      if (sageClientSecret == null || sageClientSecret.isBlank()) {
        throw new IllegalArgumentException("sage_client_secret is required");
      }
    }
    if (nextApiKey != null && nextApiKey.isEmpty()) {
      nextApiKey = null;
    }
  }

  public BindingSecrets(String apiKey, String sageClientId, String sageClientSecret) {
    this(apiKey, sageClientId, sageClientSecret, null);
  }

  /** The secrets of a store just paired: its api key, no Sage client yet. */
  public static BindingSecrets storeOnly(String apiKey) {
    return new BindingSecrets(apiKey, null, null, null);
  }

  /** Whether the Sage OAuth client is known (the binding was connected to Sage). */
  public boolean hasSageClient() {
    return sageClientId != null;
  }

  public BindingSecrets withSageClient(String clientId, String clientSecret) {
    return new BindingSecrets(apiKey, clientId, clientSecret, nextApiKey);
  }

  /** These secrets with {@code key} offered to the store, not yet confirmed. */
  public BindingSecrets offering(String key) {
    return new BindingSecrets(apiKey, sageClientId, sageClientSecret, key);
  }

  /** The offered key confirmed by the store: it becomes the api key. */
  public BindingSecrets confirmingOffer() {
    if (nextApiKey == null) {
      return this;
    }
    return new BindingSecrets(nextApiKey, sageClientId, sageClientSecret, null);
  }

  /** The offer withdrawn (the store refused it). */
  public BindingSecrets withdrawingOffer() {
    return new BindingSecrets(apiKey, sageClientId, sageClientSecret, null);
  }

  @Override
  public String toString() {
    return "BindingSecrets[redacted]";
  }
}
