package io.ledgerbridge.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The merchant's sync policy for one binding (PRODUCT §2), grouped as the settings page shows it.
 * Immutable; a run keeps the version it was accepted under. Flat accessors for the knobs the rules
 * read most are provided for convenience.
 *
 * <p>{@code productTaxClassMap} ({@code product_tax_class_map}): the store's product tax class id
 * ({@code "2"}, Magento's "Taxable Goods") to the Sage tax rate id a synced product, service or
 * stock item sells at; a class without an entry takes {@code default_tax_rate_id}.
 */
public record SyncPolicy(
    SyncBehaviour behaviour,
    DefaultMappings mappings,
    Map<String, PaymentMapping> paymentMethodMap,
    Map<String, String> taxRateMap,
    Commercial commercial,
    MultiCurrency multiCurrency,
    B2cConsolidation b2c,
    Map<String, String> sagePaymentMethodMap,
    Map<String, String> productTaxClassMap) {

  public SyncPolicy {
    Objects.requireNonNull(behaviour, "behaviour");
    Objects.requireNonNull(mappings, "mappings");
    paymentMethodMap = paymentMethodMap == null ? Map.of() : Map.copyOf(paymentMethodMap);
    taxRateMap = taxRateMap == null ? Map.of() : Map.copyOf(taxRateMap);
    commercial = commercial == null ? Commercial.defaults() : commercial;
    multiCurrency = multiCurrency == null ? MultiCurrency.defaults() : multiCurrency;
    b2c = b2c == null ? B2cConsolidation.disabled() : b2c;
    sagePaymentMethodMap =
        sagePaymentMethodMap == null ? Map.of() : Map.copyOf(sagePaymentMethodMap);
    productTaxClassMap = productTaxClassMap == null ? Map.of() : Map.copyOf(productTaxClassMap);
  }

  /** A policy without a {@code product_tax_class_map} (every product takes the default rate). */
  public SyncPolicy(
      SyncBehaviour behaviour,
      DefaultMappings mappings,
      Map<String, PaymentMapping> paymentMethodMap,
      Map<String, String> taxRateMap,
      Commercial commercial,
      MultiCurrency multiCurrency,
      B2cConsolidation b2c,
      Map<String, String> sagePaymentMethodMap) {
    this(
        behaviour,
        mappings,
        paymentMethodMap,
        taxRateMap,
        commercial,
        multiCurrency,
        b2c,
        sagePaymentMethodMap,
        Map.of());
  }

  /** A policy with the built-in Sage payment methods only (no {@code sage_payment_method_map}). */
  public SyncPolicy(
      SyncBehaviour behaviour,
      DefaultMappings mappings,
      Map<String, PaymentMapping> paymentMethodMap,
      Map<String, String> taxRateMap,
      Commercial commercial,
      MultiCurrency multiCurrency,
      B2cConsolidation b2c) {
    this(
        behaviour,
        mappings,
        paymentMethodMap,
        taxRateMap,
        commercial,
        multiCurrency,
        b2c,
        Map.of());
  }

  /**
   * Sync behaviour knobs.
   *
   * @param syncUnpaidInvoices false: only invoices already paid are posted
   * @param syncZeroValueInvoices false: zero grand total invoices are skipped
   * @param syncSince documents created earlier are skipped; null = no limit
   * @param websiteFilter website ids to sync; empty = all
   * @param storeFilter store ids to sync; empty = all
   * @param syncProducts {@code product.upserted} creates and updates Sage products, services and
   *     stock items; false: those events are skipped ({@code products_not_synced})
   * @param syncStock managed stock of simple products becomes Sage stock items whose level follows
   *     the store's quantity (needs {@code syncProducts})
   */
  public record SyncBehaviour(
      boolean syncUnpaidInvoices,
      boolean syncZeroValueInvoices,
      Instant syncSince,
      Set<Integer> websiteFilter,
      Set<Integer> storeFilter,
      boolean syncProducts,
      boolean syncStock) {
    public SyncBehaviour {
      websiteFilter = websiteFilter == null ? Set.of() : Set.copyOf(websiteFilter);
      storeFilter = storeFilter == null ? Set.of() : Set.copyOf(storeFilter);
    }

    public static SyncBehaviour defaults() {
      return new SyncBehaviour(true, true, null, Set.of(), Set.of(), false, false);
    }
  }

  /**
   * Default Sage ids.
   *
   * @param defaultTaxRateId tax rate for lines without a tax-rate-map match
   * @param defaultLedgerAccountId sales ledger account for every line (sales-visible only)
   * @param defaultBankAccountId bank for unmapped payment methods; null = leave unpaid
   * @param defaultPurchaseLedgerAccountId required when products are synced
   * @param zeroTaxRateId the zero rate for cross-border lines and untaxed shipping
   */
  public record DefaultMappings(
      String defaultTaxRateId,
      String defaultLedgerAccountId,
      String defaultBankAccountId,
      String defaultPurchaseLedgerAccountId,
      String zeroTaxRateId) {
    public DefaultMappings {
      Objects.requireNonNull(defaultTaxRateId, "default_tax_rate_id");
      Objects.requireNonNull(defaultLedgerAccountId, "default_ledger_account_id");
      zeroTaxRateId = zeroTaxRateId == null ? "GB_ZERO" : zeroTaxRateId;
    }
  }

  /** Where a store payment method's money goes: a Sage bank account, or nowhere (leave unpaid). */
  public record PaymentMapping(String bankAccountId) {
    public static PaymentMapping leaveUnpaid() {
      return new PaymentMapping(null);
    }

    public boolean leavesUnpaid() {
      return bankAccountId == null;
    }
  }

  /**
   * @param invoiceNumberPrefix added once to the store number in Sage references
   * @param customerNamePriority {@code Company} or {@code Person}
   */
  public record Commercial(String invoiceNumberPrefix, String customerNamePriority) {
    public Commercial {
      invoiceNumberPrefix = invoiceNumberPrefix == null ? "" : invoiceNumberPrefix;
      customerNamePriority = customerNamePriority == null ? "Company" : customerNamePriority;
    }

    public static Commercial defaults() {
      return new Commercial("", "Company");
    }
  }

  /**
   * @param defaultEuGoodsServicesType {@code GOODS} or {@code SERVICES}
   * @param productTypeEuGoodsMap store product type to {@code GOODS}/{@code SERVICES}
   */
  public record MultiCurrency(
      String defaultEuGoodsServicesType, Map<String, String> productTypeEuGoodsMap) {
    public static final Map<String, String> DEFAULT_PRODUCT_TYPE_MAP =
        Map.of(
            "simple", "GOODS",
            "configurable", "GOODS",
            "bundle", "GOODS",
            "grouped", "GOODS",
            "virtual", "SERVICES",
            "downloadable", "SERVICES");

    public MultiCurrency {
      defaultEuGoodsServicesType =
          defaultEuGoodsServicesType == null ? "GOODS" : defaultEuGoodsServicesType;
      productTypeEuGoodsMap =
          productTypeEuGoodsMap == null
              ? DEFAULT_PRODUCT_TYPE_MAP
              : Map.copyOf(productTypeEuGoodsMap);
    }

    public static MultiCurrency defaults() {
      return new MultiCurrency("GOODS", DEFAULT_PRODUCT_TYPE_MAP);
    }
  }

  /** B2C consolidation: small guest orders onto one fallback contact per currency. */
  public record B2cConsolidation(
      boolean enabled,
      String fallbackContactName,
      String fallbackContactEmail,
      String fallbackContactReference,
      BigDecimal minTotalForIndividual,
      boolean alwaysIndividualForB2b) {
    public B2cConsolidation {
      fallbackContactName = fallbackContactName == null ? "Magento Web Sales" : fallbackContactName;
      fallbackContactReference =
          fallbackContactReference == null ? "WEBSALES" : fallbackContactReference;
      minTotalForIndividual =
          minTotalForIndividual == null ? BigDecimal.ZERO : minTotalForIndividual;
    }

    public static B2cConsolidation disabled() {
      return new B2cConsolidation(
          false, "Magento Web Sales", null, "WEBSALES", BigDecimal.ZERO, true);
    }
  }

  /**
   * The documented defaults. The ledger account has no universal default in Sage; it comes from the
   * binding's reference data or the merchant.
   */
  public static SyncPolicy defaults(String defaultLedgerAccountId) {
    return new SyncPolicy(
        SyncBehaviour.defaults(),
        new DefaultMappings("GB_STANDARD", defaultLedgerAccountId, null, null, "GB_ZERO"),
        Map.of(),
        Map.of(),
        Commercial.defaults(),
        MultiCurrency.defaults(),
        B2cConsolidation.disabled());
  }

  /**
   * A policy from the sync-behaviour, mapping, tax-map and commercial knobs, with defaults for the
   * rest (no payment map, default multi-currency map, consolidation off).
   */
  public static SyncPolicy of(
      boolean syncUnpaidInvoices,
      boolean syncZeroValueInvoices,
      Instant syncSince,
      Set<Integer> websiteFilter,
      Set<Integer> storeFilter,
      String defaultTaxRateId,
      String defaultLedgerAccountId,
      Map<String, String> taxRateMap,
      String zeroTaxRateId,
      String invoiceNumberPrefix,
      String customerNamePriority,
      String defaultEuGoodsServicesType) {
    return new SyncPolicy(
        new SyncBehaviour(
            syncUnpaidInvoices,
            syncZeroValueInvoices,
            syncSince,
            websiteFilter,
            storeFilter,
            false,
            false),
        new DefaultMappings(defaultTaxRateId, defaultLedgerAccountId, null, null, zeroTaxRateId),
        Map.of(),
        taxRateMap,
        new Commercial(invoiceNumberPrefix, customerNamePriority),
        new MultiCurrency(defaultEuGoodsServicesType, null),
        B2cConsolidation.disabled());
  }

  public SyncPolicy withBehaviour(SyncBehaviour b) {
    return new SyncPolicy(
        b,
        mappings,
        paymentMethodMap,
        taxRateMap,
        commercial,
        multiCurrency,
        b2c,
        sagePaymentMethodMap,
        productTaxClassMap);
  }

  public SyncPolicy withMappings(DefaultMappings m) {
    return new SyncPolicy(
        behaviour,
        m,
        paymentMethodMap,
        taxRateMap,
        commercial,
        multiCurrency,
        b2c,
        sagePaymentMethodMap,
        productTaxClassMap);
  }

  public SyncPolicy withPaymentMethodMap(Map<String, PaymentMapping> map) {
    return new SyncPolicy(
        behaviour,
        mappings,
        map,
        taxRateMap,
        commercial,
        multiCurrency,
        b2c,
        sagePaymentMethodMap,
        productTaxClassMap);
  }

  public SyncPolicy withTaxRateMap(Map<String, String> map) {
    return new SyncPolicy(
        behaviour,
        mappings,
        paymentMethodMap,
        map,
        commercial,
        multiCurrency,
        b2c,
        sagePaymentMethodMap,
        productTaxClassMap);
  }

  public SyncPolicy withCommercial(Commercial c) {
    return new SyncPolicy(
        behaviour,
        mappings,
        paymentMethodMap,
        taxRateMap,
        c,
        multiCurrency,
        b2c,
        sagePaymentMethodMap,
        productTaxClassMap);
  }

  public SyncPolicy withMultiCurrency(MultiCurrency m) {
    return new SyncPolicy(
        behaviour,
        mappings,
        paymentMethodMap,
        taxRateMap,
        commercial,
        m,
        b2c,
        sagePaymentMethodMap,
        productTaxClassMap);
  }

  public SyncPolicy withB2c(B2cConsolidation c) {
    return new SyncPolicy(
        behaviour,
        mappings,
        paymentMethodMap,
        taxRateMap,
        commercial,
        multiCurrency,
        c,
        sagePaymentMethodMap,
        productTaxClassMap);
  }

  /** Store payment method code to Sage {@code payment_method_id}, over the built-in defaults. */
  public SyncPolicy withSagePaymentMethodMap(Map<String, String> map) {
    return new SyncPolicy(
        behaviour,
        mappings,
        paymentMethodMap,
        taxRateMap,
        commercial,
        multiCurrency,
        b2c,
        map,
        productTaxClassMap);
  }

  /**
   * Store tax class id ({@code "2"}) to the Sage tax rate id a product of that class sells at;
   * classes without an entry take {@code default_tax_rate_id}.
   */
  public SyncPolicy withProductTaxClassMap(Map<String, String> map) {
    return new SyncPolicy(
        behaviour,
        mappings,
        paymentMethodMap,
        taxRateMap,
        commercial,
        multiCurrency,
        b2c,
        sagePaymentMethodMap,
        map);
  }

  // Flat accessors used by the rules.

  public boolean syncUnpaidInvoices() {
    return behaviour.syncUnpaidInvoices();
  }

  public boolean syncZeroValueInvoices() {
    return behaviour.syncZeroValueInvoices();
  }

  public Instant syncSince() {
    return behaviour.syncSince();
  }

  public Set<Integer> websiteFilter() {
    return behaviour.websiteFilter();
  }

  public Set<Integer> storeFilter() {
    return behaviour.storeFilter();
  }

  public String defaultTaxRateId() {
    return mappings.defaultTaxRateId();
  }

  public String defaultLedgerAccountId() {
    return mappings.defaultLedgerAccountId();
  }

  public String zeroTaxRateId() {
    return mappings.zeroTaxRateId();
  }

  public String invoiceNumberPrefix() {
    return commercial.invoiceNumberPrefix();
  }

  public String customerNamePriority() {
    return commercial.customerNamePriority();
  }

  public String defaultEuGoodsServicesType() {
    return multiCurrency.defaultEuGoodsServicesType();
  }
}
