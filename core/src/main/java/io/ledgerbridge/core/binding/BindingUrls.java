package io.ledgerbridge.core.binding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks on the URLs of a binding before it is registered. A URL may not carry credentials ({@code
 * user:password@host}): they would be stored and printed in plain text, and neither the store nor
 * Sage authenticates that way (the store with the api key, Sage with OAuth tokens).
 */
public final class BindingUrls {
  private BindingUrls() {}

  /**
   * Throws {@link IllegalArgumentException} naming the field when a URL of {@code binding} is not
   * an absolute http(s) URL with a host, or carries credentials.
   */
  public static void requireUsable(Binding binding) {
    requireUsable(binding.magentoBaseUrl(), "magento_base_url");
    requireUsable(binding.sageApiUrl(), "sage_api_url");
    requireUsable(binding.sageTokenUrl(), "sage_token_url");
  }

  /**
   * Throws {@link IllegalArgumentException} naming {@code field} when {@code url} is not an
   * absolute http(s) URL with a host, or carries credentials.
   */
  public static void requireUsable(String url, String field) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + " is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(field + " must be an http or https URL");
    }
    if (uri.getRawUserInfo() != null || hasAtInAuthority(uri)) {
      throw new IllegalArgumentException(
          field
              + " must not contain credentials (user:password@): they would be kept in plain"
              + " text; remove them (the store is authenticated with its api key, Sage with OAuth)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(field + " has no host");
    }
  }

  /**
   * Whether two store base URLs name the same store: compared without trailing slashes, with the
   * scheme and host in lower case (a store answers the same under {@code HTTPS://Shop.Example/}).
   */
  public static boolean sameStore(String a, String b) {
    return a != null && b != null && storeKey(a).equals(storeKey(b));
  }

  private static String storeKey(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    int start = u.indexOf("://");
    if (start < 0) {
      return u;
    }
    int end = start + 3;
    while (end < u.length() && u.charAt(end) != '/') {
      end++;
    }
    return u.substring(0, end).toLowerCase(Locale.ROOT) + u.substring(end);
  }

  /** {@code url} with any {@code user:password@} removed, for showing a binding stored earlier. */
  public static String withoutCredentials(String url) {
    if (url == null) {
      return null;
    }
    int start = url.indexOf("://");
    if (start < 0) {
      return url;
    }
    int authorityStart = start + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    int at = url.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) {
      return url;
    }
    return url.substring(0, authorityStart) + url.substring(at + 1);
  }

  private static boolean hasAtInAuthority(URI uri) {
    String authority = uri.getRawAuthority();
    return authority != null && authority.contains("@");
  }
}
