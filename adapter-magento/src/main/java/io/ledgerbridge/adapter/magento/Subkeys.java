package io.ledgerbridge.adapter.magento;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two HKDF subkeys of one master api_key (WIRE §2.2), derived once and kept in a small LRU map.
 * The map is keyed by the SHA-256 of the api_key, so the master key itself is not retained.
 * Returned arrays are copies.
 */
final class Subkeys {
  private static final int MAX_ENTRIES = 256;

  private final Map<String, byte[][]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[][]> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** Key that verifies tokens the store signs (store to us). */
  byte[] outbound(String apiKey) {
    return entry(apiKey)[0].clone();
  }

  /** Key that signs tokens we send to the store (us to store). */
  byte[] inbound(String apiKey) {
    return entry(apiKey)[1].clone();
  }

  private byte[][] entry(String apiKey) {
    String id = fingerprint(apiKey);
    synchronized (cache) {
      byte[][] keys = cache.get(id);
      if (keys == null) {
        keys =
            new byte[][] {
              Hkdf.subkey(apiKey, Hkdf.OUTBOUND_INFO), Hkdf.subkey(apiKey, Hkdf.INBOUND_INFO)
            };
        cache.put(id, keys);
      }
      return keys;
    }
  }

  private static String fingerprint(String apiKey) {
    return Hashing.sha256().hashString(apiKey, StandardCharsets.UTF_8).toString();
  }
}
