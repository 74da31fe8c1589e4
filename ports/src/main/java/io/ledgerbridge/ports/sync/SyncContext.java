package io.ledgerbridge.ports.sync;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.policy.SyncPolicy;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.ports.out.AccountingGateway.SageConnection;
import io.ledgerbridge.ports.out.ExchangeLog;
import io.ledgerbridge.ports.out.StoreGateway.StoreEndpoint;
import java.util.Objects;

/**
 * What a handler gets for one attempt of one run.
 *
 * @param run the run, started ({@code running})
 * @param binding the run's binding
 * @param policy the policy version the event was accepted under
 * @param store where and as whom to call the store
 * @param sage which Sage business, with which OAuth client
 * @param gate called before every Sage call: confirms the business lease and waits for the rate
 *     governor (it throws a transient failure when either says stop)
 */
public record SyncContext(
    SyncRun run,
    Binding binding,
    SyncPolicy policy,
    StoreEndpoint store,
    SageConnection sage,
    SageCallGate gate) {

  public SyncContext {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(sage, "sage");
    Objects.requireNonNull(gate, "gate");
  }

  /** The context of {@code running} under {@code binding}, whose secrets say who calls whom. */
  public static SyncContext of(
      SyncRun running,
      Binding binding,
      BindingSecrets secrets,
      SyncPolicy policy,
      SageCallGate gate) {
    return of(running, binding, secrets, policy, gate, ExchangeLog.NONE);
  }

  /**
   * The context of {@code running} under {@code binding}; every call to the store and to Sage made
   * with it is told to {@code exchanges}.
   */
  public static SyncContext of(
      SyncRun running,
      Binding binding,
      BindingSecrets secrets,
      SyncPolicy policy,
      SageCallGate gate,
      ExchangeLog exchanges) {
    return new SyncContext(
        running,
        binding,
        policy,
        new StoreEndpoint(
            binding.tenantId(), binding.magentoBaseUrl(), secrets.apiKey(), exchanges),
        new SageConnection(
            binding.tenantId(),
            binding.sageApiUrl(),
            binding.sageTokenUrl(),
            binding.sageBusinessId(),
            secrets.sageClientId(),
            secrets.sageClientSecret(),
            exchanges),
        gate);
  }

  /** The tenant of the run. */
  public String tenantId() {
    return run.tenantId();
  }

  /** The store entity id of the run, as the cross-references key it. */
  public String storeEntityKey() {
    return Long.toString(run.storeEntityId());
  }

  /** Must be called before each call to Sage (see {@link SyncContext}). */
  @FunctionalInterface
  public interface SageCallGate {
    void beforeSageCall();
  }
}
