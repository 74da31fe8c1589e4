package io.ledgerbridge.core.tax;

import io.ledgerbridge.core.money.Amounts;
import io.ledgerbridge.core.policy.SyncPolicy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one sales document (an invoice or a credit note) is taxed in Sage, decided once per document
 * (PRODUCT §3):
 *
 * <ul>
 *   <li>{@link Domestic}: the customer is billed in the Sage business's country (or no billing
 *       country is known, the safe reading). Lines keep the store's tax and map their percentage
 *       through the tax-rate map ({@link TaxRateRouting}). Untaxed shipping uses {@code
 *       zero_tax_rate_id}, because Sage recomputes shipping tax from the rate and would leave a
 *       phantom balance; taxed shipping routes its percentage like a line.
 *   <li>{@link CrossBorder}: the billing country differs. Every line and the shipping are
 *       zero-rated with tax 0, and every line carries the document's one EU goods/services type
 *       ({@link EuGoodsServices}; a mix is coerced to the policy default, with a warning). Not
 *       configurable.
 * </ul>
 */
public sealed interface TaxRoute permits TaxRoute.Domestic, TaxRoute.CrossBorder {

  /** Warning code when a cross-border document's lines mix goods and services. */
  String MIXED_COERCED_TO_DEFAULT = EuGoodsServices.MIXED_COERCED_TO_DEFAULT;

  /** One line's tax as Sage receives it; the EU type is null on domestic documents. */
  record LineTax(String taxRateId, BigDecimal tax, String euGoodsServicesType) {}

  /** The shipping panel as Sage receives it; all three null when there is no shipping. */
  record ShippingTax(BigDecimal net, String taxRateId, BigDecimal tax) {
    public static final ShippingTax NONE = new ShippingTax(null, null, null);

    public BigDecimal netOrZero() {
      return net == null ? Amounts.zero() : net;
    }

    public BigDecimal taxOrZero() {
      return tax == null ? Amounts.zero() : tax;
    }
  }

  /**
   * The route of a document billed to {@code billingCountry} (empty when unknown) by a Sage
   * business in {@code businessCountry}, whose lines have {@code productTypes}.
   */
  static TaxRoute choose(
      Optional<String> billingCountry,
      String businessCountry,
      List<String> productTypes,
      SyncPolicy policy) {
    Objects.requireNonNull(businessCountry, "businessCountry");
    Objects.requireNonNull(policy, "policy");
    boolean crossBorder =
        billingCountry
            .map(c -> c.trim().toUpperCase(Locale.ROOT))
            .filter(c -> !c.isEmpty())
            .map(c -> !c.equalsIgnoreCase(businessCountry.trim()))
            .orElse(false);
    if (!crossBorder) {
      return new Domestic(policy.taxRateMap(), policy.defaultTaxRateId(), policy.zeroTaxRateId());
    }
    Map<String, String> typeMap = policy.multiCurrency().productTypeEuGoodsMap();
    String defaultType = policy.defaultEuGoodsServicesType();
    return new CrossBorder(
        policy.zeroTaxRateId(),
        EuGoodsServices.forDocument(productTypes, typeMap, defaultType),
        EuGoodsServices.isMixed(productTypes, typeMap, defaultType));
  }

  /**
   * One line's tax.
   *
   * @param storeTax the store's tax on the line, unrounded
   * @param observedPercent the store's applied percentage (ratio × 100)
   * @param candidateNets the net amounts the store may have taxed (see {@link TaxRateRouting})
   */
  LineTax line(BigDecimal storeTax, BigDecimal observedPercent, List<BigDecimal> candidateNets);

  /**
   * A charge the store does not tax (a credit memo's adjustment refund or fee): the zero rate, with
   * the document's EU type on a cross-border document.
   */
  LineTax untaxed();

  /** The shipping panel for the store's shipping net and tax (each rounded to 2 dp here). */
  ShippingTax shipping(BigDecimal storeShippingNet, BigDecimal storeShippingTax);

  boolean isCrossBorder();

  /** A warning for the run, when the route had to coerce something. */
  Optional<String> warning();

  /** Domestic: the store's tax, rates through the tax-rate map. */
  record Domestic(Map<String, String> taxRateMap, String defaultTaxRateId, String zeroTaxRateId)
      implements TaxRoute {

    @Override
    public LineTax line(
        BigDecimal storeTax, BigDecimal observedPercent, List<BigDecimal> candidateNets) {
      String rate =
          TaxRateRouting.route(
              taxRateMap, defaultTaxRateId, observedPercent, storeTax, candidateNets);
      return new LineTax(rate, Amounts.round2(storeTax), null);
    }

    @Override
    public LineTax untaxed() {
      return new LineTax(zeroTaxRateId, Amounts.zero(), null);
    }

    @Override
    public ShippingTax shipping(BigDecimal storeShippingNet, BigDecimal storeShippingTax) {
      BigDecimal net = Amounts.round2(storeShippingNet);
      BigDecimal tax = Amounts.round2(storeShippingTax);
      if (net.signum() == 0 && tax.signum() == 0) {
        return ShippingTax.NONE;
      }
      if (tax.signum() == 0) {
        return new ShippingTax(net, zeroTaxRateId, Amounts.zero());
      }
      BigDecimal percent = net.signum() == 0 ? BigDecimal.ZERO : Amounts.percentOf(tax, net);
      return new ShippingTax(
          net, TaxRateRouting.route(taxRateMap, defaultTaxRateId, percent, tax, List.of(net)), tax);
    }

    @Override
    public boolean isCrossBorder() {
      return false;
    }

    @Override
    public Optional<String> warning() {
      return Optional.empty();
    }
  }

  /** Cross-border: everything zero-rated, every line with the document's EU type. */
  record CrossBorder(String zeroTaxRateId, String euGoodsServicesType, boolean mixedTypes)
      implements TaxRoute {

    @Override
    public LineTax line(
        BigDecimal storeTax, BigDecimal observedPercent, List<BigDecimal> candidateNets) {
      return new LineTax(zeroTaxRateId, Amounts.zero(), euGoodsServicesType);
    }

    @Override
    public LineTax untaxed() {
      return new LineTax(zeroTaxRateId, Amounts.zero(), euGoodsServicesType);
    }

    @Override
    public ShippingTax shipping(BigDecimal storeShippingNet, BigDecimal storeShippingTax) {
      BigDecimal net = Amounts.round2(storeShippingNet);
      if (net.signum() == 0 && Amounts.round2(storeShippingTax).signum() == 0) {
        return ShippingTax.NONE;
      }
      return new ShippingTax(net, zeroTaxRateId, Amounts.zero());
    }

    @Override
    public boolean isCrossBorder() {
      return true;
    }

    @Override
    public Optional<String> warning() {
      return mixedTypes
          ? Optional.of(
              MIXED_COERCED_TO_DEFAULT
                  + ": lines mix goods and services; every line uses "
                  + euGoodsServicesType)
          : Optional.empty();
    }
  }
}
