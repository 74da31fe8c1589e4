package io.ledgerbridge.core.payment;

import io.ledgerbridge.core.policy.PolicyCodec;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Sage {@code payment_method_id} of a store payment method (SAGE §2.4, {@code GET
 * /payment_methods}: a fixed system list). First match wins:
 *
 * <ol>
 *   <li>the policy's {@code sage_payment_method_map} entry for the store code;
 *   <li>a built-in default for Magento's own offline methods: {@code checkmo} → {@code CHECK},
 *       {@code cashondelivery} → {@code CASH}, {@code banktransfer} and {@code purchaseorder} →
 *       {@code ELECTRONIC};
 *   <li>a code naming PayPal → {@code ONLINE_PAYMENT};
 *   <li>anything else → {@code CREDIT_DEBIT}: an online store's other gateways (Stripe, Braintree,
 *       Adyen, Authorize.Net, ...) take cards.
 * </ol>
 */
public final class SagePaymentMethods {
  public static final String CASH = "CASH";
  public static final String CHECK = "CHECK";
  public static final String ELECTRONIC = "ELECTRONIC";
  public static final String CREDIT_DEBIT = "CREDIT_DEBIT";
  public static final String ONLINE_PAYMENT = "ONLINE_PAYMENT";

  /** Every id Sage's {@code /payment_methods} lists. */
  public static final List<String> IDS = PolicyCodec.SAGE_PAYMENT_METHOD_IDS;

  /** The built-in defaults for Magento's offline methods. */
  public static final Map<String, String> DEFAULTS =
      Map.of(
          "checkmo", CHECK,
          "cashondelivery", CASH,
          "banktransfer", ELECTRONIC,
          "purchaseorder", ELECTRONIC);

  private SagePaymentMethods() {}

  public static String forStoreMethod(SyncPolicy policy, String storeCode) {
    String code = storeCode == null ? "" : storeCode.trim();
    String mapped = policy.sagePaymentMethodMap().get(code);
    if (mapped != null) {
      return mapped;
    }
    String builtIn = DEFAULTS.get(code.toLowerCase(Locale.ROOT));
    if (builtIn != null) {
      return builtIn;
    }
    return code.toLowerCase(Locale.ROOT).contains("paypal") ? ONLINE_PAYMENT : CREDIT_DEBIT;
  }
}
