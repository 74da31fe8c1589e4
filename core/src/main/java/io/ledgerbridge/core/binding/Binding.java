package io.ledgerbridge.core.binding;

import java.time.Instant;
import java.util.Objects;

/**
 * One store connected to one Sage business. Holds no secrets: those live in {@link BindingSecrets}
 * and are encrypted at rest.
 *
 * @param tenantId the tenant id the store signs with (JWT {@code sub}, URL segment)
 * @param magentoBaseUrl store base URL without trailing slash
 * @param sageApiUrl Sage API base, e.g. {@code https://api.accounting.sage.com/v3.1}
 * @param sageTokenUrl Sage OAuth token endpoint
 * @param sageBusinessId value of {@code X-Business}
 * @param businessCountry ISO alpha-2 country of the Sage business (cross-border routing)
 * @param baseCurrency base currency of the Sage business
 */
public record Binding(
    String tenantId,
    String magentoBaseUrl,
    String sageApiUrl,
    String sageTokenUrl,
    String sageBusinessId,
    String businessCountry,
    String baseCurrency,
    BindingStatus status,
    Instant createdAt) {

  public static final String DEFAULT_SAGE_API_URL = "https://api.accounting.sage.com/v3.1";
  public static final String DEFAULT_SAGE_TOKEN_URL = "https://oauth.accounting.sage.com/token";

  public Binding {
    requireText(tenantId, "tenant_id");
    if (tenantId.length() > 128) {
      throw new IllegalArgumentException("tenant_id is longer than 128 characters");
    }
    magentoBaseUrl = stripTrailingSlash(requireText(magentoBaseUrl, "magento_base_url"));
    sageApiUrl = stripTrailingSlash(requireText(sageApiUrl, "sage_api_url"));
    requireText(sageTokenUrl, "sage_token_url");
    requireText(sageBusinessId, "sage_business_id");
    businessCountry =
        requireText(businessCountry, "business_country").toUpperCase(java.util.Locale.ROOT);
    baseCurrency = requireText(baseCurrency, "base_currency").toUpperCase(java.util.Locale.ROOT);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "created_at");
  }

  public Binding withStatus(BindingStatus next) {
    return new Binding(
        tenantId,
        magentoBaseUrl,
        sageApiUrl,
        sageTokenUrl,
        sageBusinessId,
        businessCountry,
        baseCurrency,
        next,
        createdAt);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.trim();
  }

  private static String stripTrailingSlash(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
