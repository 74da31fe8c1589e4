package io.ledgerbridge.core.product;

import io.ledgerbridge.core.policy.SkipReason;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** What {@link ProductTranslator} makes of a store product. */
public sealed interface ProductTranslation
    permits ProductTranslation.Skip, ProductTranslation.Invalid, ProductTranslation.Item {

  /** The policy or the product's type says it is not synced. */
  record Skip(SkipReason reason, String explanation) implements ProductTranslation {
    public Skip {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  /** The product cannot be synced as it stands (e.g. its kind changed); permanent. */
  record Invalid(String message) implements ProductTranslation {
    public Invalid {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The Sage item to create or update.
   *
   * @param stockTarget the level the stock item's stock is brought to (the store's quantity, at
   *     least zero); null when stock is not reconciled
   * @param warnings what the run should show although it syncs, each {@code code: sentence} ({@code
   *     stock_below_zero_clamped}, {@code stock_quantity_missing}, {@code kind_kept})
   */
  record Item(SageCatalogItemDraft draft, BigDecimal stockTarget, List<String> warnings)
      implements ProductTranslation {
    public Item {
      Objects.requireNonNull(draft, "draft");
      if (stockTarget != null && draft.kind() != CatalogItemKind.STOCK_ITEM) {
        throw new IllegalArgumentException("only a stock item has a stock level");
      }
      warnings = List.copyOf(warnings);
    }

    public CatalogItemKind kind() {
      return draft.kind();
    }
  }
}
