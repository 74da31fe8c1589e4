package io.ledgerbridge.core.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemCodesTest {

  @Test
  void aSkuThatFitsIsTheItemCodeAsItIs() {
    assertThat(ItemCodes.forSku("WB-01", 30)).isEqualTo("WB-01");
    assertThat(ItemCodes.forSku("x".repeat(30), 30)).isEqualTo("x".repeat(30));
    assertThat(ItemCodes.notesFor("WB-01", "WB-01")).isNull();
  }

  @Test
  void aLongerSkuGetsItsHeadATildeAndEightHexOfItsDigest() {
    String sku = "LUMAFLEX-PREMIUM-WATER-BOTTLE-750ML-BLUE";

    String code = ItemCodes.forSku(sku, 30);

    assertThat(code).hasSize(30).startsWith("LUMAFLEX-PREMIUM-WATE~").matches(".{21}~[0-9a-f]{8}");
    // the first 8 hex characters of SHA-256 of the whole SKU
    assertThat(code.substring(22)).isEqualTo(sha256Prefix(sku));
    assertThat(ItemCodes.notesFor(sku, code)).isEqualTo("Magento SKU: " + sku);
  }

  @Test
  void theShortCodeIsDeterministicAndTellsSkusWithTheSameHeadApart() {
    String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-0001";
    String b = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-0002";

    assertThat(ItemCodes.forSku(a, 30)).isEqualTo(ItemCodes.forSku(a, 30));
    assertThat(ItemCodes.forSku(a, 30)).isNotEqualTo(ItemCodes.forSku(b, 30));
    assertThat(ItemCodes.forSku(a, 30).substring(0, 21))
        .isEqualTo(ItemCodes.forSku(b, 30).substring(0, 21));
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String sku = "x".repeat(20) + "\uD83D\uDE00" + "y".repeat(20);

    String code = ItemCodes.forSku(sku, 30);

    assertThat(code).startsWith("x".repeat(20) + "~").hasSize(29);
  }

  @Test
  void theSkuOfAnItemIsReadFromItsNotesElseItsCode() {
    assertThat(ItemCodes.skuOf("ABC~12345678", "Magento SKU: ABC-LONG")).contains("ABC-LONG");
    assertThat(ItemCodes.skuOf("WB-01", null)).contains("WB-01");
    assertThat(ItemCodes.skuOf("WB-01", "bought from Acme")).contains("WB-01");
    assertThat(ItemCodes.skuOf(null, null)).isEmpty();
  }

  private static String sha256Prefix(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .substring(0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
