package io.ledgerbridge.core.policy;

import static io.ledgerbridge.core.policy.PolicyCodec.B2C_CONSOLIDATION;
import static io.ledgerbridge.core.policy.PolicyCodec.B2C_FALLBACK_CONTACT_NAME;
import static io.ledgerbridge.core.policy.PolicyCodec.DEFAULT_BANK_ACCOUNT_ID;
import static io.ledgerbridge.core.policy.PolicyCodec.DEFAULT_LEDGER_ACCOUNT_ID;
import static io.ledgerbridge.core.policy.PolicyCodec.DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID;
import static io.ledgerbridge.core.policy.PolicyCodec.DEFAULT_TAX_RATE_ID;
import static io.ledgerbridge.core.policy.PolicyCodec.INVALID_FORMAT;
import static io.ledgerbridge.core.policy.PolicyCodec.NOT_IN_REFERENCE;
import static io.ledgerbridge.core.policy.PolicyCodec.PAYMENT_METHOD_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.PRODUCT_TAX_CLASS_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.REQUIRED;
import static io.ledgerbridge.core.policy.PolicyCodec.SYNC_STOCK;
import static io.ledgerbridge.core.policy.PolicyCodec.TAX_RATE_MAP;
import static io.ledgerbridge.core.policy.PolicyCodec.ZERO_TAX_RATE_ID;

import io.ledgerbridge.core.reference.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks a decoded policy across fields and against the binding's Sage reference data. Format and
 * range rules of single knobs are {@link PolicyCodec}'s; this class runs, in this order:
 *
 * <ol>
 *   <li>required-when (always): {@code default_purchase_ledger_account_id} when {@code
 *       sync_products} ({@code required}); {@code sync_stock} only with {@code sync_products}
 *       ({@code invalid_format}); {@code b2c_consolidation.fallback_contact_name} when
 *       consolidation is enabled ({@code required});
 *   <li>reference (only with reference data), all {@code not_in_reference}: every tax rate id
 *       ({@code default_tax_rate_id}, {@code zero_tax_rate_id}, each {@code tax_rate_map} and
 *       {@code product_tax_class_map} value) is a Sage tax rate; {@code default_ledger_account_id}
 *       exists and is visible in sales; {@code default_purchase_ledger_account_id} exists and is
 *       visible in expenses; {@code default_bank_account_id} and each bank id of {@code
 *       payment_method_map} is a Sage bank account.
 * </ol>
 *
 * An empty list means the policy may be saved.
 */
public final class PolicyValidator {
  private PolicyValidator() {}

  /**
   * @param reference the binding's cached reference data, or null when none was fetched yet (then
   *     only the rules that need no reference data run)
   */
  public static List<FieldError> validate(SyncPolicy policy, ReferenceData reference) {
    Objects.requireNonNull(policy, "policy");
    List<FieldError> errors = new ArrayList<>();
    requiredWhen(policy, errors);
    if (reference != null) {
      againstReference(policy, reference, errors);
    }
    return List.copyOf(errors);
  }

  private static void requiredWhen(SyncPolicy policy, List<FieldError> errors) {
    SyncPolicy.SyncBehaviour b = policy.behaviour();
    String purchase = policy.mappings().defaultPurchaseLedgerAccountId();
    if (b.syncProducts() && (purchase == null || purchase.isBlank())) {
      errors.add(
          new FieldError(
              DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID,
              REQUIRED,
              "is required when sync_products is true (products are created with a purchase"
                  + " ledger account)"));
    }
    if (b.syncStock() && !b.syncProducts()) {
      errors.add(
          new FieldError(
              SYNC_STOCK,
              INVALID_FORMAT,
              "sync_stock needs sync_products: stock is only synced for products that are synced"));
    }
    SyncPolicy.B2cConsolidation c = policy.b2c();
    if (c.enabled() && c.fallbackContactName().isBlank()) {
      errors.add(
          new FieldError(
              B2C_CONSOLIDATION + "." + B2C_FALLBACK_CONTACT_NAME,
              REQUIRED,
              "is required when B2C consolidation is enabled"));
    }
  }

  private static void againstReference(
      SyncPolicy policy, ReferenceData reference, List<FieldError> errors) {
    SyncPolicy.DefaultMappings m = policy.mappings();
    taxRate(reference, DEFAULT_TAX_RATE_ID, m.defaultTaxRateId(), errors);
    taxRate(reference, ZERO_TAX_RATE_ID, m.zeroTaxRateId(), errors);
    new TreeMap<>(policy.taxRateMap())
        .forEach((pct, id) -> taxRate(reference, TAX_RATE_MAP + "." + pct, id, errors));
    policy.productTaxClassMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(PolicyCodec.TAX_CLASS_ORDER))
        .forEach(
            e ->
                taxRate(reference, PRODUCT_TAX_CLASS_MAP + "." + e.getKey(), e.getValue(), errors));

    Optional<ReferenceData.LedgerAccount> sales =
        reference.ledgerAccount(m.defaultLedgerAccountId());
    if (sales.isEmpty()) {
      errors.add(
          new FieldError(
              DEFAULT_LEDGER_ACCOUNT_ID,
              NOT_IN_REFERENCE,
              "'"
                  + m.defaultLedgerAccountId()
                  + "' is not a Sage ledger account of this business"));
    } else if (!sales.get().visibleInSales()) {
      errors.add(
          new FieldError(
              DEFAULT_LEDGER_ACCOUNT_ID,
              NOT_IN_REFERENCE,
              "'"
                  + sales.get().displayedAs()
                  + "' is not a sales ledger account (not visible in sales)"));
    }

    String purchaseId = m.defaultPurchaseLedgerAccountId();
    if (purchaseId != null) {
      Optional<ReferenceData.LedgerAccount> purchase = reference.ledgerAccount(purchaseId);
      if (purchase.isEmpty()) {
        errors.add(
            new FieldError(
                DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID,
                NOT_IN_REFERENCE,
                "'" + purchaseId + "' is not a Sage ledger account of this business"));
      } else if (!purchase.get().visibleInExpenses()) {
        errors.add(
            new FieldError(
                DEFAULT_PURCHASE_LEDGER_ACCOUNT_ID,
                NOT_IN_REFERENCE,
                "'"
                    + purchase.get().displayedAs()
                    + "' is not a purchase ledger account (not visible in expenses)"));
      }
    }

    if (m.defaultBankAccountId() != null) {
      bank(reference, DEFAULT_BANK_ACCOUNT_ID, m.defaultBankAccountId(), errors);
    }
    for (Map.Entry<String, SyncPolicy.PaymentMapping> e :
        new TreeMap<>(policy.paymentMethodMap()).entrySet()) {
      if (!e.getValue().leavesUnpaid()) {
        bank(
            reference, PAYMENT_METHOD_MAP + "." + e.getKey(), e.getValue().bankAccountId(), errors);
      }
    }
  }

  private static void taxRate(
      ReferenceData reference, String field, String id, List<FieldError> errors) {
    if (reference.taxRate(id).isEmpty()) {
      errors.add(
          new FieldError(
              field, NOT_IN_REFERENCE, "'" + id + "' is not a Sage tax rate of this business"));
    }
  }

  private static void bank(
      ReferenceData reference, String field, String id, List<FieldError> errors) {
    if (reference.bankAccount(id).isEmpty()) {
      errors.add(
          new FieldError(
              field, NOT_IN_REFERENCE, "'" + id + "' is not a Sage bank account of this business"));
    }
  }
}
