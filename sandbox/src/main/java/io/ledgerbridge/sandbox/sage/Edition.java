package io.ledgerbridge.sandbox.sage;

import java.util.Map;
import java.util.Set;

/**
 * The Sage Accounting edition of a sandbox business ({@link SandboxSage#setEdition}). Every
 * operation in Sage's per-module Swagger files carries an "Endpoint Availability" list of editions;
 * the sandbox enforces it, literally, for the operations it serves where an edition is missing:
 *
 * <ul>
 *   <li>{@code POST /contact_allocations}: Plus and Standard, not Start ({@code
 *       swagger.payments.json}; {@code GET} is listed for all three).
 *   <li>{@code POST /sales_credit_notes}: Plus and Start, not Standard ({@code
 *       swagger.invoicing_sales.json}; {@code GET} is listed for all three). Sage's product pages
 *       suggest Standard can raise credit notes, so this line may be a gap in the documentation;
 *       the sandbox follows the file because it is the only official statement, and a client that
 *       handles the refusal loses nothing if the real API turns out to be more generous.
 *   <li>{@code POST} and {@code PUT} of {@code /products} and {@code /services}: Plus and Standard,
 *       not Start ({@code swagger.products_services.json}; their {@code GET}s are listed for all
 *       three). D-INVENT: inventory is "excluding Start".
 *   <li>{@code /stock_items} and {@code /stock_movements}, every method: Plus only ({@code
 *       swagger.products_services.json} lists neither Standard nor Start for any of their
 *       operations). A Standard or Start business has no stock at all.
 * </ul>
 *
 * <p>What Sage answers for an operation the edition lacks is not documented. The sandbox answers
 * {@code 403 MultiUserAccessDenied} "The current user is not allowed to access that resource with
 * that method." (SAGE.md §3.1, D-FRE): availability sits beside the per-area access rights in every
 * operation description; the message names the resource <em>and the method</em>, which is exactly
 * the case here (the {@code GET} of the same path works); {@code 404} would claim the path does not
 * exist, {@code 405} that the verb is never valid on it, and {@code 422} that the payload could be
 * fixed, none of which is true. A client must read this 403 on one operation as "not available for
 * this business", not as a reason to re-authorise (D-BP: only when every request answers 403).
 * Inventory is the same case one level up: on Standard and Start even {@code GET /stock_items}
 * answers this 403, while every other path of the business keeps working; a client that needs stock
 * should read the edition from {@code GET /businesses/{id}} ({@code subscriptions[].id}) to name it
 * in its error.
 */
public enum Edition {
  /** Sage Accounting Plus: every operation the sandbox serves. The default. */
  PLUS("ACCOUNTING", "Accounting Plus"),
  /** Sage Accounting Standard (subscription {@code ACCOUNTING_10} since May 2020). */
  STANDARD("ACCOUNTING_10", "Accounting Standard"),
  /** Sage Accounting Start (subscription {@code START}). */
  START("START", "Accounting Start");

  /** Operations (method and collection) some editions lack, with the editions that offer them. */
  private static final Map<String, Set<Edition>> RESTRICTED =
      Map.ofEntries(
          Map.entry("POST /contact_allocations", Set.of(PLUS, STANDARD)),
          Map.entry("POST /sales_credit_notes", Set.of(PLUS, START)),
          Map.entry("POST /products", Set.of(PLUS, STANDARD)),
          Map.entry("PUT /products", Set.of(PLUS, STANDARD)),
          Map.entry("POST /services", Set.of(PLUS, STANDARD)),
          Map.entry("PUT /services", Set.of(PLUS, STANDARD)),
          Map.entry("GET /stock_items", Set.of(PLUS)),
          Map.entry("POST /stock_items", Set.of(PLUS)),
          Map.entry("PUT /stock_items", Set.of(PLUS)),
          Map.entry("GET /stock_movements", Set.of(PLUS)),
          Map.entry("POST /stock_movements", Set.of(PLUS)),
          Map.entry("PUT /stock_movements", Set.of(PLUS)));

  /** The subscription id {@code GET /businesses/{id}} shows (D-BP). */
  final String subscriptionId;

  final String displayedAs;

  Edition(String subscriptionId, String displayedAs) {
    this.subscriptionId = subscriptionId;
    this.displayedAs = displayedAs;
  }

  /** Whether this edition offers {@code method} on {@code /collection}. */
  boolean offers(String method, String collection) {
    Set<Edition> editions = RESTRICTED.get(method + " /" + collection);
    return editions == null || editions.contains(this);
  }
}
