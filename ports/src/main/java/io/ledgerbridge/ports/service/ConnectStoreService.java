package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.core.binding.BindingUrls;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.ports.in.ConnectStoreUseCase;
import io.ledgerbridge.ports.out.BindingRepository;
import io.ledgerbridge.ports.out.StoreGateway;
import io.ledgerbridge.ports.out.StoreGateway.PairingAnswer;
import io.ledgerbridge.ports.out.StoreGateway.PairingRefused;
import io.ledgerbridge.ports.out.StoreGateway.PairingRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Pairs stores (WIRE §7). The key a store is offered is recorded <em>before</em> the store is
 * called, so a store that took it is never left holding a key the chassis does not know (its events
 * would be refused, and the store drops refused events forever):
 *
 * <ul>
 *   <li>a new store gets a {@code pending_sage} binding with the key first; a definite refusal
 *       removes it again, an unreachable store keeps it (the store may have taken the key; a retry
 *       pairs it again);
 *   <li>a store already bound is offered the new key alongside its current one (webhooks signed
 *       with either are accepted); the store's 200 makes the new key the key, a definite refusal
 *       withdraws it. An offer still unconfirmed because an earlier attempt's answer was lost is
 *       offered again rather than replaced, and a refusal leaves it, since the store may hold it.
 * </ul>
 */
public final class ConnectStoreService implements ConnectStoreUseCase {
  private static final Logger LOG = Logger.getLogger(ConnectStoreService.class.getName());
  private static final int MAX_CODE_CHARS = 256;

  private final BindingRepository bindings;
  private final StoreGateway store;
  private final ConnectSettings settings;
  private final Clock clock;
  private final Supplier<String> tenantIds;
  private final SecureRandom random = new SecureRandom();

  public ConnectStoreService(
      BindingRepository bindings, StoreGateway store, ConnectSettings settings, Clock clock) {
    this(bindings, store, settings, clock, () -> UUID.randomUUID().toString());
  }

  ConnectStoreService(
      BindingRepository bindings,
      StoreGateway store,
      ConnectSettings settings,
      Clock clock,
      Supplier<String> tenantIds) {
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tenantIds = Objects.requireNonNull(tenantIds, "tenantIds");
  }

  @Override
  public PairingResult pair(PairCommand command) {
    if (!settings.pairingConfigured()) {
      return new Refused(
          Reason.NOT_CONFIGURED,
          "pairing needs the chassis's public URL (LEDGER_PUBLIC_URL): the store calls it back");
    }
    String url = command.magentoBaseUrl() == null ? "" : command.magentoBaseUrl().trim();
    try {
      BindingUrls.requireUsable(url, "magento_base_url");
    } catch (IllegalArgumentException e) {
      return new Refused(Reason.INVALID_INPUT, e.getMessage());
    }
    String code = command.pairingCode() == null ? "" : command.pairingCode().trim();
    if (code.isEmpty()) {
      return new Refused(
          Reason.INVALID_INPUT,
          "pairing_code is required: generate one in the store's admin (Stores > Configuration >"
              + " Byte8 > Sage Accounting > Generate pairing code)");
    }
    if (code.length() > MAX_CODE_CHARS) {
      return new Refused(Reason.INVALID_INPUT, "pairing_code is too long to be a pairing code");
    }
    Optional<Binding> existing;
    if (command.tenantId() != null && !command.tenantId().isBlank()) {
      existing = bindings.find(command.tenantId().trim());
      if (existing.isEmpty()) {
        return new Refused(
            Reason.INVALID_INPUT, "no binding has the tenant id given to pair again");
      }
    } else {
      existing =
          bindings.list().stream()
              .filter(b -> BindingUrls.sameStore(b.magentoBaseUrl(), url))
              .findFirst();
    }
    return existing.isPresent()
        ? pairAgain(existing.get(), url, code)
        : pairNew(url, code, newApiKey());
  }

