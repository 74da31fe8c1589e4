package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.out.SageAuthorization.SageClient;
import java.util.Locale;

/**
 * What the connect flows need from the installation's configuration.
 *
 * @param publicUrl the chassis's own base URL as the store and the browser reach it (the store's
 *     {@code ledger_base_url}, and the base of the OAuth redirect URI); null disables pairing and
 *     Sage OAuth
 * @param sageClientId the Sage OAuth client; null disables Sage OAuth
 * @param sageClientSecret its secret
 * @param sageAuthorizeUrl Sage's authorize URL (may carry a query, e.g. {@code ?filter=apiv3.1})
 * @param sageTokenUrl Sage's token URL
 * @param sageRevokeUrl Sage's revoke URL
 * @param sageApiUrl Sage's API base
 */
public record ConnectSettings(
    String publicUrl,
    String sageClientId,
    String sageClientSecret,
    String sageAuthorizeUrl,
    String sageTokenUrl,
    String sageRevokeUrl,
    String sageApiUrl) {

  public static final String DEFAULT_AUTHORIZE_URL =
      "https://www.sageone.com/oauth2/auth/central?filter=apiv3.1";
  public static final String DEFAULT_REVOKE_URL = "https://oauth.accounting.sage.com/revoke";

  /** The path Sage redirects back to, under {@link #publicUrl}. */
  public static final String CALLBACK_PATH = "/oauth/sage/callback";

  public ConnectSettings {
    publicUrl = publicUrl == null ? null : stripSlashes(publicUrl.trim());
  }

  public boolean pairingConfigured() {
    return publicUrl != null && !publicUrl.isEmpty();
  }

  public boolean oauthConfigured() {
    return pairingConfigured()
        && sageClientId != null
        && !sageClientId.isBlank()
        && sageClientSecret != null
        && !sageClientSecret.isBlank();
  }

  /** The redirect URI registered with Sage: {@code {publicUrl}/oauth/sage/callback}. */
  public String redirectUri() {
    return publicUrl + CALLBACK_PATH;
  }

  /** The installation's OAuth client at its configured endpoints. */
  public SageClient client() {
    return new SageClient(sageClientId, sageClientSecret, sageTokenUrl, sageRevokeUrl);
  }

  /**
   * The revoke URL that goes with a binding's token URL: Sage's endpoints are siblings ({@code
   * .../token}, {@code .../revoke}), so a binding on another Sage (a sandbox) revokes there; else
   * the configured one.
   */
  public String revokeUrlFor(String tokenUrl) {
    if (tokenUrl != null && tokenUrl.toLowerCase(Locale.ROOT).endsWith("/token")) {
      return tokenUrl.substring(0, tokenUrl.length() - "token".length()) + "revoke";
    }
    return sageRevokeUrl;
  }

  private static String stripSlashes(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  @Override
  public String toString() {
    return "ConnectSettings[" + publicUrl + ", client " + sageClientId + "]";
  }
}
