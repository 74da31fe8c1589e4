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
 * @param sageBusinessId value of {@code X-Business}; null until the binding is connected to a Sage
 *     business (a paired binding waiting for the OAuth step)
 * @param businessCountry ISO alpha-2 country of the Sage business (cross-border routing); null
 *     exactly when {@code sageBusinessId} is
 * @param baseCurrency base currency of the Sage business; null exactly when {@code sageBusinessId}
 *     is
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
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "created_at");
    boolean noBusiness = sageBusinessId == null && businessCountry == null && baseCurrency == null;
    if (noBusiness) {
      if (status == BindingStatus.ACTIVE) {
        throw new IllegalArgumentException(
            "an active binding needs sage_business_id, business_country and base_currency");
      }
    } else {
      sageBusinessId = requireText(sageBusinessId, "sage_business_id");
      businessCountry =
          requireText(businessCountry, "business_country").toUpperCase(java.util.Locale.ROOT);
      baseCurrency = requireText(baseCurrency, "base_currency").toUpperCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A binding paired with its store and not yet connected to Sage ({@link
   * BindingStatus#PENDING_SAGE}): no business, country or currency yet.
   */
  public static Binding paired(
      String tenantId,
      String magentoBaseUrl,
      String sageApiUrl,
      String sageTokenUrl,
      Instant createdAt) {
    return new Binding(
        tenantId,
        magentoBaseUrl,
        sageApiUrl,
        sageTokenUrl,
        null,
        null,
        null,
        BindingStatus.PENDING_SAGE,
        createdAt);
  }

  /** Whether the binding has a Sage business (it was connected to Sage at least once). */
  public boolean hasSageBusiness() {
    return sageBusinessId != null;
  }

  /** This binding connected to a Sage business, at these endpoints, with {@code next} status. */
  public Binding withSageBusiness(
      String apiUrl,
      String tokenUrl,
      String businessId,
      String country,
      String currency,
      BindingStatus next) {
    return new Binding(
        tenantId, magentoBaseUrl, apiUrl, tokenUrl, businessId, country, currency, next, createdAt);
  }

  /** This binding with another store base URL (a re-pair from a store that moved). */
  public Binding withStoreUrl(String url) {
    return new Binding(
        tenantId,
        url,
        sageApiUrl,
        sageTokenUrl,
        sageBusinessId,
        businessCountry,
        baseCurrency,
        status,
        createdAt);
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
