package io.ledgerbridge.core.tax;

import io.ledgerbridge.core.money.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Maps a taxed store amount to a Sage tax rate id through the merchant's tax-rate map (PRODUCT §2:
 * key = applied percentage as a two-decimal string, e.g. {@code "20.00"}). Three steps, first match
 * wins:
 *
 * <ol>
 *   <li><b>exact key</b>: the observed percentage, formatted {@code "%.2f"}, is a key of the map;
 *   <li><b>reproduction</b> (only when tax is non-zero): a mapped percentage that reproduces the
 *       store's tax to within one penny on one of the candidate net amounts. The store's own ratio
 *       is computed from rounded amounts ({@code 0.83 / 4.17 = 0.1990}) and, when tax is applied
 *       after a discount, against the undiscounted row total ({@code 3.60 / 20.00 = 0.18} at 20%),
 *       so the exact key often misses. Among several reproducing percentages the one nearest the
 *       observed percentage wins, ties to the lower percentage;
 *   <li><b>default</b>: {@code defaultTaxRateId}.
 * </ol>
 */
public final class TaxRateRouting {

  private static final BigDecimal ONE_PENNY = new BigDecimal("0.01");

  private TaxRateRouting() {}

  /**
   * The tax-rate map key for a percentage: two decimals, {@code HALF_UP} ({@code 20 -> "20.00"}).
   */
  public static String percentKey(BigDecimal percent) {
    return Amounts.round2(percent).toPlainString();
  }

  /**
   * Chooses the Sage tax rate id for one taxed amount.
   *
   * @param taxRateMap two-decimal percentage string to Sage tax rate id
   * @param defaultTaxRateId used when nothing in the map matches
   * @param observedPercent the store's applied percentage (ratio × 100), any scale
   * @param tax the store's tax amount for this line or charge
   * @param candidateNets net amounts the store may have computed the tax on (e.g. row total, and
   *     row total less discount); zero or negative nets are ignored
   */
  public static String route(
      Map<String, String> taxRateMap,
      String defaultTaxRateId,
      BigDecimal observedPercent,
      BigDecimal tax,
      List<BigDecimal> candidateNets) {
    Objects.requireNonNull(taxRateMap, "taxRateMap");
    Objects.requireNonNull(defaultTaxRateId, "defaultTaxRateId");
    Objects.requireNonNull(observedPercent, "observedPercent");
    Objects.requireNonNull(tax, "tax");
    String exact = taxRateMap.get(percentKey(observedPercent));
    if (exact != null) {
      return exact;
    }
    if (!Amounts.isZero(tax)) {
      String reproduced = reproducing(taxRateMap, observedPercent, tax, candidateNets);
      if (reproduced != null) {
        return reproduced;
      }
    }
    return defaultTaxRateId;
  }

  private static String reproducing(
      Map<String, String> taxRateMap,
      BigDecimal observedPercent,
      BigDecimal tax,
      List<BigDecimal> candidateNets) {
    BigDecimal storeTax = Amounts.round2(tax);
    // TreeMap: deterministic iteration, lower percentage first (so ties go to the lower one).
    TreeMap<BigDecimal, String> byPercent = new TreeMap<>();
    for (Map.Entry<String, String> e : taxRateMap.entrySet()) {
      BigDecimal pct = parsePercent(e.getKey());
      if (pct != null && pct.signum() > 0) {
        byPercent.putIfAbsent(pct, e.getValue());
      }
    }
    List<BigDecimal> nets = new ArrayList<>();
    for (BigDecimal n : candidateNets) {
      if (n != null && Amounts.round2(n).signum() > 0) {
        nets.add(Amounts.round2(n));
      }
    }
    String best = null;
    BigDecimal bestDistance = null;
    for (Map.Entry<BigDecimal, String> e : byPercent.entrySet()) {
      boolean reproduces = false;
      for (BigDecimal net : nets) {
        BigDecimal computed = Amounts.applyPercent(net, e.getKey());
        if (computed.subtract(storeTax).abs().compareTo(ONE_PENNY) <= 0) {
          reproduces = true;
          break;
        }
      }
      if (reproduces) {
        BigDecimal distance = e.getKey().subtract(observedPercent).abs();
        if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
          best = e.getValue();
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  private static BigDecimal parsePercent(String key) {
    try {
      return new BigDecimal(key.trim());
    } catch (NumberFormatException | NullPointerException e) {
      return null;
    }
  }
}
