package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.policy.FieldError;
import io.ledgerbridge.core.policy.PolicySnapshot;
import io.ledgerbridge.core.policy.PolicyValidator;
import io.ledgerbridge.core.policy.StartingPolicy;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.reference.ReferenceData;
import io.ledgerbridge.ports.in.ConnectSageUseCase;
import io.ledgerbridge.ports.in.UnknownBindingException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.PolicyRepository;
import io.ledgerbridge.ports.out.ReferenceDataRepository;
import io.ledgerbridge.ports.out.ReplayGuard;
import io.ledgerbridge.ports.out.SageAuthorization;
import io.ledgerbridge.ports.out.SageAuthorization.SageBusiness;
import io.ledgerbridge.ports.out.SageAuthorization.SageClient;
import io.ledgerbridge.ports.out.TokenVault;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sage's authorization-code flow for one binding (SAGE §1), see {@link ConnectSageUseCase}.
 *
 * <p>The {@code state} sent to Sage is a {@link SignedTokens} token naming the tenant and a browser
 * nonce that the start sets as a cookie: a callback is accepted only in the browser that started it
 * (login CSRF), only once (a replay guard on the token's nonce), within 15 minutes. The link that
 * starts the flow is signed too (24 hours), so nobody who merely knows a tenant id can connect that
 * store to a Sage business of their own.
 */
public final class ConnectSageService implements ConnectSageUseCase {
  private static final Logger LOG = Logger.getLogger(ConnectSageService.class.getName());

  static final String LINK = "sage-link";
  static final String STATE = "sage-state";
  static final String OPERATOR_STATE = "sage-state-operator";
  static final String CHOICE = "sage-choice";
  static final Duration STATE_VALIDITY = Duration.ofMinutes(15);
  static final Duration OPERATOR_STATE_VALIDITY = Duration.ofMinutes(30);
  static final Duration CHOICE_VALIDITY = Duration.ofMinutes(15);
  private static final int MAX_SAGE_TEXT = 300;

  private final BindingRepository bindings;
  private final TokenVault vault;
  private final SageAuthorization authorization;
  private final AccountingGateway sage;
  private final ReferenceDataRepository reference;
  private final PolicyRepository policies;
  private final ReplayGuard replayGuard;
  private final SignedTokens tokens;
  private final ConnectSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ConnectSageService(
      BindingRepository bindings,
      TokenVault vault,
      SageAuthorization authorization,
      AccountingGateway sage,
      ReferenceDataRepository reference,
      PolicyRepository policies,
      ReplayGuard replayGuard,
      SignedTokens tokens,
      ConnectSettings settings,
      Clock clock) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.vault = Objects.requireNonNull(vault, "vault");
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.sage = Objects.requireNonNull(sage, "sage");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A disconnected store must be paired again before Sage is connected (its key is gone). */
  private static void requirePaired(Binding binding) {
    if (binding.status() == BindingStatus.DISCONNECTED) {
      throw new io.ledgerbridge.ports.in.BindingNotPairedException(binding.tenantId());
    }
  }

  @Override
  public String connectLink(String tenantId) {
    Binding binding =
        bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    requireConfigured();
    requirePaired(binding);
    String ticket = tokens.mint(LINK, Duration.ofHours(LINK_VALIDITY_HOURS), tenantId);
    return settings.publicUrl()
        + "/oauth/sage/start?tenant="
        + encode(tenantId)
        + "&ticket="
        + encode(ticket);
  }

  @Override
  public StartResult start(String tenantId, String linkTicket) {
    if (!settings.oauthConfigured()) {
      return notConfigured();
    }
    Optional<SignedTokens.Verified> link = tokens.verify(linkTicket, LINK, 1);
    if (tenantId == null || link.isEmpty() || !link.get().fields().get(0).equals(tenantId)) {
      return new Failed(
          Problem.INVALID_LINK,
          "This link to connect Sage is invalid or has expired (links are valid for "
              + LINK_VALIDITY_HOURS
              + " hours). Ask for a new one.");
    }
    Optional<Failed> unusable = unusableBinding(tenantId);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String browserNonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    String state = tokens.mint(STATE, STATE_VALIDITY, tenantId, browserNonce);
    return new Redirect(authorizeUrl(state), browserNonce, STATE_VALIDITY.toSeconds());
  }

  @Override
  public String authorizeUrlForOperator(String tenantId) {
    Binding binding =
        bindings.find(tenantId).orElseThrow(() -> new UnknownBindingException(tenantId));
    requireConfigured();
    requirePaired(binding);
    return authorizeUrl(tokens.mint(OPERATOR_STATE, OPERATOR_STATE_VALIDITY, tenantId));
  }

  private String authorizeUrl(String state) {
    String base = settings.sageAuthorizeUrl();
    return base
        + (base.contains("?") ? "&" : "?")
        + "response_type=code&client_id="
        + encode(settings.sageClientId())
        + "&redirect_uri="
        + encode(settings.redirectUri())
        + "&scope=full_access&state="
        + encode(state);
  }

  @Override
  public Outcome callback(Callback callback, String browserNonce) {
    if (!settings.oauthConfigured()) {
      return notConfigured();
    }
    Optional<String> tenant = acceptState(callback.state(), browserNonce);
    if (tenant.isEmpty()) {
      return new Failed(
          Problem.INVALID_LINK,
          "This Sage sign-in cannot be accepted: it has expired (15 minutes), was already used,"
              + " or was started in another browser. Start again from the link to connect Sage.");
    }
    if (callback.error() != null && !callback.error().isBlank()) {
      return sageError(callback.error(), callback.errorDescription());
    }
    if (callback.code() == null || callback.code().isBlank()) {
      return new Failed(Problem.SAGE_REFUSED, "Sage sent no authorization code. Start again.");
    }
    return connect(tenant.get(), callback.code(), null, callback.country());
  }

  /** The tenant of a valid, unused state from this browser (or the operator's); consumes it. */
  private Optional<String> acceptState(String state, String browserNonce) {
    Optional<SignedTokens.Verified> browser = tokens.verify(state, STATE, 2);
    Optional<SignedTokens.Verified> verified = browser;
    if (browser.isPresent()) {
      String expected = browser.get().fields().get(1);
      if (browserNonce == null
          || !MessageDigest.isEqual(
              expected.getBytes(StandardCharsets.UTF_8),
              browserNonce.getBytes(StandardCharsets.UTF_8))) {
        LOG.warning("Sage callback refused: the state was issued to another browser");
        return Optional.empty();
      }
    } else {
      verified = tokens.verify(state, OPERATOR_STATE, 1);
    }
    if (verified.isEmpty()) {
      LOG.warning("Sage callback refused: state missing, forged or expired");
      return Optional.empty();
    }
    if (!replayGuard.firstUse("oauth_state", verified.get().nonce(), verified.get().expiresAt())) {
      LOG.warning("Sage callback refused: state already used");
      return Optional.empty();
    }
    return Optional.of(verified.get().fields().get(0));
  }

  private static Failed sageError(String error, String description) {
    String code = error.trim().toLowerCase(Locale.ROOT);
    String said = description == null || description.isBlank() ? "" : ": " + clip(description);
    return switch (code) {
      case "access_denied" ->
          new Failed(
              Problem.ACCESS_DENIED,
              "Access to Sage was declined, so nothing was connected. To connect, start again and"
                  + " allow access.");
      case "server_error", "temporarily_unavailable" ->
          new Failed(
              Problem.SAGE_UNAVAILABLE,
              "Sage could not complete the sign-in ("
                  + clip(code)
                  + said
                  + "). Try again shortly.");
      default ->
          new Failed(
              Problem.SAGE_REFUSED,
              "Sage refused the sign-in ("
                  + clip(code)
                  + said
                  + "). If Sage mentions the region or country, sign in with the country of the"
                  + " business (UK and Ireland, or North America).");
    };
  }

  @Override
  public Outcome choose(String selectionToken, String businessId) {
    if (!settings.oauthConfigured()) {
      return notConfigured();
    }
    Optional<SignedTokens.Verified> choice = tokens.verify(selectionToken, CHOICE, 2);
    if (choice.isEmpty()
        || businessId == null
        || !List.of(choice.get().fields().get(1).split(",")).contains(businessId)) {
      return new Failed(
          Problem.INVALID_LINK,
          "This choice of business has expired (15 minutes) or is not valid. Start again from the"
              + " link to connect Sage.");
    }
    if (!replayGuard.firstUse("oauth_choice", choice.get().nonce(), choice.get().expiresAt())) {
      return new Failed(Problem.INVALID_LINK, "This choice of business was already made.");
    }
    String tenant = choice.get().fields().get(0);
    Optional<SageTokens> granted = vault.tokens(tenant);
    Optional<Binding> binding = bindings.find(tenant);
    if (granted.isEmpty() || binding.isEmpty() || binding.get().hasSageBusiness()) {
      return new Failed(
          Problem.INVALID_LINK, "This choice of business is no longer open. Start again.");
    }
    return finish(binding.get(), granted.get(), chosen(granted.get(), businessId), null, null);
  }

  /** The chosen business with its name as Sage lists it (its id, if Sage cannot say now). */
  private SageBusiness chosen(SageTokens granted, String businessId) {
    try {
      for (SageBusiness b :
          authorization.businesses(settings.sageApiUrl(), granted.accessToken())) {
        if (b.id().equals(businessId)) {
          return b;
        }
      }
    } catch (RuntimeException e) { // a GatewayException, or anything else: the id will do
      LOG.warning("could not list the Sage businesses again for their names: " + e.getMessage());
    }
    return new SageBusiness(businessId, businessId);
  }

  @Override
  public Outcome connectWithCode(String tenantId, String code, String businessId) {
    if (!settings.oauthConfigured()) {
      return notConfigured();
    }
    if (code == null || code.isBlank()) {
      return new Failed(Problem.SAGE_REFUSED, "no authorization code given");
    }
    return connect(tenantId, pastedCode(code), businessId, null);
  }

  /**
   * The code as an operator pastes it: the bare code, the code still percent-encoded as the
   * browser's address bar shows it (Sage's codes hold a {@code /}), or the whole callback URL.
   */
  static String pastedCode(String pasted) {
    String code = pasted.trim();
    int q = code.indexOf('?');
    if (q >= 0 && code.contains("code=")) {
      for (String pair : code.substring(q + 1).split("&")) {
        if (pair.startsWith("code=")) {
          code = pair.substring("code=".length());
          break;
        }
      }
    }
    if (code.indexOf('%') >= 0) {
      try {
        code = URLDecoder.decode(code, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // not percent-encoding after all: Sage judges the code as given
      }
    }
    return code;
  }

  private Outcome connect(String tenant, String code, String businessId, String country) {
    Optional<Failed> unusable = unusableBinding(tenant);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    Binding binding = bindings.find(tenant).orElseThrow();
    SageClient client = settings.client();
    SageTokens granted;
    List<SageBusiness> businesses;
    try {
      granted = authorization.exchangeCode(client, code, settings.redirectUri());
    } catch (GatewayException e) {
      return failure(e, "Sage did not accept the sign-in");
    }
    try {
      businesses = authorization.businesses(settings.sageApiUrl(), granted.accessToken());
    } catch (GatewayException e) {
      revokeQuietly(client, granted.refreshToken());
      return failure(e, "Sage did not list the businesses of the user who signed in");
    }
    if (businesses.isEmpty()) {
      revokeQuietly(client, granted.refreshToken());
      return new Failed(
          Problem.NO_BUSINESS,
          "The Sage user who signed in has no Sage Accounting business. Create one, or sign in as a"
              + " user of the business to connect.");
    }
    SageBusiness chosen;
    if (binding.hasSageBusiness()) {
      chosen = find(businesses, binding.sageBusinessId()).orElse(null);
      if (chosen == null) {
        revokeQuietly(client, granted.refreshToken());
        return new Failed(
            Problem.OTHER_BUSINESS,
            "This store is connected to the Sage business "
                + binding.sageBusinessId()
                + ", which the Sage user who signed in cannot reach. Sign in as a user of that"
                + " business (a store cannot move to another business: its documents are there).");
      }
    } else if (businessId != null) {
      chosen = find(businesses, businessId).orElse(null);
      if (chosen == null) {
        revokeQuietly(client, granted.refreshToken());
        return new Failed(
            Problem.OTHER_BUSINESS,
            "business "
                + businessId
                + " is not one of the user's businesses: "
                + businesses.stream().map(b -> b.id() + " (" + b.name() + ")").toList());
      }
    } else if (businesses.size() == 1) {
      chosen = businesses.get(0);
    } else {
      // the binding has no business yet, so nothing syncs with these tokens before the choice
      vault.replace(tenant, granted);
      String ids = String.join(",", businesses.stream().map(SageBusiness::id).toList());
      return new ChooseBusiness(
          tenant, tokens.mint(CHOICE, CHOICE_VALIDITY, tenant, ids), businesses);
    }
    return finish(binding, granted, chosen, country, vault.tokens(tenant).orElse(null));
  }

  /**
   * Stores the tokens and the client, fetches the reference data, makes the binding active and
   * gives it a starting policy if it has none. A refresh token the binding held before is revoked.
   */
  private Outcome finish(
      Binding binding,
      SageTokens granted,
      SageBusiness business,
      String callbackCountry,
      SageTokens previous) {
    String tenant = binding.tenantId();
    BindingSecrets secrets =
        bindings.secrets(tenant).orElseThrow(() -> new UnknownBindingException(tenant));
    vault.replace(tenant, granted);
    SageConnection connection =
        new SageConnection(
            tenant,
            settings.sageApiUrl(),
            settings.sageTokenUrl(),
            business.id(),
            settings.sageClientId(),
            settings.sageClientSecret());
    List<String> warnings = new ArrayList<>();
    ReferenceData data;
    try {
      data = sage.fetchReferenceData(connection, clock.instant());
      reference.store(tenant, data);
    } catch (GatewayException e) {
      Optional<ReferenceData> cached = reference.find(tenant);
      if (!binding.hasSageBusiness() || cached.isEmpty()) {
        return failure(
            e,
            "Connected to Sage, but the business's reference data (tax rates, accounts) could not"
                + " be fetched, so the store is not active yet");
      }
      // reconnecting the business it had: its cached reference data will do until the daily refresh
      data = cached.get();
      warnings.add("Sage reference data could not be refreshed now (" + clip(e.getMessage()) + ")");
    }
    String country = data.businessCountry();
    if (binding.hasSageBusiness()) {
      country = binding.businessCountry();
    } else if (country == null || country.isBlank()) {
      country = callbackCountry == null || callbackCountry.isBlank() ? "GB" : callbackCountry;
      warnings.add(
          "Sage did not report the business's country; assumed "
              + country.toUpperCase(Locale.ROOT));
    }
    Binding current = bindings.find(tenant).orElse(binding);
    BindingStatus next =
        current.status() == BindingStatus.PAUSED ? BindingStatus.PAUSED : BindingStatus.ACTIVE;
    bindings.update(
        current.withSageBusiness(
            settings.sageApiUrl(),
            settings.sageTokenUrl(),
            business.id(),
            country,
            binding.hasSageBusiness() ? binding.baseCurrency() : data.baseCurrency(),
            next),
        secrets.withSageClient(settings.sageClientId(), settings.sageClientSecret()));
    if (previous != null
        && secrets.hasSageClient()
        && !previous.refreshToken().equals(granted.refreshToken())) {
      revokeQuietly(
          new SageClient(
              secrets.sageClientId(),
              secrets.sageClientSecret(),
              current.sageTokenUrl(),
              settings.revokeUrlFor(current.sageTokenUrl())),
          previous.refreshToken());
    }
    warnings.addAll(policyWarnings(tenant, data));
    LOG.info(
        "binding "
            + tenant
            + " connected to Sage business "
            + business.id()
            + " ("
            + next.db()
            + ")");
    return new Connected(tenant, business.id(), business.name(), List.copyOf(warnings));
  }

  private List<String> policyWarnings(String tenant, ReferenceData data) {
    Optional<PolicySnapshot> current = policies.current(tenant);
    SyncPolicy policy;
    if (current.isPresent()) {
      policy = current.get().policy();
    } else {
      Optional<SyncPolicy> starting = StartingPolicy.from(data);
      if (starting.isEmpty()) {
        return List.of(
            "The Sage business has no ledger account visible in sales: set the sync policy before"
                + " invoices can sync.");
      }
      policy = starting.get();
      policies.save(tenant, policy);
    }
    List<String> warnings = new ArrayList<>();
    for (FieldError e : PolicyValidator.validate(policy, data)) {
      warnings.add("policy " + e.field() + ": " + e.message());
    }
    return warnings;
  }

  private Optional<Failed> unusableBinding(String tenantId) {
    Optional<Binding> binding = bindings.find(tenantId);
    if (binding.isEmpty()) {
      return Optional.of(new Failed(Problem.UNKNOWN_BINDING, "There is no such store binding."));
    }
    if (binding.get().status() == BindingStatus.DISCONNECTED) {
      return Optional.of(
          new Failed(
              Problem.STORE_NOT_PAIRED,
              "This store was disconnected. Pair it again (a new pairing code from the store's"
                  + " admin) before connecting Sage."));
    }
    return Optional.empty();
  }

  private static Optional<SageBusiness> find(List<SageBusiness> businesses, String id) {
    return businesses.stream().filter(b -> b.id().equals(id)).findFirst();
  }

  private void revokeQuietly(SageClient client, String refreshToken) {
    try {
      authorization.revoke(client, refreshToken);
    } catch (GatewayException | IllegalArgumentException e) {
      LOG.warning("could not revoke a Sage refresh token: " + e.getMessage());
    }
  }

  private static Failed failure(GatewayException e, String what) {
    String detail = clip(e.getMessage());
    if (e.isTransient()) {
      return new Failed(
          Problem.SAGE_UNAVAILABLE, what + ": Sage is unavailable (" + detail + "). Try again.");
    }
    return new Failed(Problem.SAGE_REFUSED, what + " (" + detail + ").");
  }

  private Failed notConfigured() {
    return new Failed(
        Problem.NOT_CONFIGURED,
        "Connecting Sage is not configured on this chassis (LEDGER_SAGE_CLIENT_ID,"
            + " LEDGER_SAGE_CLIENT_SECRET and LEDGER_PUBLIC_URL).");
  }

  private void requireConfigured() {
    if (!settings.oauthConfigured()) {
      throw new IllegalStateException(notConfigured().message());
    }
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_SAGE_TEXT; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return out.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