  private PairingResult pairNew(String url, String code, String key) {
    String tenant = tenantIds.get();
    bindings.add(
        Binding.paired(
            tenant, url, settings.sageApiUrl(), settings.sageTokenUrl(), clock.instant()),
        BindingSecrets.storeOnly(key));
    PairingAnswer answer;
    try {
      answer = store.pair(url, new PairingRequest(code, tenant, key, settings.publicUrl()));
    } catch (GatewayException e) {
      // the store may have taken the key before failing: the binding stays so its events are
      // accepted; pairing again (same URL) offers a fresh key
      LOG.warning("pairing " + url + " failed: " + e.getMessage());
      return unavailable(e);
    }
    if (answer instanceof PairingRefused refused) {
      if (!bindings.remove(tenant)) {
        LOG.warning("could not remove the refused pairing of " + url + " (tenant " + tenant + ")");
      }
      return refusal(refused);
    }
    LOG.info("store " + url + " paired as tenant " + tenant + " (pending Sage)");
    return new Paired(tenant, BindingStatus.PENDING_SAGE, false);
  }

  /**
   * Offers the store a new key. An offer still unconfirmed from an earlier attempt (its answer was
   * lost: the store may hold that key) is offered again rather than replaced, and a refusal does
   * not withdraw it, so however the attempts ended the store's key stays accepted.
   */
  private PairingResult pairAgain(Binding binding, String url, String code) {
    String tenant = binding.tenantId();
    BindingSecrets secrets =
        bindings
            .secrets(tenant)
            .orElseThrow(() -> new IllegalStateException("no secrets: " + tenant));
    boolean earlierOffer = secrets.nextApiKey() != null;
    String key = earlierOffer ? secrets.nextApiKey() : newApiKey();
    if (!earlierOffer) {
      bindings.update(current(binding), secrets.offering(key));
    }
    PairingAnswer answer;
    try {
      answer = store.pair(url, new PairingRequest(code, tenant, key, settings.publicUrl()));
    } catch (GatewayException e) {
      // the offer stays: if the store took the key, its events are accepted with it
      LOG.warning("pairing " + url + " again failed: " + e.getMessage());
      return unavailable(e);
    }
    BindingSecrets now = bindings.secrets(tenant).orElse(secrets.offering(key));
    if (answer instanceof PairingRefused refused) {
      if (!earlierOffer && key.equals(now.nextApiKey())) {
        bindings.update(current(binding), now.withdrawingOffer());
      }
      return refusal(refused);
    }
    Binding current = current(binding);
    // a disconnect forgot the Sage tokens: the binding must be connected to Sage again
    BindingStatus next =
        current.status() == BindingStatus.DISCONNECTED
            ? BindingStatus.PENDING_SAGE
            : current.status();
    BindingSecrets confirmed =
        key.equals(now.nextApiKey())
            ? now.confirmingOffer()
            : new BindingSecrets(key, now.sageClientId(), now.sageClientSecret(), null);
    bindings.update(current.withStoreUrl(url).withStatus(next), confirmed);
    LOG.info("store " + url + " paired again as tenant " + tenant + " (" + next.db() + ")");
    return new Paired(tenant, next, true);
  }

  private Binding current(Binding fallback) {
    return bindings.find(fallback.tenantId()).orElse(fallback);
  }

  private static PairingResult unavailable(GatewayException e) {
    return new StoreUnavailable(
        "the store could not be reached or failed ("
            + e.getMessage()
            + "): try again while the pairing code is valid, or generate a new one");
  }

  private static PairingResult refusal(PairingRefused refused) {
    int status = refused.httpStatus();
    if (status == 401) {
      return new Refused(
          Reason.INVALID_PAIRING_CODE,
          "the store refused the pairing code ("
              + refused.message()
              + "): codes are valid for 30 minutes and only once; generate a new one");
    }
    if (status == 400) {
      return new Refused(
          Reason.STORE_REJECTED_REQUEST, "the store refused the pairing: " + refused.message());
    }
    return new Refused(Reason.NOT_A_PAIRABLE_STORE, refused.message());
  }

  /** 32 bytes from the CSPRNG, base64url: 256 bits. */
  private String newApiKey() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
