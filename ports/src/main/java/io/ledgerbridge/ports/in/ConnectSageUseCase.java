package io.ledgerbridge.ports.in;

import io.ledgerbridge.ports.out.SageAuthorization.SageBusiness;
import java.util.List;

/**
 * Connects a paired binding to a Sage business with Sage's authorization-code flow (SAGE §1): a
 * link starts it, Sage asks the merchant's consent and calls back with a code, the chassis
 * exchanges it for tokens (kept encrypted), picks the business (or lets the merchant choose one),
 * fetches the reference data and makes the binding active. A binding whose refresh token Sage
 * refused ({@code token_revoked}) reconnects the same way; its held runs then resume.
 */
public interface ConnectSageUseCase {

  /**
   * A link that starts the flow for {@code tenantId}, valid for {@link #LINK_VALIDITY_HOURS} hours
   * (given to the operator, or shown to the merchant).
   *
   * @throws UnknownBindingException if the tenant has no binding
   * @throws IllegalStateException if the chassis is not configured for Sage OAuth
   */
  String connectLink(String tenantId);

  int LINK_VALIDITY_HOURS = 24;

  /**
   * Checks a link and returns where to send the browser: Sage's authorize URL with a signed,
   * expiring, single-use {@code state} bound to the tenant and to this browser ({@code
   * browserNonce}, to be set as a cookie and given back to {@link #callback}).
   */
  StartResult start(String tenantId, String linkTicket);

  /** Where the browser goes next, or why it cannot. */
  sealed interface StartResult permits Redirect, Failed {}

  /**
   * @param authorizeUrl Sage's authorize URL with every parameter
   * @param browserNonce the value the callback must see again in the browser's cookie
   * @param maxAgeSeconds how long the state is valid
   */
  record Redirect(String authorizeUrl, String browserNonce, long maxAgeSeconds)
      implements StartResult {}

  /**
   * Sage's redirect back: {@code code}, {@code state}, {@code country}, or {@code error} and {@code
   * error_description}.
   *
   * @param browserNonce the cookie the start set, or null if the browser sent none
   */
  Outcome callback(Callback callback, String browserNonce);

  /** What Sage sent to the redirect URI. {@code toString} hides the code. */
  record Callback(
      String code, String state, String country, String error, String errorDescription) {
    @Override
    public String toString() {
      return "Callback[error=" + error + ", country=" + country + "]";
    }
  }

  /**
   * The merchant chose one of several businesses on the page a {@link ChooseBusiness} led to.
   *
   * @param selectionToken the token of that page
   */
  Outcome choose(String selectionToken, String businessId);

  /**
   * Headless: exchanges a code an operator copied from the callback URL (the CLI). The operator is
   * trusted (it runs the chassis), so there is no state to check.
   *
   * @param businessId which business, when the user has several; null otherwise
   */
  Outcome connectWithCode(String tenantId, String code, String businessId);

  /**
   * Sage's authorize URL for {@code tenantId} with a state for the callback, for an operator who
   * opens it in any browser (the CLI); the callback accepts it without a browser cookie.
   */
  String authorizeUrlForOperator(String tenantId);

  /** How a connection attempt ended. */
  sealed interface Outcome permits Connected, ChooseBusiness, Failed {}

  /**
   * The binding is connected.
   *
   * @param warnings what the merchant should fix (a policy value the reference data does not know,
   *     reference data that could not be fetched yet)
   */
  record Connected(String tenantId, String businessId, String businessName, List<String> warnings)
      implements Outcome {}

  /** The user may reach several businesses: choose one with {@link #choose}. */
  record ChooseBusiness(String tenantId, String selectionToken, List<SageBusiness> businesses)
      implements Outcome {}

  /**
   * @param problem what went wrong
   * @param message a sentence for the merchant or operator (no secret, no stack trace)
   */
  record Failed(Problem problem, String message) implements Outcome, StartResult {}

  /** What went wrong, for choosing a page and a status. */
  enum Problem {
    NOT_CONFIGURED,
    UNKNOWN_BINDING,
    /** The binding was disconnected from its store: pair the store again first. */
    STORE_NOT_PAIRED,
    /** The link, state or selection token is missing, forged, expired or already used. */
    INVALID_LINK,
    /** The merchant declined on Sage's consent page. */
    ACCESS_DENIED,
    /** Sage refused the authorization (its {@code error} on the callback, or the code). */
    SAGE_REFUSED,
    /** Sage could not be reached or failed: trying again may work. */
    SAGE_UNAVAILABLE,
    /** The Sage user has no business. */
    NO_BUSINESS,
    /** The binding already belongs to another Sage business. */
    OTHER_BUSINESS
  }
}
