package io.ledgerbridge.ports.out;

import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.util.List;

/**
 * Sage's OAuth 2.0 authorization-code flow and what comes right after it (SAGE §1): exchanging the
 * code, listing the user's businesses, revoking a refresh token. Failures are {@link
 * io.ledgerbridge.core.failure.GatewayException}s; a code Sage refuses ({@code invalid_grant}) is
 * permanent.
 */
public interface SageAuthorization {

  /**
   * Exchanges an authorization code for tokens ({@code grant_type=authorization_code}, client
   * credentials in the form body, SAGE §1.3).
   */
  SageTokens exchangeCode(SageClient client, String code, String redirectUri);

  /** The businesses the token's user may reach ({@code GET /businesses}, SAGE §1.6). */
  List<SageBusiness> businesses(String apiUrl, String accessToken);

  /** Revokes a refresh token ({@code POST /revoke}, SAGE §1.5). */
  void revoke(SageClient client, String refreshToken);

  /** An OAuth client registered with Sage and its endpoints. {@code toString} hides the secret. */
  record SageClient(String clientId, String clientSecret, String tokenUrl, String revokeUrl) {
    @Override
    public String toString() {
      return "SageClient[" + clientId + " @ " + tokenUrl + "]";
    }
  }

  /** A Sage business: its 32-hex id and name. */
  record SageBusiness(String id, String name) {}
}
